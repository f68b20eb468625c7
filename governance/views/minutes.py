"""The minutes of a meeting: the draft (Part A and, for those who may see them, a Part B
entry per confidential item), a draft built from the record, approval at a later held
meeting with its corrections, and the minutes as PDF and Word downloads."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership import permissions as core
from partnership.exports import download
from partnership.views.common import attempt, bound

from .. import minutes_export, permissions
from ..forms.minutes import MinutesApproveForm, MinutesDraftForm, MinutesForm
from ..models import Meeting, MeetingStatus
from ..selectors.minutes import minutes_document
from ..services import minutes as services
from .meetings import _form_page, _meeting


def _confidential_items(user, meeting):
    """The confidential items whose Part B the user may write (none if they may not see
    the group's confidential business)."""
    if not permissions.sees_confidential(user, meeting.group):
        return []
    return list(meeting.items.filter(confidential=True).order_by("position", "pk"))


@require_http_methods(["GET", "POST"])
def minutes_edit(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    items = _confidential_items(request.user, meeting)
    written = {m.item_id: m.text for m in meeting.confidential_minutes.all()} if items else {}
    form = bound(MinutesForm, request, items=items, initial={
        "text": meeting.minutes, **{f"item-{i.pk}": written.get(i.pk, "") for i in items}})
    return _form_page(request, partnership, meeting, form, lambda: services.minutes_save(
        meeting=meeting, text=form.cleaned_data["text"], confidential=form.confidential()),
        "Draft minutes saved. Only the group's members can read them until they are approved.",
        "Draft minutes", "Save the draft", template="governance/minutes/edit.html")


@require_POST
def minutes_draft(request, slug, pk):
    """Draft the minutes from the record, then edit them (refused, with the reason shown on
    the meeting page, when minutes are already written and replacing them is not confirmed)."""
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = MinutesDraftForm(request.POST)
    replace = form.is_valid() and form.cleaned_data["replace"]
    outcome = attempt(lambda: services.minutes_draft(
        meeting=meeting, replace=replace,
        confidential=permissions.sees_confidential(request.user, meeting.group)),
        request=request)
    if not outcome.done:
        return redirect(reverse("governance:meeting-detail", args=[slug, meeting.pk]) + "#minutes")
    messages.success(request, "Minutes drafted from the record. Check and edit them, then save "
                              "the draft.")
    return redirect("governance:meeting-minutes", slug=partnership.slug, pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def minutes_approve(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    held_later = Meeting.objects.filter(group=meeting.group, starts_at__gt=meeting.starts_at,
                                        status=MeetingStatus.HELD).order_by("starts_at")
    form = bound(MinutesApproveForm, request, meetings=held_later)
    return _form_page(request, partnership, meeting, form, lambda: services.minutes_approve(
        meeting=meeting, at_meeting=form.cleaned_data["at_meeting"],
        corrections=form.cleaned_data["corrections"]),
        "Minutes approved. Everyone who can see the meeting can now read their public part.",
        "Approve the minutes", "Approve the minutes", template="governance/minutes/approve.html",
        has_choices=held_later.exists())


def _document(request, slug, pk):
    """The minutes as the user may read them: 404 for a meeting they may not see, and for
    minutes they may not read (none written, or a draft they are not a member for)."""
    partnership = core.partnership_for(request.user, slug)
    meeting = permissions.meeting_for(request.user, partnership, pk)
    if not permissions.reads_minutes(request.user, meeting):
        raise Http404("No minutes to read")
    return minutes_document(meeting, permissions.confidential_minutes_for(request.user, meeting))


@require_GET
def minutes_pdf(request, slug, pk):
    document = _document(request, slug, pk)
    return download(minutes_export.minutes_pdf(document),
                    minutes_export.filename(document.meeting, "pdf"), minutes_export.PDF_TYPE)


@require_GET
def minutes_docx(request, slug, pk):
    document = _document(request, slug, pk)
    return download(minutes_export.minutes_docx(document),
                    minutes_export.filename(document.meeting, "docx"), minutes_export.DOCX_TYPE)
