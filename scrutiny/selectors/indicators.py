"""The scrutiny indicators, computed from the live records of the other apps: Section 11,
case reviews, the action register, meeting attendance and funding.

Every figure of a period and of its trend comes from one aggregate query per source (the
periods are conditional counts in the same query), so a dashboard costs the same number of
queries whatever the volume of records; each query reads only the rows that can count in
the trend's windows (`span`: from the first window's start to the period's end), so its cost
follows the period, not the partnership's whole history (indexes on those dates: see the
apps' migrations). Deadlines are the due dates the apps stored when
the records were made (counted in working days by partnership.dates, bank holidays and
closure days skipped); a record not yet due and not yet done is not counted.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from agencies.models import Answer, Request, Scale
from agencies.models import Status as ReturnStatus
from funding.models import Contribution, Payment
from governance.models import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    MeetingStatus,
)
from governance.models.actions import DONE
from partnership import periods
from partnership.models import Agency, Designation
from partnership.models.dated import today as today_
from reviews.models import Notification, PracticeReview, RapidReview

from ..models import IndicatorTarget
from .dataset import indicator_values
from .values import IndicatorValue, Rag

TENTH = Decimal("0.1")
PERCENT, COUNT = "percent", "count"
DONE_RETURNS = (ReturnStatus.SUBMITTED, ReturnStatus.SIGNED_OFF)
REPRESENTED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
OPEN = [status for status in ActionStatus.values if status not in DONE]

# code: (name, definition, unit, split by agency, higher is better by default)
SPECS = {
    "s11_completion": (
        "Section 11 returns completed",
        "Of the agencies asked for a Section 11 return in a cycle whose deadline falls in the "
        "period, the percentage whose return has been submitted or signed off.",
        PERCENT, True, True),
    "s11_fully_met": (
        "Section 11 standards fully met",
        "Of the ratings in submitted or signed-off Section 11 returns of cycles whose "
        "deadline falls in the period, the percentage at the top of the scale (fully met, "
        "green or compliant).",
        PERCENT, True, True),
    "notifications_on_time": (
        "Notifications within 5 working days",
        "Of the serious incident notifications due in the period (5 working days after the "
        "local authority became aware), the percentage sent to the Panel by the due date. "
        "Notifications not yet due and not yet sent are not counted.",
        PERCENT, False, True),
    "rapid_reviews_on_time": (
        "Rapid reviews within 15 working days",
        "Of the rapid reviews due in the period (15 working days after the Panel was "
        "notified), the percentage sent to the Panel by the due date. Reviews not yet due "
        "and not yet sent are not counted.",
        PERCENT, False, True),
    "practice_reviews_on_track": (
        "Practice reviews on track",
        "Of the local child safeguarding practice reviews whose target date falls in the "
        "period, the percentage whose final report arrived by the target, or whose target "
        "has not passed yet.",
        PERCENT, False, True),
    "actions_open": (
        "Actions open",
        "Actions in the register at the end of the period (or today, if sooner) that were "
        "not yet completed or closed. An action counts from the day it was added, or from its "
        "due date if that is earlier (actions recorded after the event).",
        COUNT, True, False),
    "actions_overdue": (
        "Actions overdue",
        "Actions open at the end of the period (or today, if sooner) whose due date had "
        "passed.",
        COUNT, True, False),
    "actions_on_time": (
        "Actions completed on time",
        "Of the actions due in the period, the percentage completed by their due date. "
        "Actions not yet due and still open are not counted.",
        PERCENT, True, True),
    "attendance_statutory": (
        "Statutory partner attendance",
        "Of the attendance recorded for the three statutory partners at meetings held in "
        "the period, the percentage at which they were represented (present or by deputy).",
        PERCENT, True, True),
    "attendance_all": (
        "Attendance, all agencies",
        "Of the attendance recorded for every agency at meetings held in the period, the "
        "percentage at which the agency was represented (present or by deputy).",
        PERCENT, True, True),
    "contributions_received": (
        "Contributions received",
        "Of the contributions the partners agreed for the financial year, the percentage "
        "received by the end of the period.",
        PERCENT, True, True),
}
CODES = tuple(SPECS)
CHOICES = [(code, spec[0]) for code, spec in SPECS.items()]


def percent(part, whole):
    """part of whole as a percentage to one decimal place; None when whole is 0 (no data)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def rag_for(value, target):
    """RAG of a value against an IndicatorTarget (None without a target or a value)."""
    if value is None or target is None:
        return None
    gap = (value - target.target) if target.higher_is_better else (target.target - value)
    if gap >= 0:
        return Rag.GREEN
    return Rag.AMBER if -gap <= target.amber_margin else Rag.RED


