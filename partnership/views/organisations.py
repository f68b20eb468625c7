"""The business unit's pages for an agency's new name and its merger into another agency
(partnership/services/organisations.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import permissions
from ..forms.organisations import NEW, AgencyMergeForm, AgencyRenameForm
from ..services import organisations
from .common import bound, submit


def _agency_changed_by(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    agency = permissions.agency_for(request.user, partnership, pk)
    permissions.require_change_organisation(request.user, partnership, agency)
    return partnership, agency


@require_http_methods(["GET", "POST"])
def agency_rename(request, slug, pk):
    partnership, agency = _agency_changed_by(request, slug, pk)
    old_name = agency.name
    form = bound(AgencyRenameForm, request)
    renamed = submit(request, form, lambda: organisations.agency_rename(
        agency=agency, name=form.cleaned_data["name"],
        start_date=form.cleaned_data["start_date"]))
    if renamed is not None:
        messages.success(request, f"{old_name} is called {renamed.name} from "
                                  f"{form.cleaned_data['start_date']:%-d %B %Y}. Records made "
                                  "before then keep the old name.")
        return redirect("agency-detail", slug=partnership.slug, pk=agency.pk)
    if request.method == "POST":
        agency.refresh_from_db()
    return render(request, "agencies/rename.html",
                  {"partnership": partnership, "agency": agency, "form": form})


def _merge(agency, data, successor):
    if data["into"] == NEW:
        return organisations.agency_merge_into_new(
            agency=agency, name=data["new_name"], sector=data["new_sector"],
            merged_on=data["merged_on"])
    return organisations.agency_merge(agency=agency, into=successor, merged_on=data["merged_on"])


@require_http_methods(["GET", "POST"])
def agency_merge(request, slug, pk):
    partnership, agency = _agency_changed_by(request, slug, pk)
    candidates = permissions.agencies_for(request.user, partnership).order_by("name")
    form = bound(AgencyMergeForm, request, agency=agency, candidates=candidates)
    merged = submit(request, form, lambda: _merge(agency, form.cleaned_data, form.successor()))
    if merged is not None:
        messages.success(request, f"{merged.name} became part of {merged.merged_into.name} on "
                                  f"{merged.merged_on:%-d %B %Y}. Its records keep its name.")
        return redirect("agency-detail", slug=partnership.slug, pk=merged.merged_into_id)
    if request.method == "POST":
        agency.refresh_from_db()
    return render(request, "agencies/merge.html",
                  {"partnership": partnership, "agency": agency, "form": form})
