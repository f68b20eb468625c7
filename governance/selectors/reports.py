"""Reads for the priorities page, the attendance report and the exports, each in a fixed
number of queries. Callers pass what the user may see (from governance/permissions.py)."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.text import capfirst

from partnership.models import Designation
from partnership.models.dated import today

from ..models import (
    ActionUpdate,
    Attendance,
    AttendanceStatus,
    GroupMember,
    MeetingStatus,
    WorkPlanItem,
)
from . import rag_each, with_rag

EXPORT_CHUNK = 1000  # rows read from the database at a time by a streamed export

# Financial years run from 1 April to 31 March; 2019 is 2019/20.


def financial_year_of(day):
    return day.year if day.month >= 4 else day.year - 1


def financial_year(start_year):
    """(first day, last day) of the financial year starting in April of `start_year`."""
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def financial_year_label(start_year):
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def last_twelve_months(on=None):
    """The year up to and including `on` (today by default)."""
    end = on or today()
    try:
        start = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28)
    return start + datetime.timedelta(days=1), end


# Priorities and the work plan

@dataclass
class Heading:
    name: str
    priorities: list


def priority_years(priorities):
    """The financial years (start years) the priorities cover, newest first."""
    years = set()
    for start, end in priorities.values_list("period_start", "period_end"):
        years.update(range(financial_year_of(start), financial_year_of(end) + 1))
    return sorted(years, reverse=True)


def priority_plan(priorities, actions, partnership, *, start, end):
    """The priorities whose period overlaps `start`..`end`, grouped by strategic heading
    (headings in the order their first priority was added; priorities without one last),
    each with `.plan_items` (group and lead agency loaded) and each item with
    `.linked_actions`: the linked actions among `actions` (what the viewer may see), with
    their RAG status."""
    items = (WorkPlanItem.objects.select_related("group", "lead_agency")
             .prefetch_related(Prefetch(
                 "actions", queryset=actions.select_related("owner_agency").order_by("reference"),
                 to_attr="linked_actions"))
             .order_by(F("due_on").asc(nulls_last=True), "pk"))
    found = list(priorities.filter(period_start__lte=end, period_end__gte=start)
                 .prefetch_related(Prefetch("items", queryset=items, to_attr="plan_items"))
                 .order_by("pk"))
    with_rag([a for p in found for item in p.plan_items for a in item.linked_actions], partnership)
    headings = {}
    for priority in sorted(found, key=lambda p: not p.heading):
        headings.setdefault(priority.heading, Heading(priority.heading, [])).priorities.append(
            priority)
    return list(headings.values())


# Attendance

@dataclass
class AgencyAttendance:
    agency_id: int | None
    name: str
    statutory: str = ""  # the kind of statutory partner ("Police"), blank for others
    meetings: int = 0  # meetings in the period at which the agency had a seat
    present: int = 0
    deputy: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def recorded(self):
        return self.present + self.deputy + self.apologies + self.absent

    @property
    def attended(self):
        return self.present + self.deputy

    @property
    def rate(self):
        """Percentage of recorded attendance at which the agency was represented (present
        or by a deputy), to one decimal place; None while nothing is recorded."""
        if not self.recorded:
            return None
        return (Decimal(100 * self.attended) / self.recorded).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)


def meetings_in_period(meetings, start, end):
    """Meetings held from `start` to `end` inclusive: not cancelled, and not
    still to come."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min,
                                      tzinfo=zone)
    # Bounds on the time itself (not its date), so the index on (group, starts_at) serves
    return (meetings.exclude(status=MeetingStatus.CANCELLED)
            .filter(starts_at__gte=first, starts_at__lt=after, starts_at__lte=timezone.now()))


def attendance_by_agency(meetings, partnership):
    """Attendance at `meetings` (a queryset) by the agency represented: the three statutory
    partners of `partnership` first (always listed), then the other agencies by name, then
    seats with no agency. Three queries, whatever the number of meetings and agencies."""
    status = {s: Count("pk", filter=Q(status=s)) for s in AttendanceStatus.values}
    recorded = (Attendance.objects.filter(meeting__in=meetings)
                .values("agency", "agency__name").annotate(**status).order_by())
    # A seat counts for a meeting if it was held on the day, or attendance was recorded
    # for it. One filter() call, so every condition is on the same meeting row; the
    # attendance is looked up for that meeting only (a join on the member's attendance
    # would read every meeting of its whole history once per meeting of the period).
    day = F("group__meetings__starts_at__date")
    recorded_at = Attendance.objects.filter(member=OuterRef("pk"),
                                            meeting=OuterRef("group__meetings"))
    seats = (GroupMember.objects.filter(
        Q(group__meetings__in=meetings)
        & ((Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day)))
           | Exists(recorded_at)))
        .values("agency", "agency__name")
        .annotate(meetings=Count("group__meetings", distinct=True)).order_by())
    statutory = (Designation.objects.active()
                 .filter(partnership=partnership, kind__in=Designation.STATUTORY_KINDS)
                 .select_related("agency"))
    rows = {}
    for designation in sorted(statutory, key=lambda d: Designation.STATUTORY_KINDS.index(d.kind)):
        rows[designation.agency_id] = AgencyAttendance(
            designation.agency_id, designation.agency.name, statutory=capfirst(designation.short_kind))
    for seat in seats:
        row = rows.setdefault(seat["agency"], AgencyAttendance(seat["agency"],
                                                               seat["agency__name"] or ""))
        row.meetings = seat["meetings"]
    for counts in recorded:
        row = rows.setdefault(counts["agency"], AgencyAttendance(counts["agency"],
                                                                 counts["agency__name"] or ""))
        for name in AttendanceStatus.values:
            setattr(row, name, counts[name])
    return sorted(rows.values(), key=lambda r: (
        not r.statutory, r.agency_id is None, "" if r.statutory else r.name.lower()))


def statutory_rows(rows):
    return [row for row in rows if row.statutory]


# The action register, for export

def action_export(actions, partnership):
    """The actions (a queryset the viewer may see) with owner, owner agency, RAG and their
    latest update (`latest_at`, `latest_status`, `latest_note`, `latest_evidence`), one at
    a time as they are read (for a streamed download), in one query plus the partnership's
    closure days."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-at", "-pk")
    found = (actions.select_related("owner_agency", "owner")
             .annotate(latest_at=Subquery(latest.values("at")[:1]),
                       latest_status=Subquery(latest.values("status")[:1]),
                       latest_note=Subquery(latest.values("note")[:1]),
                       latest_evidence=Subquery(latest.values("evidence")[:1])))
    return rag_each(found.iterator(chunk_size=EXPORT_CHUNK), partnership)
