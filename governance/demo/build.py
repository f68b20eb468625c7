"""Builds North Yorkshire's governance demo from the seed data in seed.py: the groups and their
seats, a schedule of meetings, the past meetings held (agenda, attendance, declarations,
decisions, minutes) and the action register."""

import datetime
import random

from django.utils import timezone

from partnership import dates
from partnership.models import Designation, Partnership, User

from ..models import ActionSource, ActionStatus, AttendanceStatus, Frequency, Quorum
from ..models.groups import FREQUENCY_MONTHS
from ..services import actions, groups, meetings, minutes
from .seed import (
    ACTIONS,
    AGENCIES,
    CORE,
    EXECUTIVE_SEATS,
    FIRST_YEAR,
    LAUNCH,
    OTHERS,
    PEOPLE,
    TOPICS,
    WELCOME,
    _groups,
    seat,
)


class _Demo:
    def __init__(self, partnership, york):
        self.partnership, self.york = partnership, york
        self.today = datetime.date.today()
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.calendar = dates.local(partnership)
        designated = {d.agency.name: d.agency for d in Designation.objects.active()
                      .filter(partnership=partnership).select_related("agency")}
        self.agencies = {key: designated.get(name) for key, name in AGENCIES.items()}
        self.relevant = [d.agency for d in Designation.objects.active().filter(
            partnership=partnership, kind="relevant_agency").select_related("agency")
            .order_by("local_category", "agency__name")]
        users = {u.email: u for u in User.objects.filter(email__in=PEOPLE.values())}
        self.people = {key: users.get(email) for key, email in PEOPLE.items()}
        self.groups, self.specs = {}, {}
        self.held = {}  # (group key, "first"/"now") -> held meetings, oldest first
        self.declared = self.non_quorate = False

    # Groups and seats -------------------------------------------------------------------

    def create_groups(self):
        for spec in _groups(EXECUTIVE_SEATS):
            chair = self.people.get(spec.get("chair_person"))
            group = groups.group_create(
                partnership=self.partnership,
                shared_with=[self.york] if spec["key"] == "cdop" and self.york else (),
                name=spec["name"], short_name=spec["short_name"], group_type=spec["group_type"],
                purpose=spec["purpose"] + self._york_note(spec), frequency=spec["frequency"],
                meeting_minutes=spec["meeting_minutes"], length_label=spec["length_label"],
                chair=chair, chair_label=spec["chair_label"],
                reports_to=self.groups.get(spec["reports_to"]),
                quorum=spec.get("quorum", Quorum.NONE), start_date=LAUNCH)
            self.groups[spec["key"]], self.specs[spec["key"]] = group, spec
            for s in self._seats(spec):
                groups.member_add(
                    group=group, user=self.people.get(s["person"]), role_label=s["post"],
                    agency=s.get("agency_object") or self.agencies.get(s["agency"]),
                    member_type=s["kind"], is_chair=s["chair"], start_date=LAUNCH)

    def _york_note(self, spec):
        if spec["key"] == "cdop" and self.york is None:
            return (" (The City of York partnership is not in this demo, so the panel is not "
                    "shared with it here.)")
        return ""

    def _seats(self, spec):
        if spec["seats"] != "strategic":
            return spec["seats"]
        # Para 14: all the members of the Executive with the relevant agencies.
        seated = {s["agency"] for s in EXECUTIVE_SEATS}
        seated_agencies = {self.agencies.get(key) for key in seated} - {None}
        return EXECUTIVE_SEATS + [
            seat("Relevant agency representative") | {"agency_object": agency}
            for agency in self.relevant if agency not in seated_agencies]

    # Schedules --------------------------------------------------------------------------

    def schedule(self):
        now_start = _add_months(self.today.replace(day=1), -5)
        for key, spec in self.specs.items():
            group = self.groups[key]
            if group.frequency == Frequency.AD_HOC:
                self._ad_hoc(group, spec)
                continue
            per_year = 12 // FREQUENCY_MONTHS[group.frequency]
            for series, start in (("first", FIRST_YEAR), ("now", now_start)):
                first = _add_months(start, spec["month"]).replace(day=spec["day"])
                made = meetings.schedule_generate(
                    group=group, first=first, start_time=datetime.time(*spec["time"]),
                    count=per_year, location=spec["location"])
                if spec.get("day_long"):  # "1 day": a working day in calendars
                    made = [meetings.meeting_update(meeting=m, duration_minutes=420) for m in made]
                self.held[(key, series)] = [m for m in made if m.starts_at < self.now]

    def _ad_hoc(self, group, spec):
        """As-needed meetings are added one at a time: one held, one to come."""
        held = []
        for offset in (-35, 35):
            day = self.calendar.add(self.today, offset) if offset > 0 else \
                self.calendar.subtract(self.today, -offset)
            meeting = meetings.meeting_create(
                group=group, duration_minutes=120, location=spec["location"],
                starts_at=datetime.datetime.combine(day, datetime.time(*spec["time"]),
                                                    tzinfo=self.tz))
            if offset < 0:
                held.append(meeting)
        self.held[(spec["key"], "first")], self.held[(spec["key"], "now")] = [], held

    # Past meetings ----------------------------------------------------------------------

    def run_meetings(self):
        craven = self.held.get(("mace_craven", "first"), [])
        cancelled = next((m for m in craven if m.starts_at.month == 4), None)
        if cancelled is not None:  # one meeting called off: no attendance, no minutes
            meetings.meeting_cancel(meeting=cancelled, reason=(
                "Called off: too few members could attend in the Easter holidays."))
            craven.remove(cancelled)
        for key in self.specs:
            held = self.held[(key, "first")] + self.held[(key, "now")]
            for n, meeting in enumerate(held):
                self._hold(key, meeting, n)
            for earlier, later in zip(held, held[1:], strict=False):
                minutes.minutes_approve(meeting=earlier, at_meeting=later)

    def _hold(self, key, meeting, n):
        group, spec = self.groups[key], self.specs[key]
        meetings.meeting_held(meeting=meeting)  # it took place: its records can be made
        chair = "Chair"
        opening = [(WELCOME, chair, False, None),
                   ("Terms of reference and membership" if n == 0 else
                    "Minutes of the last meeting, matters arising and action log",
                    "manager" if key != "cdop" else chair, False, None)]
        topics = TOPICS[spec["topics"]]
        agenda = opening + [topics[(2 * n) % len(topics)], topics[(2 * n + 1) % len(topics)]]
        items = []
        for position, (title, owner, confidential, decision) in enumerate(agenda, start=1):
            person = self.people.get(owner)
            items.append((meetings.item_add(
                meeting=meeting, position=position, title=title, owner=person,
                owner_label="" if person else owner, confidential=confidential,
                notes="Papers circulated a week before the meeting." if decision else ""),
                decision))
        present = self._attendance(key, meeting, n)
        non_quorate = present is None
        for item, decision in items:
            if decision:
                meetings.decision_add(meeting=meeting, item=item, text=(
                    decision + (" To be ratified at the next quorate meeting." if non_quorate
                                else "")))
        declaration = self._declare(key, meeting, items)
        minutes.minutes_save(meeting=meeting, text=self._minutes(
            group, meeting, items, declaration, non_quorate), confidential={
            item: f"The report was considered in private. Decision: {decision}" if decision
            else "The report was considered in private." for item, decision in items
            if item.confidential})

    def _attendance(self, key, meeting, n):
        """Record every seat. Returns None for the one non-quorate executive meeting."""
        rng = random.Random(f"{key}|{meeting.starts_at.date().isoformat()}")  # noqa: S311 (repeatable)
        seats = list(meeting.group.members.active(meeting.starts_at.date())
                     .select_related("agency"))
        partners = {self.agencies["NYCC"], self.agencies["CCG"], self.agencies["NYP"]} - {None}
        fail_quorum = (key == "executive" and not self.non_quorate
                       and n == 2)  # the third executive meeting: police not represented
        entries = {}
        for s in seats:
            if s.member_type == CORE:
                weights = (70, 12, 14, 4) if not s.user_id else (80, 8, 12, 0)
            elif s.member_type == OTHERS:
                weights = (35, 0, 30, 35)
            else:
                weights = (50, 0, 0, 50)
            status = rng.choices(STATUSES, weights=weights)[0]
            if key == "executive" and s.agency in partners and s.user_id:
                status = rng.choice([AttendanceStatus.PRESENT] * 4 + [AttendanceStatus.DEPUTY])
            if s.is_chair:  # the chair is there to run the meeting
                status = AttendanceStatus.PRESENT
            if fail_quorum and s.agency == self.agencies["NYP"]:
                status = AttendanceStatus.APOLOGIES
            entries[s] = (status, _deputy(s) if status == AttendanceStatus.DEPUTY else "")
        meetings.attendance_record(meeting=meeting, entries=entries)
        if fail_quorum:
            self.non_quorate = True
            return None
        return entries

    def _declare(self, key, meeting, items):
        """One declaration of interest: on the first executive meeting that sets the
        training budget."""
        if self.declared or key != "executive":
            return None
        budget = next((item for item, _ in items if item.title.startswith("Budget")), None)
        if budget is None:
            return None
        self.declared = True
        return meetings.declaration_add(
            meeting=meeting, item=budget, person="Community First Yorkshire representative",
            interest="Community First Yorkshire receives partnership funding for voluntary "
                     "sector safeguarding training; took no part in the decision on the "
                     "training budget.")

    def _minutes(self, group, meeting, items, declaration, non_quorate):
        counts = dict.fromkeys(STATUSES, 0)
        for row in meeting.attendance.all():
            counts[row.status] += 1
        lines = [f"Minutes of the {group.name}, {meeting.starts_at.astimezone(self.tz):%-d %B %Y}.",
                 "",
                 f"Present: {counts['present']}. Deputies: {counts['deputy']}. "
                 f"Apologies: {counts['apologies']}. Absent: {counts['absent']}."]
        if non_quorate:
            lines.append("The meeting was not quorate: North Yorkshire Police was not "
                         "represented. Decisions are to be ratified at the next quorate meeting.")
        for number, (item, decision) in enumerate(items, start=1):
            lines += ["", f"{number}. {item.title}"]
            if item.title == WELCOME:
                lines.append("Apologies as recorded in the attendance. Declarations of interest: "
                             + (f"{declaration.person}: {declaration.interest}" if declaration
                                else "none."))
            elif item.confidential:  # its decision stays with the confidential item
                lines.append("Discussed in the confidential part of the meeting; see the "
                             "confidential record.")
            elif decision:
                lines += ["The report was taken as read and members discussed it.",
                          f"Decision: {decision}"]
        return "\n".join(lines)

    # Actions ----------------------------------------------------------------------------

    def create_actions(self):
        manager = self.people["manager"]
        made = []
        for key, series, description, agency, owner_key, due, progress in ACTIONS:
            held = self.held.get((key, series)) or []
            agency = self.agencies.get(agency)
            if not held or agency is None:
                continue
            if series == "first":
                meeting = held[0]
                due_on = meeting.starts_at.date() + datetime.timedelta(days=due)
            else:
                due_on = (self.calendar.add(self.today, due) if due >= 0
                          else self.calendar.subtract(self.today, -due))
                earlier = [m for m in held
                           if m.starts_at.date() <= due_on - datetime.timedelta(days=21)]
                meeting = earlier[-1] if earlier else held[0]
            owner = self.people.get(owner_key)
            action = actions.action_create(
                partnership=self.partnership, source=ActionSource.MEETING, meeting=meeting,
                description=description, owner_agency=agency, owner=owner, due_on=due_on,
                created_by=manager)
            self._progress(action, owner or manager, manager, progress)
            made.append(action)
        return made

    def _progress(self, action, author, manager, progress):
        record = actions.progress_record
        if progress == "open_chased":
            record(action=action, author=manager, status=ActionStatus.OPEN,
                   note="Reminder sent by the business unit: the action is past its due date.")
        if progress in ("in_progress", "completed", "closed"):
            record(action=action, author=author, status=ActionStatus.IN_PROGRESS,
                   note="Work started; a progress report will come to the next meeting.")
        if progress in ("completed", "closed"):
            record(action=action, author=author, status=ActionStatus.COMPLETED,
                   note="Done.", evidence="Completed and reported to the group; the paper "
                   "is filed with the meeting record.")
        if progress == "closed":
            record(action=action, author=manager, status=ActionStatus.CLOSED,
                   note="Closed by the business unit.",
                   evidence="Evidence of completion checked against the action; no further "
                            "work needed.")


STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY, AttendanceStatus.APOLOGIES,
            AttendanceStatus.ABSENT)
DEPUTY_POSTS = {"North Yorkshire Police": "Detective Inspector",
                "North Yorkshire and York CCGs": "Named Nurse"}


def _deputy(member):
    """A deputy described by post, never by name."""
    agency = member.agency.name if member.agency_id else "the business unit"
    post = DEPUTY_POSTS.get(agency, "Deputy")
    return f"{post}, {agency} (deputising for the {member.role_label})"


def _add_months(day, months):
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None):
    """North Yorkshire's governance demo: groups, meetings and actions. Does nothing when
    North Yorkshire is missing or already has groups."""
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    if partnership.groups.exists():
        _write(stdout, "Governance demo: North Yorkshire already has groups; left as it is.")
        return
    demo = _Demo(partnership, Partnership.objects.filter(slug="city-of-york").first())
    demo.create_groups()
    demo.schedule()
    demo.run_meetings()
    made = demo.create_actions()
    total = sum(g.meetings.count() for g in demo.groups.values())
    held = sum(len(v) for v in demo.held.values())
    _write(stdout, f"Governance demo: {len(demo.groups)} groups, {total} meetings ({held} held), "
                   f"{len(made)} actions for {partnership.short_name or partnership.name}.")
