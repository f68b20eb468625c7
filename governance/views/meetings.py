"""Meeting pages: the list, a meeting with its agenda, papers, attendance, quorum,
declarations, decisions, minutes and actions, and the forms that record them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from partnership import permissions as core
from partnership.files import file_response
from partnership.lists import filtered_page
from partnership.views.common import bound, submit

from .. import permissions, selectors
from ..forms.lists import MeetingFilter
from ..forms.meetings import (
    AttendanceForm,
    DecisionForm,
    DeclarationForm,
    ItemForm,
    MeetingForm,
    PaperForm,
)
from ..selectors.attendance import attendance_page
from ..selectors.lifecycle import lifecycle_actions
from ..services import meetings as services
from .agenda import _meeting, visible_agenda


def _page(request, template, partnership, meeting, form, title, button, **extra):
    return render(request, template, {
        "partnership": partnership, "meeting": meeting, "form": form, "title": title,
        "caption": str(meeting), "button": button, "back": _detail_url(partnership, meeting),
        **extra})


def _detail_url(partnership, meeting):
    return reverse("governance:meeting-detail", args=[partnership.slug, meeting.pk])


@require_GET
def meeting_list(request, slug):
    """The meetings the user may see, upcoming (soonest first) or past (latest first), of
    one group or all, a page at a time."""
    partnership = core.partnership_for(request.user, slug)
    groups = permissions.groups_for(request.user, partnership).order_by("name")
    filters = MeetingFilter(request.GET, groups=groups, queryset=selectors.meeting_list(
        permissions.meetings_for(request.user, partnership)))
    page, query = filtered_page(request, filters)
    return render(request, "governance/meetings/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "when": filters.form.data.get("when")})


@require_GET
def meeting_detail(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk)
    user, group = request.user, meeting.group
    confidential = permissions.sees_confidential(user, group)
    items = visible_agenda(user, meeting)
    seats, rows = selectors.meeting_attendance(meeting)
    visible_items = {item.pk for item in items}

    def shown(records):  # declarations and decisions about items the user may not see
        return [r for r in records if r.item_id is None or r.item_id in visible_items]

    actions = permissions.actions_for(user, partnership).filter(meeting=meeting) \
        .select_related("owner_agency", "owner")
    return render(request, "governance/meetings/detail.html", {
        "partnership": partnership, "meeting": meeting, "group": group, "items": items,
        "seats": seats, "quorum": selectors.quorum(meeting, rows, selectors.statutory_partners(
            group.partnership, on=meeting.starts_at)),
        "declarations": shown(list(meeting.declarations.select_related("item")
                                   .prefetch_related("corrections__made_by"))),
        "decisions": shown(list(meeting.decisions.select_related("item")
                                .prefetch_related("corrections__made_by"))),
        "show_minutes": permissions.reads_minutes(user, meeting),
        "part_b": list(permissions.confidential_minutes_for(user, meeting)),
        "actions": selectors.with_rag(list(actions), partnership),
        "can_run": permissions.can_run_group(user, group),
        "can_add_action": permissions.can_manage_governance(user, partnership),
        "sees_confidential": confidential,
        **lifecycle_actions(user, meeting),
    })


@require_http_methods(["GET", "POST"])
def meeting_create(request, slug, group_pk):
    partnership = core.partnership_for(request.user, slug)
    group = permissions.group_for(request.user, partnership, group_pk)
    permissions.require_run_group(request.user, group)
    form = bound(MeetingForm, request, initial={
        "duration_minutes": group.meeting_minutes or 120, "time": "10:00"})
    meeting = submit(request, form, lambda: services.meeting_create(
        group=group, **form.meeting_fields(timezone.get_current_timezone())))
    if meeting:
        messages.success(request, f"Meeting on {timezone.localtime(meeting.starts_at):%-d %B %Y} added.")
        return redirect("governance:meeting-detail", slug=slug, pk=meeting.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Add a meeting of {group}",
        "button": "Add the meeting", "back": reverse("governance:group-detail", args=[slug, group.pk])})


def _form_page(request, partnership, meeting, form, write, done, title, button,
               template="form.html", **extra):
    """A form about a meeting: for a valid POST run the service write, say `done` and go
    back to the meeting; otherwise show the form with its errors."""
    if submit(request, form, write):
        messages.success(request, done)
        return redirect("governance:meeting-detail", slug=partnership.slug, pk=meeting.pk)
    return _page(request, template, partnership, meeting, form, title, button, **extra)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    local = timezone.localtime(meeting.starts_at)
    form = bound(MeetingForm, request, initial={
        "date": local.date(), "time": f"{local:%H:%M}", "duration_minutes": meeting.duration_minutes,
        "location": meeting.location, "online_link": meeting.online_link})
    return _form_page(request, partnership, meeting, form, lambda: services.meeting_update(
        meeting=meeting, **form.meeting_fields(timezone.get_current_timezone())),
        "Meeting updated.", "Change the meeting's time or place", "Save")


@require_http_methods(["GET", "POST"])
def item_add(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(ItemForm, request)
    return _form_page(request, partnership, meeting, form, lambda: services.item_add(
        meeting=meeting, **form.cleaned_data), "Agenda item added.", "Add an agenda item",
        "Add the item")


def _item(request, meeting, item_pk):
    try:
        return permissions.items_for(request.user, meeting).get(pk=item_pk)
    except (meeting.items.model.DoesNotExist, ValueError):
        raise Http404("No such item") from None


@require_http_methods(["GET", "POST"])
def item_edit(request, slug, pk, item_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    item = _item(request, meeting, item_pk)
    form = bound(ItemForm, request, initial={
        "title": item.title, "owner_label": item.owner_label, "notes": item.notes,
        "duration_minutes": item.duration_minutes, "confidential": item.confidential})
    return _form_page(request, partnership, meeting, form, lambda: services.item_update(
        item=item, **form.cleaned_data), "Agenda item updated.", f"Change item {item.position}",
        "Save")


@require_http_methods(["GET", "POST"])
def paper_add(request, slug, pk, item_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    item = _item(request, meeting, item_pk)
    form = bound(PaperForm, request)
    return _form_page(request, partnership, meeting, form, lambda: services.paper_add(
        item=item, checked=form.cleaned_data["file"], title=form.cleaned_data["title"],
        user=request.user), f"Paper added to item {item.position}.",
        f"Add a paper to ‘{item.title}’", "Upload the paper", multipart=True)


@require_GET
def paper_download(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    paper = permissions.paper_for(request.user, partnership, pk)
    return file_response(paper.file, filename=paper.filename, content_type=paper.content_type)


@require_http_methods(["GET", "POST"])
def attendance(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    seats, rows = selectors.meeting_attendance(meeting)
    form = bound(AttendanceForm, request, seats=seats)
    return _form_page(request, partnership, meeting, form, lambda: services.attendance_record(
        meeting=meeting, entries=form.entries()),
        "Everyone was recorded as present." if form.all_present else "Attendance recorded.",
        "Record attendance", "Save attendance", template="governance/meetings/attendance.html",
        **attendance_page(meeting, rows))


@require_http_methods(["GET", "POST"])
def declaration_add(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(DeclarationForm, request, items=permissions.items_for(request.user, meeting))
    return _form_page(request, partnership, meeting, form, lambda: services.declaration_add(
        meeting=meeting, **form.cleaned_data), "Declaration of interest recorded.",
        "Record a declaration of interest", "Record the declaration")


@require_http_methods(["GET", "POST"])
def decision_add(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(DecisionForm, request, items=permissions.items_for(request.user, meeting))
    return _form_page(request, partnership, meeting, form, lambda: services.decision_add(
        meeting=meeting, **form.cleaned_data), "Decision recorded.", "Record a decision",
        "Record the decision")
