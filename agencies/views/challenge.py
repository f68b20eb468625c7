"""/p/<slug>/section-11/challenge/...: challenge (peer review) events of the partnership's
cycles, the agencies invited, the outcome and follow-up actions on the action register.

The business unit records them; the partnership's readers read them; agency staff read
only the events their agency was invited to (any other answers 404) and, of the follow-up
actions, those they can see on the action register."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from governance import permissions as governance_permissions
from governance import selectors as governance
from partnership import permissions as core
from partnership.forms.pickers import offer_in
from partnership.lists import page_of
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.challenge import ChallengeEventEditForm, ChallengeEventForm, FollowUpForm
from ..services import challenge as services

# Views ----------------------------------------------------------------------------------


def _partnership(request, slug):
    partnership = core.partnership_for(request.user, slug)
    if not permissions.sees_challenge(request.user, partnership):
        raise Http404("No such page")
    return partnership


def _event(request, slug, pk):
    partnership = _partnership(request, slug)
    return partnership, permissions.event_for(request.user, partnership, pk)


@require_GET
def event_list(request, slug):
    partnership = _partnership(request, slug)
    events = (permissions.events_for(request.user, partnership).select_related("cycle")
              .prefetch_related("agencies").order_by("-held_on", "-pk"))
    return render(request, "agencies/challenge/list.html", {
        "partnership": partnership, "page": page_of(request, events), "query": "",
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def event_create(request, slug):
    partnership = _partnership(request, slug)
    permissions.require_manage(request.user, partnership)
    form = offer_in(bound(
        ChallengeEventForm, request, agencies=governance.partnership_agencies(partnership),
        cycles=permissions.cycles_for(request.user, partnership).order_by("-opens_on")),
        "agencies", request)
    event = submit(request, form, lambda: services.event_create(**form.cleaned_data))
    if event:
        messages.success(request, f"Challenge event '{event.title}' recorded.")
        return redirect("s11:challenge", slug=slug, pk=event.pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": "Record a challenge event",
        "caption": f"{partnership.name}: challenge events", "button": "Record the event",
        "back": reverse("s11:challenge-list", args=[slug])})


@require_GET
def event_detail(request, slug, pk):
    partnership, event = _event(request, slug, pk)
    user = request.user
    visible = governance_permissions.actions_for(user, partnership)
    actions = list(event.actions.filter(pk__in=visible.values("pk"))
                   .select_related("owner_agency", "owner").order_by("due_on", "reference"))
    agencies = list(event.agencies.order_by("name"))
    return render(request, "agencies/challenge/detail.html", {
        "partnership": partnership, "event": event, "agencies": agencies,
        "actions": governance.with_rag(actions, partnership),
        "can_manage": permissions.can_manage(user, partnership)})


@require_http_methods(["GET", "POST"])
def event_edit(request, slug, pk):
    partnership, event = _event(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    form = bound(ChallengeEventEditForm, request, initial={
        "title": event.title, "held_on": event.held_on, "outcome": event.outcome})
    if submit(request, form, lambda: services.event_update(event=event, **form.cleaned_data)):
        messages.success(request, f"Challenge event '{event.title}' updated.")
        return redirect("s11:challenge", slug=slug, pk=event.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change '{event.title}'",
        "caption": f"{event.cycle.name}: challenge event", "button": "Save",
        "back": reverse("s11:challenge", args=[slug, event.pk])})


@require_http_methods(["GET", "POST"])
def action_add(request, slug, pk):
    partnership, event = _event(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    form = offer_in(bound(FollowUpForm, request,
                          agencies=governance.partnership_agencies(partnership)),
                    "owner_agency", request)
    action = submit(request, form, lambda: services.follow_up_add(
        event=event, created_by=request.user, **form.cleaned_data))
    if action:
        messages.success(request, f"Action {action.code} added to the action register.")
        return redirect("s11:challenge", slug=slug, pk=event.pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form,
        "title": f"Add a follow-up action from '{event.title}'",
        "caption": f"{event.cycle.name}: challenge event", "button": "Add the action",
        "back": reverse("s11:challenge", args=[slug, event.pk])})
