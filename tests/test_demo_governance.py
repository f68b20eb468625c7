"""load_demo's governance data: North Yorkshire's groups from seed 004 (domain.md §7.4),
their meetings, attendance, minutes and the action register. The demo is loaded once for
the module, inside a transaction rolled back at the end."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from governance import permissions
from governance import selectors as governance
from governance.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    Frequency,
    Group,
    GroupMember,
    Meeting,
    MeetingStatus,
    MemberType,
    MinutesStatus,
)
from governance.models.groups import FREQUENCY_MONTHS
from partnership import dates
from partnership.models import Partnership, User

from .conftest import DEMO_PASSWORD as PASSWORD

pytestmark = pytest.mark.django_db


FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]

EXECUTIVE = "NYSCP Executive Partnership (or Chief Officers Group)"
SEED_GROUPS = {  # name: (frequency, minutes, length as written, chair as written)
    EXECUTIVE: ("bimonthly", 150, "2.5hrs", "Chair to be confirmed"),
    "NYSCP Strategic Partnership Group": ("twice_yearly", None, "1 day", "Chair to be confirmed"),
    "Local Safeguarding Practice Review Group": ("quarterly", 120, "2 hrs",
                                                 "Designated Doctor for Safeguarding"),
    "Practice and Development Subgroup": ("quarterly", 180, "3 hours", None),
    "Learning and Improvement Subgroup": ("quarterly", 180, "3 hours", None),
    "Multi Agency Child Exploitation Strategic Subgroup": ("quarterly", 120, "2hrs",
                                                           "Safeguarding Unit Manager"),
}
DISTRICTS = ("Craven", "Hambleton", "Harrogate", "Richmondshire", "Ryedale", "Scarborough",
             "Selby")


@pytest.fixture
def demo(demo_data, db):
    return demo_data


@pytest.fixture
def ny(demo):
    return Partnership.objects.get(slug="north-yorkshire")


def test_the_seed_groups_with_frequency_length_and_chair(ny):
    groups = {g.name: g for g in Group.objects.filter(partnership=ny)}
    for name, (frequency, minutes, length, chair) in SEED_GROUPS.items():
        group = groups[name]
        assert (group.frequency, group.meeting_minutes, group.length_label) == (
            frequency, minutes, length), name
        if chair:
            assert group.chair_label == chair
        else:
            assert group.chair_label.startswith("Chair to be confirmed – Proposed Assistant")
    executive = groups[EXECUTIVE]
    assert executive.quorum == "statutory_partners" and executive.reports_to is None
    for name in ("Local Safeguarding Practice Review Group", "Practice and Development Subgroup",
                 "Learning and Improvement Subgroup",
                 "Multi Agency Child Exploitation Strategic Subgroup", "Child Death Overview Panel"):
        assert groups[name].reports_to == executive, name
    mace = [groups[f"MACE Practitioner Group: {d}"] for d in DISTRICTS]
    officer = User.objects.get(email="officer@nyscp.example")
    for group in mace:
        assert (group.frequency, group.group_type, group.length_label) == (
            "monthly", "practitioner", "2hrs")
        assert group.reports_to == groups["Practice and Development Subgroup"]
        assert group.chair == officer
    # F-GR-08: 24 meetings a year, 108 with the MACE practitioner groups
    per_year = [12 // FREQUENCY_MONTHS[g.frequency] for g in groups.values()
                if g.frequency in FREQUENCY_MONTHS]
    assert sum(per_year) == 108
    assert len(groups) == 6 + 7 + 1


def test_the_cdop_is_shared_with_york(ny):
    cdop = Group.objects.get(partnership=ny, name="Child Death Overview Panel")
    assert cdop.group_type == "cross_partnership" and cdop.frequency == Frequency.AD_HOC
    assert list(cdop.shared_with.values_list("slug", flat=True)) == ["city-of-york"]
    assert "Public Health, York" in cdop.chair_label
    york_manager = User.objects.get(email="manager@york.example")
    york = Partnership.objects.get(slug="city-of-york")
    assert cdop in permissions.groups_for(york_manager, york)


def test_membership_as_written(ny):
    as_written = datetime.date(2019, 9, 29)  # the seed; mergers since moved some seats on

    def counts(name):
        seats = GroupMember.objects.active(as_written).filter(group__partnership=ny,
                                                              group__name=name)
        return (seats.filter(member_type=MemberType.CORE).count(),
                seats.filter(member_type=MemberType.OTHERS).count())

    assert counts(EXECUTIVE) == (9, 0)  # F-MEM-01
    assert counts("Practice and Development Subgroup") == (13, 12)  # F-MEM-03
    assert counts("Learning and Improvement Subgroup") == (11, 11)  # F-MEM-04
    assert counts("Multi Agency Child Exploitation Strategic Subgroup") == (11, 0)  # F-MEM-05
    lsprg = GroupMember.objects.active(as_written).filter(
        group__name="Local Safeguarding Practice Review Group")
    assert lsprg.count() == 11 and lsprg.filter(member_type=MemberType.INVITED).count() == 1
    assert GroupMember.objects.active(as_written).filter(
        group__name="Learning and Improvement Subgroup",
        role_label="North Yorkshire Police").count() == 2
    strategic = GroupMember.objects.filter(group__name="NYSCP Strategic Partnership Group")
    relevant = ny.designations.filter(kind="relevant_agency", start_date__lte=datetime.date(
        2019, 9, 29)).values_list("agency", flat=True)  # the seed's (not their successors)
    assert set(relevant) <= set(strategic.values_list("agency", flat=True))
    seats = {(m.group.short_name, m.user.email) for m in GroupMember.objects.filter(
        group__partnership=ny, user__isnull=False).select_related("group", "user")}
    for seat in [("Executive", "dcs@nyscp.example"), ("Executive", "acc@nyscp.example"),
                 ("Executive", "nurse@nyscp.example"), ("LSPRG", "lead.police@nyscp.example"),
                 ("PDS", "lead.cafcass@nyscp.example"), ("LIS", "lead.probation@nyscp.example"),
                 ("MACE Strategic", "lead.police@nyscp.example")]:
        assert seat in seats, seat


def test_agency_leads_see_their_groups(ny):
    lead = User.objects.get(email="lead.police@nyscp.example")
    names = set(permissions.groups_for(lead, ny).values_list("short_name", flat=True))
    assert {"LSPRG", "LIS", "MACE Strategic"} <= names
    assert "PDS" not in names


def test_schedules_for_2019_20_and_around_today(ny):
    now = timezone.now()
    for group in Group.objects.filter(partnership=ny).exclude(frequency=Frequency.AD_HOC):
        per_year = 12 // FREQUENCY_MONTHS[group.frequency]
        first_year = group.meetings.filter(starts_at__year__in=(2019, 2020))
        assert first_year.count() == per_year, group.name
        assert group.meetings.filter(starts_at__gte=now).exists(), group.name
        assert group.meetings.filter(starts_at__lt=now, starts_at__year__gte=2021).exists()
    executive = Group.objects.get(partnership=ny, name=EXECUTIVE)
    assert executive.meetings.first().starts_at.date() == datetime.date(2019, 10, 14)
    assert all(m.duration_minutes == 150 for m in executive.meetings.all())
    cancelled = Meeting.objects.filter(group__partnership=ny, status=MeetingStatus.CANCELLED)
    assert cancelled.count() == 1


def test_every_seat_has_attendance_and_one_executive_meeting_was_not_quorate(ny):
    now = timezone.now()
    held = Meeting.objects.filter(group__partnership=ny, starts_at__lt=now).exclude(
        status=MeetingStatus.CANCELLED).select_related("group")
    assert held.count() > 100
    for meeting in held:
        assert meeting.status == MeetingStatus.HELD
        seats = GroupMember.objects.active(meeting.starts_at.date()).filter(
            group=meeting.group).count()  # the seats of its day (mergers moved some on)
        assert meeting.attendance.count() == seats, meeting
    assert not Meeting.objects.filter(group__partnership=ny, starts_at__gte=now,
                                      attendance__isnull=False).exists()
    statuses = set(Attendance.objects.filter(meeting__group__partnership=ny)
                   .values_list("status", flat=True))
    assert statuses == set(AttendanceStatus.values)
    deputies = Attendance.objects.filter(meeting__group__partnership=ny, status="deputy")
    assert all(d.deputy_name for d in deputies)

    results = []
    for meeting in held.filter(group__name=EXECUTIVE):
        rows = list(meeting.attendance.select_related("member"))
        statutory = governance.statutory_partners(ny, on=meeting.starts_at)  # of its day
        results.append((meeting, governance.quorum(meeting, rows, statutory)))
    # Before the CCG became part of the ICB (1 July 2022): the demo's executive seats are the
    # 2019 seed's, so later meetings lack the ICB (seats do not move with a merger yet).
    not_quorate = [(m, q) for m, q in results if q.quorate is False
                   and m.starts_at.date() < datetime.date(2022, 7, 1)]
    assert len(not_quorate) == 1 and all(q.quorate is not None for _, q in results)
    meeting, state = not_quorate[0]
    assert "North Yorkshire Police" in state.explanation
    assert "not quorate" in meeting.minutes


def test_agenda_declarations_decisions_and_minutes(ny):
    now = timezone.now()
    items = AgendaItem.objects.filter(meeting__group__partnership=ny)
    assert items.filter(confidential=True).exists() and items.filter(confidential=False).exists()
    assert Declaration.objects.filter(meeting__group__partnership=ny).count() == 1
    assert Decision.objects.filter(meeting__group__partnership=ny).count() > 100
    for group in Group.objects.filter(partnership=ny):
        held = list(group.meetings.filter(starts_at__lt=now)
                    .exclude(status=MeetingStatus.CANCELLED))
        if not held:
            continue
        *older, latest = held
        assert latest.minutes_status == MinutesStatus.DRAFT, group.name
        for earlier, later in zip(older, held[1:], strict=True):
            assert earlier.minutes_status == MinutesStatus.APPROVED
            assert earlier.minutes_approved_at == later
        assert not group.meetings.filter(starts_at__gte=now).exclude(
            minutes_status=MinutesStatus.NONE).exists()


def test_the_action_register(ny):
    register = list(Action.objects.filter(partnership=ny, source="meeting")
                    .select_related("owner", "owner_agency"))
    assert len(register) >= 12
    assert {a.status for a in register} == set(ActionStatus.values)
    assert len({a.owner_agency_id for a in register}) >= 6
    assert all(a.source == "meeting" and a.meeting_id for a in register)
    governance.with_rag(register, ny)
    rags = {a.rag for a in register}
    assert {"red", "amber", "green", "blue"} <= rags
    for action in register:
        if action.status in ("completed", "closed"):
            assert action.updates.exclude(evidence="").exists(), action
        if action.status == "in_progress":
            assert action.updates.filter(status="in_progress").exists()
    owners = {a.owner.email for a in register if a.owner_id}
    assert {"lead.police@nyscp.example", "lead.cafcass@nyscp.example",
            "lead.probation@nyscp.example"} <= owners
    today = datetime.date.today()
    overdue = [a for a in register if a.status not in ("completed", "closed") and a.due_on < today]
    assert len(overdue) >= 3
    assert dates.local(ny).is_working_day(overdue[0].due_on)


def test_the_police_lead_sees_their_actions_at_home(ny, client):
    lead = User.objects.get(email="lead.police@nyscp.example")
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("partnership-switch"), {"partnership": "north-yorkshire"})  # also York
    body = client.get(reverse("home")).content.decode()
    mine = Action.objects.filter(partnership=ny, owner=lead).exclude(status__in=("completed",
                                                                                 "closed"))
    assert mine.exists()
    for action in mine:
        assert action.code in body


def test_loading_again_changes_nothing(ny):
    models = (Group, GroupMember, Meeting, AgendaItem, Attendance, Decision, Declaration, Action,
              ActionUpdate)
    before = [m.objects.count() for m in models]
    minutes = list(Meeting.objects.order_by("pk").values_list("minutes_status", flat=True))
    out = io.StringIO()
    call_command("load_demo", "--password", PASSWORD, stdout=out)
    assert [m.objects.count() for m in models] == before
    assert list(Meeting.objects.order_by("pk").values_list("minutes_status", flat=True)) == minutes
    assert "already has groups" in out.getvalue()