class Window:
    """One period of the trend: start, end, label, and the day its figures are taken on."""

    def __init__(self, start, end, label, today):
        self.start, self.end, self.label = start, end, label
        self.on = min(end, today)


def windows(start, end, today=None):
    """The period and the TREND_PERIODS before it, oldest first (the period last)."""
    today = today or today_()
    period = periods.from_dates(start, end)
    if period is not None:
        return [Window(p.start, p.end, p.label, today) for p in (*period.previous(), period)]
    span = end - start + datetime.timedelta(days=1)
    found = []
    for n in range(periods.TREND_PERIODS, -1, -1):
        s, e = start - span * n, end - span * n
        found.append(Window(s, e, f"{s:%-d %b %Y} to {e:%-d %b %Y}", today))
    return found


@dataclass(frozen=True)
class Span:
    """What the trend's windows cover together: `start` to `end`; `first_on` and `last_on`,
    the earliest and latest days figures are taken on."""

    start: datetime.date
    end: datetime.date
    first_on: datetime.date
    last_on: datetime.date


def span(spans):
    return Span(spans[0].start, spans[-1].end, min(w.on for w in spans),
                max(w.on for w in spans))


def day_bounds(start, end):
    """[start 00:00, the day after end 00:00) in the current time zone, to compare a
    date-time column with an index (a `__date` lookup cannot use one)."""
    zone = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min,
                                      tzinfo=zone))


def _counts(queryset, spans, **conditions):
    """One query: for each window index and each named condition(window) a Count."""
    aggregates = {f"{name}{i}": Count("pk", distinct=True, filter=make(w))
                  for i, w in enumerate(spans) for name, make in conditions.items()}
    return queryset.aggregate(**aggregates)


def _series(row, spans, part, whole):
    return [percent(row[f"{part}{i}"], row[f"{whole}{i}"]) for i in range(len(spans))]


def top_rating():
    return (Q(assessment__template__scale=Scale.ONE_TO_FOUR, rating=4)
            | (~Q(assessment__template__scale=Scale.ONE_TO_FOUR) & Q(rating=3)))


def _section11(partnership, spans, agency):
    whole = span(spans)
    requests = Request.objects.filter(cycle__partnership=partnership,
                                      cycle__closes_on__range=(whole.start, whole.end))
    answers = Answer.objects.filter(
        assessment__requests__cycle__partnership=partnership,
        assessment__requests__cycle__closes_on__range=(whole.start, whole.end),
        assessment__status__in=DONE_RETURNS, rating__isnull=False)
    if agency is not None:
        requests = requests.filter(agency=agency)
        answers = answers.filter(assessment__agency=agency)

    def due(w, prefix=""):
        return Q(**{f"{prefix}cycle__closes_on__range": (w.start, w.end)})

    done = _counts(requests, spans, due=due,
                   done=lambda w: due(w) & Q(assessment__status__in=DONE_RETURNS))
    rated = _counts(answers, spans, rated=lambda w: due(w, "assessment__requests__"),
                    top=lambda w: due(w, "assessment__requests__") & top_rating())
    return {"s11_completion": _series(done, spans, "done", "due"),
            "s11_fully_met": _series(rated, spans, "top", "rated")}


