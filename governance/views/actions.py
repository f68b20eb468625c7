"""The action register: the list, one action with its progress and evidence, and the
forms that add actions and record progress."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership import permissions as core
from partnership.files import file_response
from partnership.forms.pickers import offer_in
from partnership.lists import filtered_page
from partnership.views.common import bound, submit

from .. import permissions, selectors
from ..forms.lists import ActionFilter
from ..forms.meetings import ActionForm, ProgressForm
from ..services import actions as services


def _action(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    return partnership, permissions.action_for(request.user, partnership, pk)


@require_GET
def action_list(request, slug):
    """The action register: the actions the user may see, filtered (status, source, owner
    agency, overdue), soonest due first, a page at a time."""
    partnership = core.partnership_for(request.user, slug)
    visible = permissions.actions_for(request.user, partnership)
    agencies = selectors.partnership_agencies(partnership).filter(
        pk__in=visible.values("owner_agency_id"))
    filters = ActionFilter(request.GET or None, queryset=selectors.action_register(visible),
                           agencies=agencies)
    page, query = filtered_page(request, filters)
    if page is not None:
        page.object_list = selectors.with_rag(list(page.object_list), partnership)
    return render(request, "governance/actions/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "agency_select": filters.bound_agencies(),
        "can_add": permissions.can_manage_governance(request.user, partnership)})


def _action_form(request, partnership, **kwargs):
    form = bound(ActionForm, request, agencies=selectors.partnership_agencies(partnership),
                 people=selectors.people_in(partnership), **kwargs)
    return offer_in(form, "owner_agency", request)


@require_http_methods(["GET", "POST"])
def action_create(request, slug):
    partnership = core.partnership_for(request.user, slug)
    permissions.require_manage_governance(request.user, partnership)
    meeting = None
    meeting_id = request.GET.get("meeting") or request.POST.get("meeting") or ""
    if meeting_id:
        meeting = permissions.meeting_for(request.user, partnership, meeting_id)
    form = _action_form(request, partnership)
    action = submit(request, form, lambda: services.action_create(
        partnership=partnership, source="meeting" if meeting else "other", meeting=meeting,
        created_by=request.user, **form.cleaned_data))
    if action:
        messages.success(request, f"Action {action.code} added to the register.")
        if meeting:
            return redirect("governance:meeting-detail", slug=slug, pk=meeting.pk)
        return redirect("governance:action-detail", slug=slug, pk=action.pk)
    back = (reverse("governance:meeting-detail", args=[slug, meeting.pk]) if meeting
            else reverse("governance:action-list", args=[slug]))
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "meeting": meeting, "back": back,
        "title": f"Add an action from {meeting}" if meeting else "Add an action",
        "button": "Add the action"})


@require_GET
def action_detail(request, slug, pk):
    partnership, action = _action(request, slug, pk)
    action = selectors.action_detail(action)
    selectors.with_rag([action], partnership)
    user = request.user
    can_update = permissions.can_update_action(user, action)
    return render(request, "governance/actions/detail.html", {
        "partnership": partnership, "action": action, "can_update": can_update,
        "can_edit": permissions.can_manage_governance(user, partnership),
        "form": ProgressForm(initial={"status": action.status},
                             may_close=permissions.can_close_action(user, action))
        if can_update else None})


@require_http_methods(["GET", "POST"])
def action_edit(request, slug, pk):
    partnership, action = _action(request, slug, pk)
    permissions.require_manage_governance(request.user, partnership)
    form = _action_form(request, partnership, initial={
        "description": action.description, "owner_agency": action.owner_agency,
        "owner": action.owner, "due_on": action.due_on})
    if submit(request, form, lambda: services.action_update(action=action, **form.cleaned_data)):
        messages.success(request, f"Action {action.code} updated.")
        return redirect("governance:action-detail", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": f"Change action {action.code}",
        "button": "Save", "back": reverse("governance:action-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def action_progress(request, slug, pk):
    partnership, action = _action(request, slug, pk)
    permissions.require_update_action(request.user, action)
    form = bound(ProgressForm, request, initial={"status": action.status},
                 may_close=permissions.can_close_action(request.user, action))
    data = form.cleaned_data if request.method == "POST" and form.is_valid() else {}
    if submit(request, form, lambda: services.progress_record(
            action=action, author=request.user, status=data["status"], note=data["note"],
            evidence=data["evidence"], evidence_link=data["evidence_link"],
            checked_file=data["evidence_file"])):
        messages.success(request, f"Progress on {action.code} recorded.")
        return redirect("governance:action-detail", slug=slug, pk=pk)
    return render(request, "governance/actions/progress.html", {
        "partnership": partnership, "action": action, "form": form, "multipart": True,
        "title": "Record progress", "button": "Save progress",
        "back": reverse("governance:action-detail", args=[slug, pk])})


@require_GET
def evidence_download(request, slug, pk, update_pk):
    _, action = _action(request, slug, pk)
    update = action.updates.filter(pk=update_pk).exclude(evidence_file="").first()
    if update is None:
        raise Http404("No such evidence")
    return file_response(update.evidence_file, filename=update.evidence_filename,
                         content_type=update.evidence_content_type)
