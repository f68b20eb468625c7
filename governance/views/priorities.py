"""/p/<slug>/priorities/... and /p/<slug>/work-plan/...: the yearly priorities and the work
plan that delivers them. People with a partnership role read them; the business unit
writes them; agency staff do not see them (404)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership import permissions as core
from partnership.forms.pickers import offer_in
from partnership.models.dated import today
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.priorities import PlanYearForm, PriorityForm, WorkPlanItemForm
from ..models import ActionStatus
from ..selectors import reports
from ..services import priorities as services

# Views

def _list_url(slug, priority):
    year = reports.financial_year_of(priority.period_start)
    return f"{reverse('governance:priority-list', args=[slug])}?year={year}#priority-{priority.pk}"


@require_GET
def priority_list(request, slug):
    user = request.user
    partnership = permissions.governance_partnership(user, slug)
    priorities = permissions.priorities_for(user, partnership)
    current = reports.financial_year_of(today())
    recorded = reports.priority_years(priorities)
    years = sorted({*recorded, current, current + 1}, reverse=True)
    form = PlanYearForm(request.GET if "year" in request.GET else None, initial={"year": current},
                        choices=[(str(y), reports.financial_year_label(y)) for y in years])
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else current
    start, end = reports.financial_year(year)
    headings = reports.priority_plan(priorities, permissions.actions_for(user, partnership),
                                     partnership, start=start, end=end)
    return render(request, "governance/priorities/list.html", {
        "partnership": partnership, "form": form, "year": year,
        "label": reports.financial_year_label(year), "start": start, "end": end,
        "headings": headings,
        "recorded": [(y, reports.financial_year_label(y)) for y in recorded if y != year],
        "can_manage": permissions.can_manage_governance(user, partnership)})


def _priority_form(request, partnership, form, title, button, back):
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": title, "button": button,
        "back": back})


@require_http_methods(["GET", "POST"])
def priority_create(request, slug):
    partnership = permissions.governance_partnership(request.user, slug)
    permissions.require_manage_governance(request.user, partnership)
    start, end = reports.financial_year(reports.financial_year_of(today()))
    form = bound(PriorityForm, request, initial={"period_start": start, "period_end": end})
    priority = submit(request, form, lambda: services.priority_create(
        partnership=partnership, **form.cleaned_data))
    if priority:
        messages.success(request, f"Priority added: {priority.title}.")
        return redirect(_list_url(slug, priority))
    return _priority_form(request, partnership, form, "Add a priority", "Add the priority",
                          reverse("governance:priority-list", args=[slug]))


@require_http_methods(["GET", "POST"])
def priority_edit(request, slug, pk):
    partnership = permissions.governance_partnership(request.user, slug)
    priority = permissions.priority_for(request.user, partnership, pk)
    permissions.require_manage_governance(request.user, partnership)
    form = bound(PriorityForm, request, initial={
        name: getattr(priority, name) for name in services.PRIORITY_FIELDS})
    title, back = f"Edit the priority: {priority.title}", _list_url(slug, priority)
    if submit(request, form, lambda: services.priority_update(
            priority=priority, **form.cleaned_data)):
        messages.success(request, f"Priority updated: {priority.title}.")
        return redirect(_list_url(slug, priority))
    return _priority_form(request, partnership, form, title, "Save", back)


def _item_choices(user, partnership, item=None):
    linked = Q(pk__in=item.actions.values("pk")) if item is not None else Q(pk__in=[])
    return {
        "groups": permissions.groups_for(user, partnership).order_by("name"),
        "agencies": core.agencies_for(user, partnership).order_by("name"),
        "actions": permissions.actions_for(user, partnership).select_related("owner_agency")
        .filter(~Q(status=ActionStatus.CLOSED) | linked).order_by("reference"),
    }


def _item_form(request, partnership, form, priority, title, button):
    return render(request, "governance/priorities/item_form.html", {
        "partnership": partnership, "form": form, "priority": priority, "title": title,
        "button": button, "back": _list_url(partnership.slug, priority)})


@require_http_methods(["GET", "POST"])
def work_plan_item_create(request, slug, pk):
    partnership = permissions.governance_partnership(request.user, slug)
    priority = permissions.priority_for(request.user, partnership, pk)
    permissions.require_manage_governance(request.user, partnership)
    form = offer_in(bound(WorkPlanItemForm, request, **_item_choices(request.user, partnership),
                          initial={"due_on": priority.period_end}), "lead_agency", request)
    item = submit(request, form, lambda: services.work_plan_item_create(
        priority=priority, **form.cleaned_data))
    if item:
        messages.success(request, f"Work plan item added: {item.title}.")
        return redirect(_list_url(slug, priority))
    return _item_form(request, partnership, form, priority, "Add a work plan item",
                      "Add the item")


@require_http_methods(["GET", "POST"])
def work_plan_item_edit(request, slug, pk):
    partnership = permissions.governance_partnership(request.user, slug)
    item = permissions.work_plan_item_for(request.user, partnership, pk)
    permissions.require_manage_governance(request.user, partnership)
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    initial["actions"] = list(item.actions.values_list("pk", flat=True))
    form = offer_in(bound(WorkPlanItemForm, request,
                          **_item_choices(request.user, partnership, item), initial=initial),
                    "lead_agency", request)
    title = f"Edit the work plan item: {item.title}"
    if submit(request, form, lambda: services.work_plan_item_update(
            item=item, **form.cleaned_data)):
        messages.success(request, f"Work plan item updated: {item.title}.")
        return redirect(_list_url(slug, item.priority))
    return _item_form(request, partnership, form, item.priority, title, "Save")