def _reviews(partnership, spans, today):
    whole = span(spans)
    notifications = _counts(
        Notification.objects.filter(partnership=partnership,
                                    notify_by__range=(whole.start, whole.end)), spans,
        due=lambda w: Q(notify_by__range=(w.start, w.end))
        & (Q(notified_on__isnull=False) | Q(notify_by__lt=today)),
        met=lambda w: Q(notify_by__range=(w.start, w.end), notified_on__lte=F("notify_by")))
    rapid = _counts(
        RapidReview.objects.filter(notification__partnership=partnership,
                                   due_on__range=(whole.start, whole.end)), spans,
        due=lambda w: Q(due_on__range=(w.start, w.end))
        & (Q(sent_to_panel_on__isnull=False) | Q(due_on__lt=today)),
        met=lambda w: Q(due_on__range=(w.start, w.end), sent_to_panel_on__lte=F("due_on")))
    practice = _counts(
        PracticeReview.objects.filter(partnership=partnership,
                                      target_on__range=(whole.start, whole.end)), spans,
        due=lambda w: Q(target_on__range=(w.start, w.end)),
        met=lambda w: Q(target_on__range=(w.start, w.end))
        & (Q(final_report_on__lte=F("target_on"))
           | Q(final_report_on__isnull=True, target_on__gte=today)))
    return {"notifications_on_time": _series(notifications, spans, "met", "due"),
            "rapid_reviews_on_time": _series(rapid, spans, "met", "due"),
            "practice_reviews_on_track": _series(practice, spans, "met", "due")}


def open_on(day):
    """Actions in the register on `day` (added by then, or due by then: an action entered
    after the event still counts from its due date) and not completed by then."""
    return (Q(created_at__date__lte=day) | Q(due_on__lte=day)) & (
        Q(completed_on__isnull=True, status__in=OPEN) | Q(completed_on__gt=day))


def overdue_on(day):
    return open_on(day) & Q(due_on__lt=day)


def in_windows(spans):
    """The actions that can count in any of the windows: open at some window's end, or due
    in one (an action completed before the first window and due before it cannot)."""
    whole = span(spans)
    _, added = day_bounds(whole.last_on, whole.last_on)
    return Q(due_on__range=(whole.start, whole.end)) | (
        (Q(created_at__lt=added) | Q(due_on__lte=whole.last_on))
        & (Q(completed_on__isnull=True, status__in=OPEN) | Q(completed_on__gt=whole.first_on)))


def due_in(w, today):
    return Q(due_on__range=(w.start, w.end)) & (Q(completed_on__isnull=False) | Q(due_on__lt=today))


def _actions(partnership, spans, agency, today):
    actions = Action.objects.filter(in_windows(spans), partnership=partnership)
    if agency is not None:
        actions = actions.filter(owner_agency=agency)
    row = _counts(actions, spans, open=lambda w: open_on(w.on),
                  overdue=lambda w: overdue_on(w.on), due=lambda w: due_in(w, today),
                  met=lambda w: due_in(w, today) & Q(completed_on__lte=F("due_on")))
    n = range(len(spans))
    return {"actions_open": [row[f"open{i}"] for i in n],
            "actions_overdue": [row[f"overdue{i}"] for i in n],
            "actions_on_time": _series(row, spans, "met", "due")}


def attendance_rows(partnership, spans, agency=None):
    """Attendance at the partnership's meetings held in each window, by agency: one query.
    {agency id: {"name", "statutory", "recorded<i>", "attended<i>"}}."""
    whole = span(spans)
    held = (Attendance.objects.filter(meeting__group__partnership=partnership,
                                      meeting__starts_at__range=day_bounds(whole.start,
                                                                           whole.last_on))
            .exclude(meeting__status=MeetingStatus.CANCELLED))
    if agency is not None:
        held = held.filter(agency=agency)
    aggregates = {}
    for i, w in enumerate(spans):
        when = Q(meeting__starts_at__date__range=(w.start, w.on))
        aggregates[f"recorded{i}"] = Count("pk", filter=when)
        aggregates[f"attended{i}"] = Count("pk", filter=when & Q(status__in=REPRESENTED))
    statutory = set(Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values_list(
        "agency_id", flat=True))
    rows = {}
    for row in held.values("agency", "agency__name").annotate(**aggregates).order_by():
        rows[row["agency"]] = {**row, "name": row["agency__name"] or "No agency",
                               "statutory": row["agency"] in statutory}
    return rows


def _attendance(partnership, spans, agency):
    rows = attendance_rows(partnership, spans, agency).values()
    result = {"attendance_statutory": [], "attendance_all": []}
    for i in range(len(spans)):
        for code, chosen in (("attendance_statutory", [r for r in rows if r["statutory"]]),
                             ("attendance_all", list(rows))):
            result[code].append(percent(sum(r[f"attended{i}"] for r in chosen),
                                        sum(r[f"recorded{i}"] for r in chosen)))
    return result


