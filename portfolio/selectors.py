"""An agency's portfolio: everything it owes every partnership it serves, as one list sorted
by due date. Each kind of item is one query, a join on the agency's current designations
(never a loop over partnerships); the kinds are combined with a UNION in the database, so a
page of items is one query and its count another, whatever the number of partnerships or
items (the alternative, one query per kind merged in Python, has to read every earlier row
of each kind to show a later page).

Every part has the same columns (COLUMNS); `finish` turns a row into an Item with its title
and link."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    DateField,
    DecimalField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from agencies.models import EDITABLE, Request
from funding.models import Contribution
from governance.models import Action
from partnership import dates
from partnership.models import ClosureDay, Designation, Partnership
from partnership.models.dated import today
from partnership.quarters import DUE_WORKING_DAYS, Quarter
from reviews.models import AgencySummary, SummaryStatus
from scrutiny.models import ChallengeAddressee, ChallengeState, DatasetReturn, DatasetStatus, Measure

SECTION_11, SUMMARY, ACTION, CHALLENGE, DATASET, CONTRIBUTION = (
    "section_11", "summary", "action", "challenge", "dataset", "contribution")
KINDS = {
    SECTION_11: "Section 11 return",
    SUMMARY: "Rapid review summary",
    ACTION: "Action",
    CHALLENGE: "Challenge",
    DATASET: "Dataset return",
    CONTRIBUTION: "Contribution",
}
COLUMNS = ("item_kind", "item_id", "item_partnership", "item_slug", "item_partnership_name",
           "item_title", "item_due", "item_status", "item_ref", "item_period", "item_amount")
NOT_STARTED = "not_started"
DUE_WINDOW = datetime.timedelta(days=90)  # 20 working days after a quarter ends fall within


def served(agency):
    """The partnerships the agency serves today (its current designations)."""
    return Partnership.objects.filter(pk__in=Designation.objects.active().filter(
        agency=agency).values("partnership_id")).order_by("name")


def _shape(queryset, kind, *, pk, partnership, title, due, status, ref=None, period=None,
           amount=None):
    """One kind's rows with the common columns, in the same order for every kind."""
    prefix = f"{partnership}__" if partnership else ""
    return queryset.order_by().annotate(
        item_kind=Value(kind, output_field=CharField()),
        item_id=F(pk),
        item_partnership=F(f"{prefix}pk" if partnership else "pk"),
        item_slug=F(f"{prefix}slug"),
        item_partnership_name=F(f"{prefix}name"),
        item_title=Cast(F(title), TextField()),
        item_due=Cast(due, DateField()),
        item_status=Cast(status, CharField()),
        # Typed, NULLs too: PostgreSQL types a UNION's column from its first two parts, and
        # a bare NULL or literal there is text.
        item_ref=Cast(Value(None) if ref is None else F(ref), IntegerField()),
        item_period=Cast(Value(None) if period is None else F(period), DateField()),
        item_amount=Cast(Value(None) if amount is None else amount,
                         DecimalField(max_digits=12, decimal_places=2)),
    ).values(*COLUMNS)


