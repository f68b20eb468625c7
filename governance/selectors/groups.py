"""Reads for the group pages, in a fixed number of queries. Callers pass what the user may
see (permissions.groups_for); these functions only shape it."""

import calendar
import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from partnership.models import Agency, AgencyMembership, Designation, PartnershipMembership, User
from partnership.models.dated import today

from ..models import Group, GroupMember, GroupType, Meeting, MeetingStatus, MemberType, Quorum
from ..models.groups import FREQUENCY_MONTHS


def _in_force(prefix=""):
    day = today()
    return (Q(**{f"{prefix}start_date__lte": day})
            & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})))


def _chair_seats():
    return Prefetch("members", to_attr="chair_seats", queryset=GroupMember.objects.active()
                    .filter(is_chair=True).select_related("user", "agency").order_by("pk"))


def _decorate(group, partnership, visible_ids):
    """What a page says about a group seen from `partnership`. The chair is the group's
    named chair or chair's post, else whoever holds a chair's seat today."""
    group.is_own = group.partnership_id == partnership.pk
    if group.chair_id or group.chair_label or not group.chair_seats:
        group.chair_text = group.chair_display
    else:
        group.chair_text = "; ".join(seat.display for seat in group.chair_seats)
    group.shared_names = [p.name for p in group.shared_with.all()]
    group.visible_reports_to = group.reports_to if group.reports_to_id in visible_ids else None
    group.has_ended = bool(group.end_date and group.end_date < today())
    return group


def group_list(groups, partnership):
    """The groups (a visible queryset) by type, each with its number of core members today
    and its next meeting, and the tree of reporting lines among them."""
    next_meeting = (Meeting.objects.filter(group=OuterRef("pk"), starts_at__gte=timezone.now())
                    .exclude(status=MeetingStatus.CANCELLED)
                    .order_by("starts_at").values("starts_at")[:1])
    rows = list(
        Group.objects.filter(pk__in=groups.values("pk"))
        .select_related("partnership", "chair", "reports_to")
        .prefetch_related("shared_with", _chair_seats())
        .annotate(core_count=Count("members", distinct=True, filter=Q(
                      members__member_type=MemberType.CORE) & _in_force("members__")),
                  next_meeting=Subquery(next_meeting))
        .order_by("name", "pk")
    )
    visible_ids = {g.pk for g in rows}
    for group in rows:
        _decorate(group, partnership, visible_ids)
    sections = []
    for value, label in GroupType.choices:
        members = [g for g in rows if g.group_type == value]
        if members:
            sections.append({"type": value, "label": label, "groups": members})
    return {"sections": sections, "tree": _tree(rows), "count": len(rows)}


def _tree(rows):
    """Nested nodes {"group", "children"}: each group under the group it reports to, when
    that group is in `rows`; the others at the top."""
    by_pk = {g.pk: g for g in rows}
    children = {}
    for group in rows:
        if group.reports_to_id in by_pk and group.reports_to_id != group.pk:
            children.setdefault(group.reports_to_id, []).append(group)
    placed = set()

    def node(group):
        placed.add(group.pk)
        return {"group": group, "children": [node(child) for child in children.get(group.pk, ())
                                             if child.pk not in placed]}

    roots = [node(g) for g in rows if g.reports_to_id not in by_pk and g.pk not in placed]
    # Whatever is left sits in a circle (the services refuse those): show it at the top.
    roots += [node(g) for g in rows if g.pk not in placed]
    return roots


def quorum_words(group):
    if group.quorum == Quorum.STATUTORY_PARTNERS:
        return "All three statutory partners must be represented."
    if group.quorum == Quorum.CORE_MEMBERS:
        count = group.quorum_count or 0
        return f"At least {count} core member{'s' if count != 1 else ''} must be present."
    return "The group has no quorum rule."


def group_detail(group, partnership, groups):
    """One group (seen from `partnership`) with its seats by type, the visible groups that
    report to it (`groups`: what the user may see) and its meetings."""
    group = (Group.objects.select_related("partnership", "chair", "reports_to")
             .prefetch_related("shared_with", _chair_seats()).get(pk=group.pk))
    visible = list(groups.filter(reports_to=group).order_by("name"))
    visible_ids = ({group.reports_to_id} if group.reports_to_id
                   and groups.filter(pk=group.reports_to_id).exists() else set())
    _decorate(group, partnership, visible_ids)
    day = today()
    seats = list(group.members.select_related("user", "agency")
                 .order_by("-is_chair", "role_label", "user__full_name", "pk"))
    current = [s for s in seats if not s.end_date or s.end_date >= day]
    for seat in current:
        seat.is_future = seat.start_date > day
    seat_groups = [{"type": value, "label": label,
                    "seats": [s for s in current if s.member_type == value]}
                   for value, label in _SEAT_HEADINGS]
    now = timezone.now()
    meetings = list(group.meetings.order_by("starts_at"))
    return {
        "group": group,
        "reporting": visible,
        "quorum_words": quorum_words(group),
        "seat_groups": seat_groups,
        "seat_count": len(current),
        "former_seats": [s for s in seats if s.end_date and s.end_date < day],
        "upcoming": [m for m in meetings if m.starts_at >= now],
        "past": [m for m in reversed(meetings) if m.starts_at < now],
    }


_SEAT_HEADINGS = (
    (MemberType.CORE, "Core members"),
    (MemberType.OTHERS, "Others to consider"),
    (MemberType.INVITED, "Additional invited members"),
    (MemberType.OBSERVER, "Observers"),
)


def people_in(partnership, also=None):
    """People who hold a role today in the partnership or in one of its agencies (and the
    person `also`, such as a group's current chair), for choosing a chair or a member."""
    agency_ids = Designation.objects.active().filter(partnership=partnership).values("agency_id")
    holders = (Q(pk__in=PartnershipMembership.objects.active().filter(partnership=partnership)
                 .values("user_id"))
               | Q(pk__in=AgencyMembership.objects.active().filter(agency_id__in=agency_ids)
                   .values("user_id")))
    if also is not None:
        holders |= Q(pk=also.pk)
    return User.objects.filter(holders, is_active=True).order_by("full_name", "email")


def agencies_in(partnership):
    return Agency.objects.filter(
        pk__in=Designation.objects.active().filter(partnership=partnership).values("agency_id")
    ).order_by("name")


def _nominal(first, months):
    month = first.month - 1 + months
    year, month = first.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(first.day, calendar.monthrange(year, month)[1]))


def schedule_preview(group, first, days):
    """`days` (from services.meetings.schedule_dates, starting at `first`), each with the
    date it was moved from if that was not a working day, and why it will be skipped (as
    services.meetings.schedule_generate skips it), if it will."""
    months = FREQUENCY_MONTHS[group.frequency]
    tz = timezone.get_current_timezone()
    existing = {m.starts_at.astimezone(tz).date() for m in group.meetings.all()}
    rows = []
    for n, day in enumerate(days):
        nominal = _nominal(first, months * n)
        skip = ""
        if day in existing:
            skip = "The group already meets that day: not added again"
        elif group.end_date and day > group.end_date:
            skip = "After the group ends: not added"
        rows.append({"day": day, "moved_from": nominal if nominal != day else None, "skip": skip})
    return rows


def default_count(group):
    """A year's worth of meetings at the group's frequency."""
    months = FREQUENCY_MONTHS.get(group.frequency)
    return 12 // months if months else None
