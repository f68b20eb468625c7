"""Writes to the minutes: the public part (Part A, Meeting.minutes) and, per confidential
item, Part B (ConfidentialMinute); a draft built from the meeting's record; approval at a
later meeting of the group that was held, with the corrections agreed there.

Minutes are written only for a meeting that took place (held or adjourned); once approved
they can no longer change."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.services.common import locked

from ..models import TOOK_PLACE, ConfidentialMinute, MeetingStatus, MinutesStatus
from ..selectors.minutes import draft_from_record

MAX_TEXT = 100_000
MAX_CORRECTIONS = 20_000


def _writable(meeting):
    """Lock the meeting's row and refuse minutes it cannot (or can no longer) have."""
    locked(meeting)
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise WrongState("These minutes have been approved and can no longer be changed")
    if meeting.status not in TOOK_PLACE:
        raise WrongState(f"The meeting is {meeting.get_status_display().lower()}: minutes are "
                         "written only for a meeting that took place (held or adjourned)")


def _part_b(meeting, confidential):
    """Save {AgendaItem: text} as Part B: an empty text removes the item's entry."""
    errors = {}
    for item, text in confidential.items():
        if item.meeting_id != meeting.pk or not item.confidential:
            errors[f"item-{item.pk}"] = "Part B is written only for this meeting's confidential items"
        elif len(text) > MAX_TEXT:
            errors[f"item-{item.pk}"] = f"Keep Part B for one item under {MAX_TEXT:,} characters"
    if errors:
        raise Invalid(errors)
    for item, text in confidential.items():
        if text.strip():
            ConfidentialMinute.objects.update_or_create(meeting=meeting, item=item,
                                                        defaults={"text": text.strip()})
        else:
            ConfidentialMinute.objects.filter(meeting=meeting, item=item).delete()


@transaction.atomic
def minutes_save(*, meeting, text, confidential=None):
    """Save the draft: Part A's `text` and, when given, Part B as {confidential item: text}
    (None leaves Part B as it is: for someone who may not see the confidential items)."""
    _writable(meeting)
    if not text.strip():
        raise Invalid({"text": "Enter the minutes"})
    if len(text) > MAX_TEXT:
        raise Invalid({"text": f"Keep the minutes under {MAX_TEXT:,} characters"})
    if confidential:
        _part_b(meeting, confidential)
    meeting.minutes, meeting.minutes_status = text.strip(), MinutesStatus.DRAFT
    meeting.save(update_fields=["minutes", "minutes_status", "updated_at"])
    return meeting


@transaction.atomic
def minutes_draft(*, meeting, replace=False, confidential=True):
    """Draft the minutes from the record (agenda, attendance and quorum, declarations,
    decisions). Minutes already written are replaced only when `replace` is confirmed;
    Part B entries are added for confidential items without one (all of them rewritten on
    `replace`), and left alone when `confidential` is false (the drafter may not see them)."""
    _writable(meeting)
    if meeting.minutes.strip() and not replace:
        raise WrongState("Minutes have already been written for this meeting. Confirm that "
                         "the draft from the record should replace them")
    text, part_b = draft_from_record(meeting)
    if confidential:
        written = set(meeting.confidential_minutes.values_list("item_id", flat=True))
        _part_b(meeting, {item: entry for item, entry in part_b.items()
                          if replace or item.pk not in written})
    meeting.minutes, meeting.minutes_status = text, MinutesStatus.DRAFT
    meeting.save(update_fields=["minutes", "minutes_status", "updated_at"])
    return meeting


@transaction.atomic
def minutes_approve(*, meeting, at_meeting, corrections=""):
    """Draft minutes are approved at a later meeting of the same group that was held, with
    the corrections agreed there (kept with the approved minutes)."""
    locked(meeting)
    locked(at_meeting)
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise WrongState("Only draft minutes can be approved")
    if at_meeting.group_id != meeting.group_id or at_meeting.starts_at <= meeting.starts_at:
        raise Invalid({"at_meeting": "Choose a later meeting of the same group"})
    if at_meeting.status != MeetingStatus.HELD:
        day = timezone.localtime(at_meeting.starts_at)
        raise Invalid({"at_meeting": f"The meeting on {day:%-d %B %Y} is "
                                     f"{at_meeting.get_status_display().lower()}: minutes are "
                                     "approved at a later meeting that was held"})
    if len(corrections) > MAX_CORRECTIONS:
        raise Invalid({"corrections": f"Keep the corrections under {MAX_CORRECTIONS:,} "
                                      "characters"})
    meeting.minutes_status, meeting.minutes_approved_at = MinutesStatus.APPROVED, at_meeting
    meeting.minutes_corrections = corrections.strip()
    meeting.save(update_fields=["minutes_status", "minutes_approved_at", "minutes_corrections",
                                "updated_at"])
    return meeting
