"""Reads for the minutes: a draft built from the meeting's record, and the minutes as a
document (for the page, the API and the PDF and Word exports).

Minutes are plain text. A paragraph whose first line is a numbered heading ("3. Budget")
is a heading in the exports, which is how the draft writes its sections; an officer writing
minutes by hand gets the same by numbering their minutes the usual way."""

import re
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import AttendanceStatus, MinutesStatus
from . import meeting_attendance, quorum, statutory_partners

HEADING = re.compile(r"^\d{1,3}\.\s+\S")
MAX_HEADING = 200


def _live(records):
    """Records not withdrawn (a withdrawn decision or declaration stays out of the minutes)."""
    return [r for r in records if getattr(r, "withdrawn_at", None) is None]


def _attendance_lines(meeting):
    seats, rows = meeting_attendance(meeting)
    groups = {status: [] for status in AttendanceStatus.values}
    for seat, row in seats:
        if row is None:
            continue
        name = seat.display + (" (chair)" if seat.is_chair else "")
        if row.status == AttendanceStatus.DEPUTY:
            name = f"{row.deputy_name}, deputy for {seat.display}"
        groups[row.status].append(name)
    labels = (("Present", AttendanceStatus.PRESENT), ("Apologies", AttendanceStatus.APOLOGIES),
              ("Deputies", AttendanceStatus.DEPUTY), ("Absent", AttendanceStatus.ABSENT))
    lines = [f"{label}: {'; '.join(groups[status]) or 'none'}." for label, status in labels]
    if not rows:
        lines = ["Attendance was not recorded."]
    state = quorum(meeting, rows, statutory_partners(meeting.group.partnership,
                                                     on=meeting.starts_at))
    lines.append(f"Quorum: {state.explanation}")
    return lines


def _declaration(d):
    return f"{d.person} declared an interest: {d.interest}"


def _item_lines(item, declarations, decisions):
    lines = [f"Presented by {item.owner_display}."] if item.owner_display else []
    lines += [_declaration(d) for d in declarations if d.item_id == item.pk]
    lines += [f"Decision: {d.text}" for d in decisions if d.item_id == item.pk]
    return lines or ["Discussed; no decision recorded."]


def draft_from_record(meeting):
    """The draft minutes: Part A's text, and {confidential item: Part B text}. Part A holds
    the attendance and quorum, the declarations, the public items in order with their
    presenters and decisions, and the meeting's other decisions; each confidential item's
    presenter, declarations and decisions go into its own Part B entry only."""
    items = list(meeting.items.select_related("owner").order_by("position", "pk"))
    declarations = _live(meeting.declarations.order_by("pk"))
    decisions = _live(meeting.decisions.order_by("pk"))
    public = [i for i in items if not i.confidential]
    secret = [i for i in items if i.confidential]
    public_ids = {i.pk for i in public}
    sections = [("Attendance", _attendance_lines(meeting))]
    declared = [_declaration(d) + (f" (item: {d.item.title})" if d.item_id else "")
                for d in declarations if d.item_id is None or d.item_id in public_ids]
    sections.append(("Declarations of interest", declared or ["None declared."]))
    sections += [(item.title, _item_lines(item, declarations, decisions)) for item in public]
    other = [f"Decision: {d.text}" for d in decisions if d.item_id is None]
    if other:
        sections.append(("Other decisions", other))
    if secret:
        sections.append(("Confidential business", [
            f"{len(secret)} confidential item{'s' if len(secret) != 1 else ''} "
            f"{'were' if len(secret) != 1 else 'was'} considered in private and "
            f"{'are' if len(secret) != 1 else 'is'} minuted in Part B."]))
    text = "\n\n".join(f"{n}. {title}\n" + "\n".join(lines)
                       for n, (title, lines) in enumerate(sections, start=1))
    return text, {item: "\n".join(_item_lines(item, declarations, decisions))
                  for item in secret}


@dataclass
class Block:
    """One paragraph of minutes: a heading (`heading` true) or text lines."""

    lines: list
    heading: bool = False


def blocks(text):
    """The minutes' text as paragraphs, each numbered first line a heading of its own."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        if HEADING.match(lines[0]) and len(lines[0]) <= MAX_HEADING:
            found.append(Block([lines[0]], heading=True))
            lines = lines[1:]
        if lines:
            found.append(Block(lines))
    return found


@dataclass
class MinutesDocument:
    """What one reader may see of a meeting's minutes."""

    meeting: object
    public: str
    confidential: list = field(default_factory=list)  # ConfidentialMinute rows

    @property
    def draft(self):
        return self.meeting.minutes_status != MinutesStatus.APPROVED

    @property
    def title(self):
        day = timezone.localtime(self.meeting.starts_at)
        return f"Minutes of the {self.meeting.group.name}, {day:%-d %B %Y}"

    @property
    def approved_note(self):
        at = self.meeting.minutes_approved_at
        if self.draft or at is None:
            return ""
        return f"Approved at the meeting on {timezone.localtime(at.starts_at):%-d %B %Y}."

    def public_blocks(self):
        return blocks(self.public)

    def confidential_blocks(self):
        return [(entry.item.title, blocks(entry.text)) for entry in self.confidential]


def minutes_document(meeting, confidential):
    """`confidential`: the Part B entries the reader may see (permissions.
    confidential_minutes_for)."""
    return MinutesDocument(meeting, meeting.minutes, list(confidential))
