"""/p/<slug>/scrutiny/activities/...: the scrutiny plan by financial year, each activity
with its findings (a recommendation becomes an action on the action register, source
"scrutiny"), and the scrutineer's report sections for the yearly report. Scrutiny readers
see; the scrutineer and the business unit write (403 for other readers); anyone else 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from governance.selectors import partnership_agencies, people_in
from partnership import rich_text
from partnership.forms.pickers import offer_in
from partnership.lists import filtered_page
from partnership.models.dated import today
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.activities import ActivityEditForm, ActivityForm, FindingForm, SectionForm
from ..forms.lists import ActivityFilter
from ..selectors import activities as selectors
from ..services import activities as services


def _financial_year(day):
    return day.year if day.month >= 4 else day.year - 1


def _year(request, years):
    raw = request.GET.get("year", "")
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return years[0] if years else _financial_year(today())


@require_GET
def activity_list(request, slug):
    """The scrutiny plan of one financial year, filtered by type and status, a page at a
    time."""
    partnership = permissions.partnership_for_readers(request.user, slug)
    activities = permissions.activities_for(request.user, partnership)
    years = selectors.activity_years(activities)
    year = _year(request, years)
    filters = ActivityFilter(request.GET or None,
                             queryset=selectors.activity_list(activities, year=year))
    page, query = filtered_page(request, filters)
    return render(request, "scrutiny/activities/list.html", {
        "partnership": partnership, "year": year, "years": sorted({*years, year}, reverse=True),
        "year_label": f"{year}/{(year + 1) % 100:02d}", "form": filters.form, "page": page,
        "query": query, "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def activity_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(ActivityForm, request, people=people_in(partnership),
                 initial={"year": _financial_year(today())})
    activity = submit(request, form, lambda: services.activity_create(
        partnership=partnership, created_by=request.user, **form.cleaned_data))
    if activity:
        messages.success(request, f"{activity.title} added to the scrutiny plan.")
        return redirect("scrutiny:activity-detail", slug=slug, pk=activity.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a scrutiny activity",
        "caption": "Scrutiny plan", "button": "Add the activity",
        "back": reverse("scrutiny:activity-list", args=[slug])})


@require_GET
def activity_detail(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    activity = selectors.activity_detail(permissions.activity_for(request.user, partnership, pk))
    return render(request, "scrutiny/activities/detail.html", {
        "partnership": partnership, "activity": activity,
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def activity_edit(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    activity = permissions.activity_for(request.user, partnership, pk)
    permissions.require_manage(request.user, partnership)
    initial = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    form = bound(ActivityEditForm, request, people=people_in(partnership), initial=initial)
    if submit(request, form, lambda: services.activity_update(activity=activity,
                                                              **form.cleaned_data)):
        messages.success(request, f"{activity.title} updated.")
        return redirect("scrutiny:activity-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change {activity.title}",
        "caption": "Scrutiny plan", "button": "Save",
        "back": reverse("scrutiny:activity-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def finding_create(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    activity = permissions.activity_for(request.user, partnership, pk)
    permissions.require_manage(request.user, partnership)
    form = offer_in(bound(FindingForm, request, agencies=partnership_agencies(partnership)),
                    "owner_agency", request)
    finding = submit(request, form, lambda: services.finding_add(
        activity=activity, created_by=request.user, **form.cleaned_data))
    if finding:
        done = f" and action {finding.action.code} added to the action register" \
            if finding.action_id else ""
        messages.success(request, f"Finding recorded{done}.")
        return redirect("scrutiny:activity-detail", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": f"Add a finding to {activity.title}",
        "caption": "Scrutiny plan", "button": "Add the finding",
        "back": reverse("scrutiny:activity-detail", args=[slug, pk])})


@require_GET
def section_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    sections = permissions.sections_for(request.user, partnership)
    years = sorted(set(sections.values_list("year", flat=True)), reverse=True)
    year = _year(request, years)
    rows = list(sections.filter(year=year).select_related("author").order_by("order", "pk"))
    for section in rows:
        section.html = rich_text.to_html(section.body)
    return render(request, "scrutiny/activities/sections.html", {
        "partnership": partnership, "sections": rows, "year": year,
        "years": sorted({*years, year}, reverse=True),
        "year_label": f"{year}/{(year + 1) % 100:02d}",
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def section_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(SectionForm, request, initial={"year": _financial_year(today())})
    section = submit(request, form, lambda: services.section_create(
        partnership=partnership, author=request.user, **form.cleaned_data))
    if section:
        messages.success(request, f"Section {section.title} added.")
        return redirect(reverse("scrutiny:section-list", args=[slug]) + f"?year={section.year}")
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a section to the scrutiny report",
        "caption": "Scrutineer's report", "button": "Add the section",
        "back": reverse("scrutiny:section-list", args=[slug])})


@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    section = permissions.section_for(request.user, partnership, pk)
    permissions.require_manage(request.user, partnership)
    form = bound(SectionForm, request, initial={name: getattr(section, name)
                                                for name in services.SECTION_FIELDS})
    if submit(request, form, lambda: services.section_update(
            section=section, author=request.user, **form.cleaned_data)):
        messages.success(request, f"Section {section.title} updated.")
        return redirect(reverse("scrutiny:section-list", args=[slug]) + f"?year={section.year}")
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change {section.title}",
        "caption": "Scrutineer's report", "button": "Save",
        "back": reverse("scrutiny:section-list", args=[slug]) + f"?year={section.year}"})
