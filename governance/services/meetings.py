"""Writes to meetings: the schedule, agenda and papers, attendance, declarations, minutes
and decisions. A change to a meeting's time or place bumps its calendar sequence so that
subscribed calendars update the event (and invitations are updated); its status changes only
through the steps of services/lifecycle.py."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnership import dates
from partnership.dates import add_months
from partnership.errors import Invalid
from partnership.files import file_save
from partnership.services.common import locked, model_update

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    Meeting,
    Paper,
)
from ..models.groups import FREQUENCY_MONTHS
from .agenda import require_open
from .invitations import updates_queue
from .lifecycle import meeting_adjourn, meeting_cancel, meeting_held, require_changeable  # noqa: F401
from .records import require_took_place

# The status changes only through the steps of services/lifecycle.py, never through an edit.
MEETING_FIELDS = ("starts_at", "duration_minutes", "location", "online_link")
CALENDAR_FIELDS = MEETING_FIELDS
ITEM_FIELDS = ("position", "title", "owner", "owner_label", "duration_minutes", "notes",
               "confidential")
MAX_SCHEDULE = 24


def schedule_dates(group, first, count):
    """The dates of `count` meetings from `first` at the group's frequency. A date that
    falls on a weekend, bank holiday or closure day moves to the next working day."""
    months = FREQUENCY_MONTHS.get(group.frequency)
    if months is None:
        raise Invalid("Meetings held as needed cannot be scheduled in advance; add "
                      "them one at a time")
    if not 1 <= count <= MAX_SCHEDULE:
        raise Invalid({"count": f"Enter a number of meetings between 1 and {MAX_SCHEDULE}"})
    calendar = dates.local(group.partnership)
    result = []
    for n in range(count):
        day = add_months(first, months * n)
        while not calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        result.append(day)
    return result


@transaction.atomic
def schedule_generate(*, group, first, start_time, count, location=""):
    """Create a year's (or `count`) meetings; days that already have a meeting are skipped.
    Returns the meetings made."""
    if group.end_date and first > group.end_date:
        raise Invalid({"first": f"{group} ends on {group.end_date:%-d %B %Y}"})
    tz = timezone.get_current_timezone()
    existing = {m.starts_at.astimezone(tz).date() for m in group.meetings.all()}
    made = []
    for day in schedule_dates(group, first, count):
        if day in existing or (group.end_date and day > group.end_date):
            continue
        made.append(Meeting.objects.create(
            group=group, location=location, duration_minutes=group.meeting_minutes or 120,
            starts_at=datetime.datetime.combine(day, start_time, tzinfo=tz)))
    return made


@transaction.atomic
def meeting_create(*, group, **fields):
    fields.setdefault("duration_minutes", group.meeting_minutes or 120)
    return model_update(Meeting(group=group), fields, MEETING_FIELDS)


@transaction.atomic
def meeting_update(*, meeting, **fields):
    """A change to what a calendar shows bumps the meeting's sequence (so calendar programs
    replace their copy), counted on the locked row: two changes at once bump it twice; those
    holding an e-mailed invitation are sent the update. A cancelled meeting is not changed."""
    locked(meeting)
    require_changeable(meeting)
    changed = any(getattr(meeting, name) != value for name, value in fields.items()
                  if name in CALENDAR_FIELDS)
    if changed:
        meeting.sequence += 1
    meeting = model_update(meeting, fields, MEETING_FIELDS, also=("sequence",))
    if changed:
        updates_queue(meeting)
    return meeting


@transaction.atomic
def item_add(*, meeting, **fields):
    require_open(meeting)
    if "position" not in fields:
        last = meeting.items.order_by("-position").first()
        fields["position"] = (last.position + 1) if last else 1
    return model_update(AgendaItem(meeting=meeting), fields, ITEM_FIELDS)


@transaction.atomic
def item_update(*, item, **fields):
    require_open(item.meeting)
    return model_update(item, fields, ITEM_FIELDS)


@transaction.atomic
def paper_add(*, item, checked, title, user):
    """Attach a file already passed through uploads.check_upload."""
    require_open(item.meeting)
    paper = Paper(item=item, title=title or checked.filename, filename=checked.filename,
                  content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
                  uploaded_by=user)
    file_save(paper.file, checked)
    paper.save()
    return paper


@transaction.atomic
def attendance_record(*, meeting, entries):
    """`entries`: {GroupMember: (status, deputy_name)}. Replaces what was recorded for
    those members, at a meeting that took place."""
    require_took_place(meeting)
    errors = {}
    for member, (status, deputy_name) in entries.items():
        if member.group_id != meeting.group_id:
            errors[f"member-{member.pk}"] = f"{member} does not sit on {meeting.group}"
        elif status not in AttendanceStatus.values:
            errors[f"member-{member.pk}"] = f"Choose whether {member} attended"
        elif status == AttendanceStatus.DEPUTY and not deputy_name.strip():
            errors[f"member-{member.pk}"] = f"Enter the name of the deputy sent by {member}"
    if errors:
        raise Invalid(errors)
    for member, (status, deputy_name) in entries.items():
        Attendance.objects.update_or_create(
            meeting=meeting, member=member,
            defaults={"status": status, "agency": member.agency,
                      "deputy_name": deputy_name.strip() if status == "deputy" else ""})
    return meeting


@transaction.atomic
def declaration_add(*, meeting, person, interest, item=None):
    require_took_place(meeting)
    return model_update(Declaration(meeting=meeting), {
        "person": person, "interest": interest, "item": item}, ("person", "interest", "item"))


@transaction.atomic
def decision_add(*, meeting, text, item=None):
    require_took_place(meeting)
    return model_update(Decision(meeting=meeting), {"text": text, "item": item},
                        ("text", "item"))