class _YearEnd(Func):
    """31 March of the financial year starting in April of `start_year`."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="DATE",
                           template="%(function)s(PRINTF('%%%%04d-03-31', %(expressions)s + 1))",
                           **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="MAKE_DATE",
                           template="%(function)s(%(expressions)s + 1, 3, 31)", **extra)


def _dataset_due(agency, current, drafts):
    """The due dates of dataset returns (20 working days after the quarter, on each
    partnership's own calendar: partnership.quarters), as SQL: for the current quarter by
    partnership (those whose closure days move it listed, the rest on the default), for
    earlier drafts by (partnership, quarter). Two queries whatever the number of
    partnerships."""
    pairs = list(drafts.order_by().values_list("partnership_id", "period_start").distinct())
    quarters = {current.start, *(start for _, start in pairs)}
    windows = Q()
    for start in quarters:
        end = Quarter(start).end
        windows |= Q(date__gt=end, date__lte=end + DUE_WINDOW)
    closures = {}
    for pid, day in ClosureDay.objects.filter(windows, partnership__in=served(agency)
                                              .values("pk")).values_list("partnership_id", "date"):
        closures.setdefault(pid, set()).add(day)

    def due(pid, start):
        return dates.WorkingDays(closures.get(pid, ())).add(Quarter(start).end, DUE_WORKING_DAYS)

    moved = {}
    for pid in closures:
        if (day := due(pid, current.start)) != due(None, current.start):
            moved.setdefault(day, []).append(pid)
    current_due = Case(*[When(pk__in=pids, then=Value(day)) for day, pids in moved.items()],
                       default=Value(due(None, current.start)), output_field=DateField())
    draft_due = Case(*[When(partnership_id=pid, period_start=start, then=Value(due(pid, start)))
                       for pid, start in pairs], default=Value(None), output_field=DateField())
    return Cast(current_due, DateField()), Cast(draft_due, DateField())


def _dataset_parts(agency, partnerships):
    current = Quarter.of(today()).previous()  # the last quarter that has ended
    drafts = DatasetReturn.objects.filter(agency=agency, partnership__in=partnerships,
                                          status=DatasetStatus.DRAFT,
                                          period_start__lt=current.start)
    current_due, draft_due = _dataset_due(agency, current, drafts)
    asked = Measure.objects.filter(partnership=OuterRef("pk"), active=True).annotate(
        sector_text=Cast("sectors", TextField())).filter(
        Q(agencies=agency) | Q(sector_text__contains=f'"{agency.sector}"'))
    this_quarter = DatasetReturn.objects.filter(partnership=OuterRef("pk"), agency=agency,
                                                period_start=current.start)
    owed = (Partnership.objects.filter(pk__in=partnerships).filter(Exists(asked))
            .exclude(Exists(this_quarter.filter(status=DatasetStatus.SUBMITTED)))
            .annotate(return_status=Coalesce(Subquery(this_quarter.values("status")[:1]),
                                             Value(NOT_STARTED)),
                      quarter=Value(current.start, DateField())))
    return [
        _shape(owed, DATASET, pk="pk", partnership="", title="name", due=current_due,
               status=F("return_status"), period="quarter"),
        _shape(drafts, DATASET, pk="pk", partnership="partnership", title="partnership__name",
               due=draft_due, status=F("status"), period="period_start"),
    ]


def parts(agency, kinds):
    """Each kind's query (of `kinds`, those the viewer may see), unevaluated: the filters
    (portfolio.forms) narrow each before they are combined."""
    partnerships = served(agency).values("pk")
    found = []
    if SECTION_11 in kinds:
        found.append(_shape(
            Request.objects.filter(agency=agency, cycle__partnership__in=partnerships,
                                   assessment__status__in=EDITABLE),
            SECTION_11, pk="pk", partnership="cycle__partnership", title="cycle__name",
            due=F("due_on"), status=F("assessment__status"), ref="assessment_id"))
    if SUMMARY in kinds:
        found.append(_shape(
            AgencySummary.objects.filter(
                agency=agency, status__in=(SummaryStatus.REQUESTED, SummaryStatus.DRAFT),
                rapid_review__notification__partnership__in=partnerships),
            SUMMARY, pk="pk", partnership="rapid_review__notification__partnership",
            title="rapid_review__notification__reference", due=F("due_on"),
            status=F("status"), ref="rapid_review_id"))
    if ACTION in kinds:
        found.append(_shape(
            Action.objects.open().filter(owner_agency=agency, partnership__in=partnerships),
            ACTION, pk="pk", partnership="partnership", title="description", due=F("due_on"),
            status=F("status"), ref="reference"))
    if CHALLENGE in kinds:
        found.append(_shape(
            ChallengeAddressee.objects.filter(
                agency=agency, responded_on__isnull=True, challenge__state=ChallengeState.RAISED,
                challenge__partnership__in=partnerships),
            CHALLENGE, pk="challenge_id", partnership="challenge__partnership",
            title="challenge__subject", due=F("challenge__due_on"), status=F("challenge__state"),
            ref="challenge__reference"))
    if DATASET in kinds:
        found.extend(_dataset_parts(agency, partnerships))
    if CONTRIBUTION in kinds:
        money = DecimalField(max_digits=12, decimal_places=2)
        balance = F("invoice_amount") - Coalesce("received_amount", Value(Decimal(0)),
                                                 output_field=money)
        found.append(_shape(
            Contribution.objects.filter(agency=agency, year__partnership__in=partnerships,
                                        invoice_date__isnull=False)
            .annotate(balance=balance).filter(balance__gt=0),
            CONTRIBUTION, pk="pk", partnership="year__partnership", title="invoice_reference",
            due=Coalesce("due_on", _YearEnd("year__start_year"), output_field=DateField()),
            status=Value("invoiced"), ref="year__start_year", amount=F("balance")))
    return found


def combined(found):
    """One queryset of every part, soonest due first: a UNION, ordered and sliced (a page)
    and counted in the database."""
    if not found:
        return []
    first, *rest = found
    return first.union(*rest, all=True).order_by("item_due", "item_kind", "item_id")


@dataclass(frozen=True)
class Item:
    kind: str
    kind_label: str
    partnership_id: int
    partnership_name: str
    title: str
    due_on: datetime.date | None
    status: str
    overdue: bool
    url: str
    amount: Decimal | None


def _title_and_url(row):
    kind, slug, pk, ref = row["item_kind"], row["item_slug"], row["item_id"], row["item_ref"]
    title = row["item_title"] or ""
    if kind == SECTION_11:
        return title, reverse("s11:return", args=[slug, ref])
    if kind == SUMMARY:
        return (f"Agency summary for rapid review {title}",
                reverse("reviews:summary-edit", args=[slug, ref, pk]))
    if kind == ACTION:
        return (f"A{ref}: {title[:120]}",
                reverse("governance:action-detail", args=[slug, pk]))
    if kind == CHALLENGE:
        return f"CH{ref:03d}: {title}", reverse("scrutiny:challenge-detail", args=[slug, pk])
    if kind == DATASET:
        quarter = Quarter(_day(row["item_period"]))
        return (f"Dataset return for {quarter.label}",
                reverse("scrutiny:dataset-return-form", args=[slug, row["agency"], quarter.key]))
    label = f"{ref}/{(ref + 1) % 100:02d}"
    return (f"Contribution {label}" + (f", invoice {title}" if title else ""),
            reverse("funding:year", args=[slug, ref]))


def _day(value):
    """A date column of a UNION (SQLite returns some as text)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


STATUS_LABELS = {
    NOT_STARTED: "Not started", "draft": "Draft", "returned": "Returned for amendment",
    "requested": "Requested", "open": "Open", "in_progress": "In progress",
    ChallengeState.RAISED: "Awaiting your response", "invoiced": "Invoiced, not paid in full",
}


def finish(rows, agency):
    """The page's rows as Items (no query)."""
    day = today()
    items = []
    for row in rows:
        title, url = _title_and_url({**row, "agency": agency.pk})
        due = _day(row["item_due"])
        amount = row["item_amount"]
        items.append(Item(
            kind=row["item_kind"], kind_label=KINDS[row["item_kind"]],
            partnership_id=row["item_partnership"],
            partnership_name=row["item_partnership_name"], title=title, due_on=due,
            status=STATUS_LABELS.get(row["item_status"], row["item_status"]),
            overdue=bool(due and due < day), url=url,
            amount=None if amount is None else Decimal(amount).quantize(Decimal("0.01"))))
    return items
