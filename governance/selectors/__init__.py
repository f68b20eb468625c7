"""Reads for groups, meetings and the action register, in a fixed number of queries.
Callers pass what the user may see (from governance/permissions.py)."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from partnership import dates
from partnership.models import Agency, AgencyMembership, Designation, PartnershipMembership, User
from partnership.models.dated import today
from partnership.models.memberships import partner_designations

from ..models import Action, Attendance, AttendanceStatus, GroupMember, MemberType, Quorum
from ..models.actions import AMBER_DAYS


class QuorumState:
    def __init__(self, quorate, explanation):
        self.quorate, self.explanation = quorate, explanation

    def __bool__(self):
        return bool(self.quorate)


def statutory_partners(partnership, on=None):
    """The partners a "statutory partners" quorum needs: the three statutory partners'
    designations and, where the partnership treats education as a fourth partner in its
    governance (Partnership.education_partner), the education partner's. Those of today, or
    of the day of a meeting (`on`, a date or its start): a 2019 meeting needed the CCG."""
    return statutory_partners_of([partnership.pk], on)[partnership.pk]


def statutory_partners_of(partnership_ids, on=None):
    """{partnership id: statutory_partners(partnership, on)}, in one query."""
    if isinstance(on, datetime.datetime):
        on = timezone.localtime(on).date()
    found = {pk: [] for pk in partnership_ids}
    for designation in (partner_designations(on=on).filter(partnership_id__in=found)
                        .select_related("agency")):
        found[designation.partnership_id].append(designation)
    return found


def quorum(meeting, attendance, statutory):
    """Whether a meeting was quorate under its group's rule, from its attendance rows and
    the partnership's statutory partner designations (with its education partner's, where
    it has one: statutory_partners). None while nothing is recorded."""
    rule = meeting.group.quorum
    if rule == Quorum.NONE:
        return QuorumState(None, "This group has no quorum rule.")
    if not attendance:
        return QuorumState(None, "Attendance has not been recorded yet.")
    represented = [a for a in attendance if a.status in (AttendanceStatus.PRESENT,
                                                         AttendanceStatus.DEPUTY)]
    if rule == Quorum.STATUTORY_PARTNERS:
        agencies = {a.agency_id for a in represented}
        missing = [d.agency.name for d in statutory if d.agency_id not in agencies]
        if missing:
            return QuorumState(False, "Not quorate: not represented: " + ", ".join(missing) + ".")
        if any(d.kind == Designation.Kind.EDUCATION for d in statutory):
            return QuorumState(True, "Quorate: all three statutory partners and the education "
                                     "partner were represented.")
        return QuorumState(True, "Quorate: all three statutory partners were represented.")
    core = sum(1 for a in represented if a.member.member_type == MemberType.CORE)
    needed = meeting.group.quorum_count or 0
    if core >= needed:
        return QuorumState(True, f"Quorate: {core} core members attended ({needed} needed).")
    return QuorumState(False, f"Not quorate: {core} core members attended ({needed} needed).")


def meeting_list(meetings):
    return (meetings.select_related("group")
            .annotate(present=Count("attendance", filter=Q(
                attendance__status__in=(AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY))))
            .order_by("starts_at"))


def meeting_attendance(meeting):
    """Every current seat with its attendance row (or None), and the rows themselves."""
    rows = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)
            .select_related("member__user", "member__agency", "agency")}
    day = meeting.starts_at.date()
    seats = list(GroupMember.objects.filter(group=meeting.group)
                 .filter(Q(pk__in=rows) | (Q(start_date__lte=day)
                                           & (Q(end_date__isnull=True) | Q(end_date__gte=day))))
                 .select_related("user", "agency").prefetch_related("agency__former_names")
                 .order_by("member_type", "role_label", "pk"))
    return [(seat, rows.get(seat.pk)) for seat in seats], list(rows.values())


def with_rag(actions, partnership, on=None):
    """Actions (a list) with `.rag` set for the day `on` (today by default): amber from
    AMBER_DAYS working days before the due date."""
    return list(rag_each(actions, partnership, on))


def rag_each(actions, partnership, on=None):
    """with_rag as it goes: each action of `actions` (any iterable, such as a queryset's
    .iterator()) with `.rag` set, one at a time."""
    day, calendar = on or today(), dates.local(partnership)
    for action in actions:
        action.rag = action.rag_on(day, calendar.subtract(action.due_on, AMBER_DAYS))
        yield action


def action_register(actions, *, status="", agency=None, source="", overdue=False):
    actions = actions.select_related("owner_agency", "owner", "meeting__group")
    if status:
        actions = actions.filter(status=status)
    if agency is not None:
        actions = actions.filter(owner_agency=agency)
    if source:
        actions = actions.filter(source=source)
    if overdue:
        actions = actions.overdue()
    return actions.order_by("due_on", "reference")


def action_detail(action):
    return Action.objects.prefetch_related(
        Prefetch("updates", queryset=action.updates.select_related("author"))).get(pk=action.pk)


def people_in(partnership):
    """People holding a role today in the partnership or one of its agencies."""
    agencies = Designation.objects.active().filter(partnership=partnership).values("agency_id")
    return User.objects.filter(is_active=True).filter(
        Q(pk__in=PartnershipMembership.objects.active().filter(partnership=partnership)
          .values("user_id"))
        | Q(pk__in=AgencyMembership.objects.active().filter(agency_id__in=agencies)
            .values("user_id"))).order_by("full_name", "email")


def action_owners(partnership, agency):
    """Who may own an action assigned to `agency` in the partnership: the agency's people
    (its staff, and the safeguarding partners acting for it) and those who hold a role in
    the partnership itself rather than for an agency (the business unit, the chair, the
    scrutineer). Never another agency's people."""
    partnership_roles = PartnershipMembership.objects.active().filter(
        Q(agency=agency) | Q(agency__isnull=True), partnership=partnership)
    return User.objects.filter(is_active=True).filter(
        Q(pk__in=AgencyMembership.objects.active().filter(agency=agency).values("user_id"))
        | Q(pk__in=partnership_roles.values("user_id")))