def _funding(partnership, spans, agency):
    """Per span: the payments received by its end against its financial year's contribution
    lines, as a share of what was agreed (payments are summed apart from the lines, so a line
    paid in instalments is not counted once per payment)."""
    years = {periods.containing(w.start).year for w in spans}
    contributions = Contribution.objects.filter(year__partnership=partnership,
                                                year__start_year__in=years)
    if agency is not None:
        contributions = contributions.filter(agency=agency)
    payments = Payment.objects.filter(contribution__in=contributions,
                                      received_on__lte=span(spans).end)
    agreed, received = {}, {}
    for i, w in enumerate(spans):
        start_year = periods.containing(w.start).year
        agreed[f"agreed{i}"] = Sum("agreed", filter=Q(year__start_year=start_year))
        received[f"received{i}"] = Sum("amount", filter=Q(
            contribution__year__start_year=start_year, received_on__lte=w.end))
    row = {**contributions.aggregate(**agreed), **payments.aggregate(**received)}
    return {"contributions_received": [percent(row[f"received{i}"] or 0, row[f"agreed{i}"])
                                       for i in range(len(spans))]}


def targets_for(partnership):
    return {t.code: t for t in IndicatorTarget.objects.filter(partnership=partnership)}


def drill_url(partnership, code, window, agency=None, current=False):
    """Where the records behind a figure are listed: the action register, filtered, for
    today's overdue actions; the indicator's own page (which lists the records the viewer
    may see) otherwise."""
    query = f"&agency={agency.pk}" if agency is not None else ""
    if code == "actions_overdue" and current:
        return reverse("governance:action-list", args=[partnership.slug]) + "?overdue=1" + query
    period = periods.from_dates(window.start, window.end)
    url = reverse("scrutiny:indicator", args=[partnership.slug, code])
    return url + (f"?period={period.code}{query}" if period else ("?" + query[1:] if query else ""))


def indicators_for(partnership, period_start, period_end, agency=None, user=None):
    """Every indicator for the period, with its trend over the previous periods, target and
    RAG, in a fixed number of queries. `agency` narrows the indicators that belong to an
    agency (Section 11, actions, attendance, contributions); the others stay the whole
    partnership's. `user` is accepted so callers can pass the viewer; the figures are
    counts, and the drill-down pages check what the viewer may see."""
    today = today_()
    spans = windows(period_start, period_end, today)
    series = {**_section11(partnership, spans, agency), **_reviews(partnership, spans, today),
              **_actions(partnership, spans, agency, today),
              **_attendance(partnership, spans, agency), **_funding(partnership, spans, agency)}
    targets = targets_for(partnership)
    current = spans[-1]
    found = []
    for code, (name, definition, unit, _by_agency, higher) in SPECS.items():
        values = series[code]
        target = targets.get(code)
        found.append(IndicatorValue(
            code=code, name=name, definition=definition, period=current.label,
            value=values[-1], unit=unit, target=target.target if target else None,
            rag=rag_for(values[-1], target),
            trend=tuple((w.label, v) for w, v in zip(spans[:-1], values[:-1], strict=True)),
            drill_url=drill_url(partnership, code, current, agency,
                                current=current.start <= today <= current.end),
            higher_is_better=target.higher_is_better if target else higher))
    return found


def by_agency(code):
    return SPECS[code][3]


def agency_choices(partnership, start=None, end=None):
    """The agencies the dashboard can be narrowed to: those designated in the partnership
    (during start..end, when given)."""
    designations = Designation.objects.filter(partnership=partnership)
    if start is not None:
        designations = designations.filter(Q(end_date__isnull=True) | Q(end_date__gte=start),
                                           start_date__lte=end)
    return Agency.objects.filter(pk__in=designations.values("agency_id")).order_by("name")


def dashboard_values(partnership, period_start, period_end, agency=None, user=None):
    """indicators_for's figures, then the multi-agency dataset's (one per active measure,
    whose targets the measures carry): what the dashboard and the API list."""
    return [*indicators_for(partnership, period_start, period_end, agency, user),
            *indicator_values(partnership, period_start, period_end, agency,
                              drill_url=reverse("scrutiny:dataset", args=[partnership.slug]))]
