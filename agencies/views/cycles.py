"""Cycles: the list (with counts for partnership roles; the agency's own returns for
agency staff), creating a cycle on a pinned template version, the completion view, and
asking more agencies."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from partnership.forms.pickers import offer_in
from partnership.lists import page_of
from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_cycles as selectors
from ..forms.cycles import AgenciesForm, CycleEditForm, CycleForm
from ..models import ExtensionStatus
from ..services import cycles as service


def _chooser(partnership, exclude=None):
    def choose(kinds, sectors):
        agencies = service.agencies_to_ask(partnership, kinds=kinds, sectors=sectors)
        return agencies.exclude(pk__in=exclude) if exclude is not None else agencies
    return choose


@require_GET
def cycle_list(request, slug):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    today = timezone.localdate()
    reader = permissions.can_read(user, partnership)
    can_manage = permissions.can_manage(user, partnership)
    context = {"partnership": partnership, "today": today, "reader": reader,
               "can_manage": can_manage}
    if reader:
        page = page_of(request, selectors.cycle_list(permissions.cycles_for(user, partnership),
                                                     today))
    else:
        page = page_of(request, selectors.own_requests(permissions.requests_for(user, partnership)))
        asking = permissions.asking_agency_ids(user)
        for row in selectors.with_state(page.object_list, today):
            row.can_ask = row.assessment.editable and row.agency_id in asking
    context.update(page=page, query="")
    if can_manage:
        context["pending_extensions"] = permissions.extensions_for(user, partnership).filter(
            status=ExtensionStatus.PENDING).count()
    return render(request, "agencies/cycles/list.html", context)


@require_http_methods(["GET", "POST"])
def cycle_create(request, slug):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    permissions.require_manage(user, partnership)
    templates = permissions.templates_for(user, partnership).order_by(
        "kind", F("partnership_id").asc(nulls_first=True), "name", "-version")
    form = offer_in(bound(CycleForm, request, templates=templates,
                          agencies=service.agencies_to_ask(partnership),
                          choose=_chooser(partnership)), "agencies", request)
    cycle = submit(request, form, lambda: service.cycle_create(
        partnership=partnership, template=form.cleaned_data["template"],
        agencies=form.cleaned_data["chosen"], name=form.cleaned_data["name"],
        opens_on=form.cleaned_data["opens_on"], closes_on=form.cleaned_data["closes_on"]))
    if cycle:
        count = cycle.requests.count()
        messages.success(request, f"{cycle.name} created: {count} agenc{'y' if count == 1 else 'ies'} "
                                  f"asked. It uses version {cycle.template.version} of "
                                  f"{cycle.template.name}.")
        return redirect("s11:cycle", slug=slug, pk=cycle.pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": "Start a cycle",
        "button": "Start the cycle", "back": reverse("s11:cycle-list", args=[slug])})


@require_GET
def cycle_detail(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    cycle = permissions.cycle_for(user, partnership, pk)
    today = timezone.localdate()
    visible = permissions.requests_for(user, partnership).filter(cycle=cycle)
    # Partnership roles follow every agency's progress (never the content of a draft);
    # agency staff see their own agency's request only.
    rows = cycle.requests.all() if permissions.can_read(user, partnership) else visible
    page = page_of(request, selectors.completion_rows(rows))
    page.object_list = selectors.completion(page.object_list, today, readable=visible.filter(
        pk__in=[row.pk for row in page.object_list]).values_list("pk", flat=True))
    asking = permissions.asking_agency_ids(user)
    for row in page.object_list:
        row.can_ask = row.readable and row.assessment.editable and row.agency_id in asking
    return render(request, "agencies/cycles/detail.html", {
        "partnership": partnership, "cycle": cycle, "template": cycle.template,
        "page": page, "query": "", "totals": selectors.completion_totals(rows, today),
        "today": today,
        "can_manage": permissions.can_manage(user, partnership),
        "reader": permissions.can_read(user, partnership)})


@require_http_methods(["GET", "POST"])
def cycle_edit(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    cycle = permissions.cycle_for(user, partnership, pk)
    permissions.require_manage(user, partnership)
    form = bound(CycleEditForm, request, initial={
        name: getattr(cycle, name) for name in service.CYCLE_FIELDS})
    if submit(request, form, lambda: service.cycle_update(cycle=cycle, **form.cleaned_data)):
        messages.success(request, f"{cycle.name} updated.")
        return redirect("s11:cycle", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change {cycle.name}",
        "button": "Save", "back": reverse("s11:cycle", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def cycle_agencies(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    cycle = permissions.cycle_for(user, partnership, pk)
    permissions.require_manage(user, partnership)
    asked = cycle.requests.values("agency_id")
    form = offer_in(bound(AgenciesForm, request,
                          agencies=service.agencies_to_ask(partnership).exclude(pk__in=asked),
                          choose=_chooser(partnership, exclude=asked)), "agencies", request)
    made = submit(request, form, lambda: service.requests_add(
        cycle=cycle, agencies=form.cleaned_data["chosen"]))
    if made:
        messages.success(request, "Asked " + ", ".join(r.agency.name for r in made)
                                  + f". Their deadline is {cycle.closes_on:%-d %B %Y}.")
        return redirect("s11:cycle", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": "Ask more agencies",
        "caption": cycle.name, "button": "Ask these agencies",
        "back": reverse("s11:cycle", args=[slug, pk])})