def owner_groups(people, agencies, first=None):
    """The owner picker's choices: `people` (people_in) grouped by the agency they belong to
    among `agencies` (its staff, and the safeguarding partners acting for it), `first`'s
    group first, then those who belong to none of them (the partnership's own roles), as
    [(label, [(user id, name)])]. In four queries, whatever the number of people."""
    people = list(people)
    ids = [user.pk for user in people]
    belongs = {}
    for user_id, agency_id in [
        *AgencyMembership.objects.active().filter(user_id__in=ids, agency__in=agencies)
        .values_list("user_id", "agency_id"),
        *PartnershipMembership.objects.active().filter(user_id__in=ids, agency__in=agencies)
        .values_list("user_id", "agency_id"),
    ]:
        belongs.setdefault(agency_id, set()).add(user_id)
    first_id = getattr(first, "pk", first)
    ordered = sorted(agencies, key=lambda a: (str(a.pk) != str(first_id), a.name))
    groups = [(agency.name, [(u.pk, u.full_name or u.email) for u in people
                             if u.pk in belongs[agency.pk]])
              for agency in ordered if agency.pk in belongs]
    placed = set().union(*belongs.values())
    others = [(u.pk, u.full_name or u.email) for u in people if u.pk not in placed]
    if others:
        groups.append(("The partnership's business unit, chair and scrutiny", others))
    return groups


def partnership_agencies(partnership):
    return Agency.objects.filter(pk__in=Designation.objects.active().filter(
        partnership=partnership).values("agency_id")).order_by("name")


def with_rag_across(actions, on=None):
    """with_rag for actions (a list) of several partnerships, each on its own calendar, the
    closure days of them all read in one query."""
    day = on or today()
    calendars = dates.local_each({action.partnership_id for action in actions})
    for action in actions:
        calendar = calendars[action.partnership_id]
        action.rag = action.rag_on(day, calendar.subtract(action.due_on, AMBER_DAYS))
    return actions
