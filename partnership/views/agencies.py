from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions, selectors
from ..forms import AgencyForm
from ..forms.designations import AgencySearchForm, DesignationEditForm, DesignationForm
from ..forms.list_filters import AgencyFilter
from ..lists import filtered_page
from ..services import structure
from .common import attempt, bound


@require_GET
def agency_list(request, slug):
    """The partnership's agencies a page at a time, statutory partners first, filtered by
    name, kind of participation and sector."""
    partnership = permissions.partnership_for(request.user, slug)
    agencies = selectors.agency_list(
        agencies=permissions.agencies_for(request.user, partnership), partnership=partnership
    )
    filters = AgencyFilter(request.GET or None, queryset=agencies)
    page, query = filtered_page(request, filters)
    if page is not None:
        counts = selectors.participation_counts(filters.qs)
        page.object_list = list(page.object_list)
        for agency in page.object_list:
            heading = selectors.PARTICIPATION[agency.participation]
            agency.heading = f"{heading} ({counts[agency.participation]:,})"
    return render(request, "agencies/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "can_designate": permissions.can_manage_designations(request.user, partnership)})


@require_GET
def agency_detail(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    agency = permissions.agency_for(request.user, partnership, pk)
    designations = agency.designations.active().filter(
        partnership__in=permissions.partnerships_for(request.user)
    ).select_related("partnership")
    context = {
        "partnership": partnership,
        "agency": agency,
        "designations": designations,
        "can_designate": permissions.can_manage_designations(request.user, partnership),
        "can_edit": permissions.can_change_agency(request.user, agency),
        "can_change_organisation": permissions.can_change_organisation(
            request.user, partnership, agency),
        "people": selectors.agency_people(agency)
        if permissions.can_view_agency_people(request.user, agency) else None,
    }
    return render(request, "agencies/detail.html", context)


@require_http_methods(["GET", "POST"])
def agency_edit(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    agency = permissions.agency_for(request.user, partnership, pk)
    permissions.require_change_agency(request.user, agency)
    form = AgencyForm(request.POST if request.method == "POST" else None, instance=agency)
    if request.method == "POST" and form.is_valid():
        structure.agency_update(agency=agency, **{
            field: form.cleaned_data[field] for field in form.changed_data
        })
        messages.success(request, f"{agency.name} has been updated.")
        return redirect("agency-detail", slug=partnership.slug, pk=agency.pk)
    if request.method == "POST":
        agency.refresh_from_db()
    return render(request, "agencies/edit.html",
                  {"partnership": partnership, "agency": agency, "form": form})


@require_http_methods(["GET", "POST"])
def designation_add(request, slug):
    """The business unit designates an agency: a relevant agency, or a designated childcare
    or education agency (Children's Wellbeing and Schools Act 2026, s2), with the reason."""
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_manage_designations(request.user, partnership)
    search = AgencySearchForm(request.GET)
    form = bound(DesignationForm, request, partnership=partnership, search=search.search())
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: structure.designation_create(
            partnership=partnership, **form.cleaned_data), form=form)
        if outcome.done:
            made = outcome.result
            messages.success(request, f"{made.agency.name} is designated as: "
                                      f"{made.get_kind_display().lower()}.")
            return redirect("agency-detail", slug=partnership.slug, pk=made.agency_id)
    return render(request, "agencies/designation_add.html", {
        "partnership": partnership, "form": form, "search": search, "title": "Designate an agency",
        "button": "Designate the agency", "back": reverse("agency-list", args=[slug])})


@require_http_methods(["GET", "POST"])
def designation_edit(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    designation = permissions.designation_for(request.user, partnership, pk)
    initial = {name: getattr(designation, name) for name in structure.DESIGNATION_EDITABLE_FIELDS}
    form = bound(DesignationEditForm, request, designation=designation, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        outcome = attempt(lambda: structure.designation_update(designation=designation,
                                                               **changed), form=form)
        if outcome.done:
            messages.success(request, f"{designation.agency.name}'s designation is updated.")
            return redirect("agency-detail", slug=partnership.slug, pk=designation.agency_id)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "caption": designation.agency.name,
        "title": "Change the designation", "button": "Save",
        "back": reverse("agency-detail", args=[slug, designation.agency_id])})
