"""The business unit's pages for people and roles."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions, roles, selectors
from ..forms import InviteForm, MembershipEndForm
from ..forms.list_filters import AgencyRoleFilter
from ..forms.pickers import offer_in
from ..forms.second_factor import OPTIONAL, REQUIRED, AgencyStaffSecondFactorForm
from ..lists import filtered_page
from ..selectors import second_factor
from ..services import mfa, people
from .common import bound, submit


def _partnership_managed_by(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_manage_members(request.user, partnership)
    return partnership


@require_GET
def people_list(request, slug):
    partnership = _partnership_managed_by(request, slug)
    people_list = selectors.people_list(partnership)
    filters = AgencyRoleFilter(request.GET or None, queryset=people_list["agency_roles"])
    page, query = filtered_page(request, filters)
    with_second_factor = second_factor.people_with_second_factor(
        people_list["partnership_roles"] + (list(page) if page is not None else []))
    return render(request, "people/list.html", {
        "partnership": partnership, "with_second_factor": with_second_factor,
        "partnership_roles": people_list["partnership_roles"], "page": page, "query": query,
        "form": filters.form})


def _invite(request, partnership, data):
    return people.user_invite(
        invited_by=request.user, partnership=partnership, email=data["email"],
        full_name=data["full_name"] or data["email"], job_title=data["job_title"],
        role=data["role"], agency=data["agency"], title=data["title"],
        start_date=data["start_date"], end_date=data["end_date"],
    )


@require_http_methods(["GET", "POST"])
def invite(request, slug):
    partnership = _partnership_managed_by(request, slug)
    form = offer_in(bound(InviteForm, request, partnership=partnership), "agency", request)
    membership = submit(request, form, lambda: _invite(request, partnership, form.cleaned_data))
    if membership is not None:
        messages.success(
            request,
            f"{membership.user.email} now holds the role "
            f"{roles.get(form.cleaned_data['role']).label.lower()}. We have e-mailed them.",
        )
        return redirect("people", slug=partnership.slug)
    return render(request, "people/invite.html", {
        "partnership": partnership, "form": form, "roles": roles.ROLES})


@require_http_methods(["GET", "POST"])
def membership_end(request, slug, kind, pk):
    partnership = permissions.partnership_for(request.user, slug)
    membership = permissions.membership_for(request.user, partnership, kind, pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST" and form.is_valid():
        people.membership_end(membership=membership, end_date=form.cleaned_data["end_date"])
        messages.success(request, f"{membership.user}'s role as "
                                  f"{membership.get_role_display().lower()} ends on "
                                  f"{membership.end_date:%-d %B %Y}.")
        return redirect("people", slug=partnership.slug)
    return render(request, "people/end.html",
                  {"partnership": partnership, "membership": membership, "form": form})


@require_http_methods(["GET", "POST"])
def second_factor_reset(request, slug, pk):
    """The business unit removes a person's second factors (a lost or replaced phone), after
    a confirmation page."""
    partnership = permissions.partnership_for(request.user, slug)
    person = permissions.person_for_second_factor_reset(request.user, partnership, pk)
    if request.method == "POST":
        mfa.second_factor_reset(person=person, by=request.user, partnership=partnership)
        messages.success(request, f"{person.full_name}'s second factor has been reset. We have "
                                  "signed them out and e-mailed them.")
        return redirect("people", slug=partnership.slug)
    return render(request, "people/second_factor_reset.html", {
        "partnership": partnership, "person": person,
        "second_factors": second_factor.second_factors(person)})


@require_http_methods(["GET", "POST"])
def second_factor_setting(request, slug):
    """Whether the partnership's agency leads and contributors must have a second factor."""
    partnership = _partnership_managed_by(request, slug)
    initial = REQUIRED if partnership.agency_staff_mfa_required else OPTIONAL
    form = bound(AgencyStaffSecondFactorForm, request, initial={"second_factor": initial})
    if submit(request, form, lambda: mfa.agency_staff_mfa_set(partnership=partnership,
                                                              required=form.required())):
        messages.success(request, "Agency leads and contributors now need a second factor."
                         if partnership.agency_staff_mfa_required else
                         "A second factor is now optional for agency leads and contributors.")
        return redirect("people", slug=partnership.slug)
    return render(request, "people/second_factor_setting.html", {
        "partnership": partnership, "form": form, "button": "Save",
        "title": "Second factor for agency leads and contributors",
        "back": reverse("people", args=[partnership.slug])})
