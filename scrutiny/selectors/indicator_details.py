"""The records behind one indicator for one period, for its drill-down page: only those the
viewer may see (each app's permissions decide), at most LIMIT rows, in one or two queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Q, Sum
from django.urls import reverse
from django.utils import timezone

from agencies import permissions as s11_permissions
from funding import permissions as funding_permissions
from funding.models import Contribution
from governance import permissions as governance_permissions
from governance.models import Group
from governance.selectors.attendance import absent_running
from partnership import periods
from partnership.models.dated import today
from reviews import permissions as review_permissions

from . import indicators as ind

LIMIT = 200


@dataclass
class Records:
    headers: list
    rows: list = field(default_factory=list)  # [(link or "", [cells])]
    total: int = 0
    source_url: str = ""  # the app's own list of these records
    source_label: str = ""
    notes: list = field(default_factory=list)  # [(text, link or "")] beside the table


def _fill(records, queryset, row):
    records.total = queryset.count()
    records.rows = [row(obj) for obj in queryset[:LIMIT]]
    return records


def _date(day):
    return day.strftime("%-d %b %Y") if day else "Not yet"


def _section11(user, partnership, window, agency):
    requests = (s11_permissions.requests_for(user, partnership)
                .filter(cycle__closes_on__range=(window.start, window.end))
                .select_related("cycle", "agency", "assessment").order_by("cycle__closes_on",
                                                                          "agency__name"))
    if agency is not None:
        requests = requests.filter(agency=agency)
    records = Records(["Agency", "Cycle", "Deadline", "Return"],
                      source_url=reverse("s11:cycle-list", args=[partnership.slug]),
                      source_label="Section 11 cycles")
    return _fill(records, requests, lambda r: (
        reverse("s11:cycle", args=[partnership.slug, r.cycle_id]),
        [r.agency.name, r.cycle.name, _date(r.cycle.closes_on),
         r.assessment.get_status_display()]))


def _notifications(user, partnership, window, agency):
    cases = (review_permissions.notifications_for(user, partnership)
             .filter(notify_by__range=(window.start, window.end)).order_by("notify_by", "pk"))
    records = Records(["Case", "Due", "Panel notified", "On time"],
                      source_url=reverse("reviews:case-list", args=[partnership.slug]),
                      source_label="Case reviews")
    return _fill(records, cases, lambda n: (
        reverse("reviews:case-detail", args=[partnership.slug, n.pk]),
        [str(n), _date(n.notify_by), _date(n.notified_on), _yes_no(n.notified_in_time)]))


def _rapid(user, partnership, window, agency):
    reviews = (review_permissions.rapid_reviews_for(user, partnership)
               .filter(due_on__range=(window.start, window.end))
               .select_related("notification").order_by("due_on", "pk"))
    records = Records(["Case", "Due", "Sent to the Panel", "On time"],
                      source_url=reverse("reviews:case-list", args=[partnership.slug]),
                      source_label="Case reviews")
    return _fill(records, reviews, lambda r: (
        reverse("reviews:rapid-detail", args=[partnership.slug, r.pk]),
        [str(r.notification), _date(r.due_on), _date(r.sent_to_panel_on),
         _yes_no(None if r.sent_to_panel_on is None else r.sent_to_panel_on <= r.due_on)]))


def _practice(user, partnership, window, agency):
    reviews = (review_permissions.practice_reviews_for(user, partnership)
               .filter(target_on__range=(window.start, window.end)).order_by("target_on", "pk"))
    records = Records(["Review", "Target", "Final report", "Status"],
                      source_url=reverse("reviews:practice-review-list", args=[partnership.slug]),
                      source_label="Practice reviews")
    return _fill(records, reviews, lambda r: (
        reverse("reviews:practice-review-detail", args=[partnership.slug, r.pk]),
        [r.title, _date(r.target_on), _date(r.final_report_on), r.get_status_display()]))


ACTION_FILTERS = {
    "actions_open": lambda w, today: ind.open_on(w.on),
    "actions_overdue": lambda w, today: ind.overdue_on(w.on),
    "actions_on_time": lambda w, today: ind.due_in(w, today),
}


def _actions(user, partnership, window, agency, code):
    actions = (governance_permissions.actions_for(user, partnership)
               .filter(ACTION_FILTERS[code](window, today()))
               .select_related("owner_agency").order_by("due_on", "reference"))
    if agency is not None:
        actions = actions.filter(owner_agency=agency)
    records = Records(["Action", "Owner", "Source", "Due", "Status", "Completed"],
                      source_url=reverse("governance:action-list", args=[partnership.slug]),
                      source_label="The action register")
    return _fill(records, actions, lambda a: (
        reverse("governance:action-detail", args=[partnership.slug, a.pk]),
        [f"{a.code}: {a.description[:80]}", a.owner_agency.name, a.get_source_display(),
         _date(a.due_on), a.get_status_display(), _date(a.completed_on)]))


def _attendance(user, partnership, window, agency, code):
    if not governance_permissions.can_view_governance(user, partnership):
        return None
    by_agency = ind.attendance_rows(partnership, [window], agency)
    rows = by_agency.values()
    if code == "attendance_statutory":
        rows = [r for r in rows if r["statutory"]]
    records = Records(["Agency", "Recorded", "Represented", "Rate"],
                      source_url=reverse("governance:attendance-report", args=[partnership.slug])
                      + "?" + _attendance_query(window),
                      source_label="The attendance report for the period")
    rows = sorted(rows, key=lambda r: (not r["statutory"], r["name"]))
    records.rows = [("", [r["name"], r["recorded0"], r["attended0"],
                          _percent(ind.percent(r["attended0"], r["recorded0"]))])
                    for r in rows[:LIMIT]]
    records.total = len(rows)
    records.notes = _absent_running(partnership, window, agency, code, by_agency)
    return records


def _absent_running(partnership, window, agency, code, by_agency):
    """How many members of the partnership's groups were not represented at any of their
    group's last three meetings up to the end of the window, by group, for the chairs'
    attention (for the statutory indicator, only the statutory partners' seats)."""
    until = datetime.datetime.combine(window.on, datetime.time.max,
                                      tzinfo=timezone.get_current_timezone())
    seats = absent_running(Group.objects.filter(partnership=partnership), until, agency)
    if code == "attendance_statutory":
        seats = [s for s in seats if by_agency.get(s.agency_id, {}).get("statutory")]
    by_group = {}
    for seat in seats:
        by_group.setdefault(seat.group, []).append(seat)
    count = len(seats)
    notes = [(f"{count} member{'s were' if count != 1 else ' was'} not represented at any of "
              f"their group's last three meetings up to {_date(window.on)}.", "")]
    for group, absent in by_group.items():
        notes.append((f"{group.name}: {len(absent)}",
                      reverse("governance:group-detail", args=[partnership.slug, group.pk])))
    return notes


def _attendance_query(window):
    parts = []
    for name, day in (("start", window.start), ("end", window.on)):
        parts += [f"{name}_0={day.day}", f"{name}_1={day.month}", f"{name}_2={day.year}"]
    return "&".join(parts)


def _funding(user, partnership, window, agency):
    if not funding_permissions.sees_whole_budget(user, partnership):
        return None
    year = periods.containing(window.start).year
    contributions = (Contribution.objects.filter(year__partnership=partnership,
                                                 year__start_year=year)
                     .select_related("agency").order_by("agency__name", "pk")
                     .annotate(received_by_end=Sum("payments__amount", filter=Q(
                         payments__received_on__lte=window.end)),
                               last_received_on=Max("payments__received_on", filter=Q(
                                   payments__received_on__lte=window.end))))
    if agency is not None:
        contributions = contributions.filter(agency=agency)
    records = Records(["Agency", "Agreed", "Received by the end of the period",
                       "Last received on"],
                      source_url=reverse("funding:year", args=[partnership.slug, year]),
                      source_label="The financial year's contributions")

    return _fill(records, contributions, lambda c: (
        "", [c.agency.name, _pounds(c.agreed), _pounds(c.received_by_end or 0),
             _date(c.last_received_on)]))


def _pounds(amount):
    return f"£{amount:,.2f}"


def _yes_no(flag):
    return "Not yet" if flag is None else ("Yes" if flag else "No")


def _percent(value):
    return "No data" if value is None else f"{value}%"


def records_for(user, partnership, code, window, agency=None):
    """The records behind indicator `code` in `window` that `user` may see, or None."""
    if code in ("s11_completion", "s11_fully_met"):
        return _section11(user, partnership, window, agency)
    if code == "notifications_on_time":
        return _notifications(user, partnership, window, agency)
    if code == "rapid_reviews_on_time":
        return _rapid(user, partnership, window, agency)
    if code == "practice_reviews_on_track":
        return _practice(user, partnership, window, agency)
    if code in ACTION_FILTERS:
        return _actions(user, partnership, window, agency, code)
    if code in ("attendance_statutory", "attendance_all"):
        return _attendance(user, partnership, window, agency, code)
    if code == "contributions_received":
        return _funding(user, partnership, window, agency)
    return None

