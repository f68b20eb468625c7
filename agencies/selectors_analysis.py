"""Reads for moderation, challenge events and the analysis of a cycle: completion, the
rating distribution per standard (anonymised for agency staff), ratings per agency,
year-on-year change and the export rows. Every figure is aggregated in the database, in a
number of queries that does not depend on the number of agencies or returns.

Ratings are analysed from submitted and signed-off returns only; an agency's own return is
shown to its staff whatever its status."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from partnership.models import Agency

from .models import Answer, Kind, Moderation, PlanItem, Request, Standard, Status
from .permissions import READABLE

# A standard's distribution is shown to agency staff only when at least this many agencies
# answered it, so that nobody can work out another agency's rating.
MIN_AGENCIES = 3
HUNDREDTH = Decimal("0.01")


def percent(part, whole):
    """A whole-number percentage, halves rounded up (0 when there is nothing to divide)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def short_label(template, value):
    """'Green' for 'Green: fully met', '2' for '2: partly met', 'Compliant' unchanged."""
    label = template.label_of(value)
    return label.split(":")[0] if label else ""


# Completion ------------------------------------------------------------------------------

COMPLETION = (
    ("asked", "Asked"),
    ("started", "Started"),
    ("submitted", "Submitted (including signed off)"),
    ("signed_off", "Signed off"),
    ("returned", "Returned for amendment"),
    ("overdue", "Overdue (not submitted by the deadline)"),
)


def completion(cycle, on=None):
    """How many of the agencies asked have started, submitted and signed off their return,
    and how many are overdue (deadline after any extension passed, not submitted): one
    query. [{key, label, count, percent}] with percentages of the agencies asked."""
    day = on or timezone.localdate()
    readable = Q(assessment__status__in=READABLE)
    counts = Request.objects.filter(cycle=cycle).aggregate(
        asked=Count("pk"),
        started=Count("pk", filter=Q(assessment__started_at__isnull=False)
                      | ~Q(assessment__status=Status.DRAFT)),
        submitted=Count("pk", filter=readable),
        signed_off=Count("pk", filter=Q(assessment__status=Status.SIGNED_OFF)),
        returned=Count("pk", filter=Q(assessment__status=Status.RETURNED)),
        overdue=Count("pk", filter=Q(due_on__lt=day) & ~readable),
    )
    asked = counts["asked"]
    return [{"key": key, "label": label, "count": counts[key],
             "percent": percent(counts[key], asked)} for key, label in COMPLETION]


# Distribution ----------------------------------------------------------------------------

@dataclass
class DistributionRow:
    standard: Standard
    answered: int | None
    counts: list | None  # per option of the scale, worst first; None when suppressed
    options: tuple
    shown: bool = True

    @property
    def cells(self):
        return [{"value": value, "label": label, "count": count,
                 "percent": percent(count, self.answered)}
                for (value, label), count in zip(self.options, self.counts, strict=True)]


def distribution(cycle, standards, *, anonymised=False):
    """The number (and share) of agencies giving each rating to each standard, from the
    cycle's submitted and signed-off returns: one query. Anonymised, a standard answered by
    fewer than MIN_AGENCIES agencies keeps no figures at all."""
    template = cycle.template
    options = template.options
    tallies = (Answer.objects.filter(assessment__requests__cycle=cycle,
                                     assessment__status__in=READABLE,
                                     standard__template=template, rating__isnull=False)
               .values("standard_id", "rating")
               .annotate(agencies=Count("assessment__agency", distinct=True)).order_by())
    found = {(t["standard_id"], t["rating"]): t["agencies"] for t in tallies}
    rows = []
    for standard in standards:
        counts = [found.get((standard.pk, value), 0) for value, _ in options]
        answered = sum(counts)
        if anonymised and answered < MIN_AGENCIES:
            rows.append(DistributionRow(standard, None, None, options, shown=False))
        else:
            rows.append(DistributionRow(standard, answered, counts, options))
    return rows


# Ratings per agency ----------------------------------------------------------------------

@dataclass
class AgencyRow:
    request: Request
    overdue: bool
    ratings: list = field(default_factory=list)  # per standard: {self, moderated, ...}


def ratings_requests(cycle, requests):
    """The cycle's requests among `requests` (those the viewer sees), by agency name: the
    rows of the ratings table, to filter and page in the database."""
    return (requests.filter(cycle=cycle).select_related("agency", "assessment")
            .order_by("agency__name", "pk"))


def agency_ratings(cycle, partnership, requests, standards, *, readable_only=True, on=None):
    """One row per request (agency) with, per standard, the agency's rating and the
    partnership's moderated rating: three queries. `requests`: a queryset (the cycle's
    are taken, ratings_requests) or a page of ratings_requests. With readable_only, ratings
    of returns not yet submitted are left out (the row still shows the status)."""
    day = on or timezone.localdate()
    template = cycle.template
    if isinstance(requests, QuerySet):
        requests = ratings_requests(cycle, requests)
    requests = list(requests)
    if not requests:
        return []
    ids = [r.assessment_id for r in requests]
    answers = Answer.objects.filter(assessment_id__in=ids, rating__isnull=False)
    if readable_only:
        answers = answers.filter(assessment__status__in=READABLE)
    rated = {(a, s): r for a, s, r in answers.values_list("assessment_id", "standard_id", "rating")}
    moderated = {(a, s): r for a, s, r in Moderation.objects.filter(
        partnership=partnership, assessment_id__in=ids).values_list(
        "assessment_id", "standard_id", "rating")}
    rows = []
    for request in requests:
        status = request.assessment.status
        row = AgencyRow(request, overdue=request.due_on < day and status not in READABLE)
        for standard in standards:
            mine = rated.get((request.assessment_id, standard.pk))
            theirs = moderated.get((request.assessment_id, standard.pk))
            row.ratings.append({
                "standard": standard,
                "self": short_label(template, mine) if mine else "",
                "self_full": template.label_of(mine) if mine else "",
                "moderated": short_label(template, theirs) if theirs else "",
                "moderated_full": template.label_of(theirs) if theirs else "",
                "changed": bool(mine and theirs and mine != theirs),
            })
        rows.append(row)
    return rows


# Year on year ----------------------------------------------------------------------------

@dataclass
class TrendRow:
    label: str
    cells: list  # per cycle: {"average": Decimal | None, "change": Decimal | None, "note": str}


@dataclass
class Trend:
    agency: str
    rows: list


def _two_places(value):
    return None if value is None else Decimal(str(value)).quantize(HUNDREDTH, ROUND_HALF_UP)


def _standard_key(number):
    return (0, int(number), "") if number.isdigit() else (1, 0, number)


def trend_cycles(cycles, kind=Kind.SECTION_11):
    """The cycles (of those the viewer sees) of this kind, oldest first: the columns of
    the year-on-year tables."""
    return list(cycles.filter(template__kind=kind).select_related("template")
                .order_by("opens_on", "pk"))


def trend_agencies(cycles, requests):
    """The agencies with a submitted or signed-off return in these cycles among `requests`
    (those the viewer sees), by name: the rows of the year-on-year tables, to filter and
    page in the database."""
    asked = requests.filter(cycle__in=cycles, assessment__status__in=READABLE)
    return Agency.objects.filter(pk__in=asked.values("agency_id")).order_by("name", "pk")


def year_on_year(cycles, requests, agencies):
    """Per agency (`agencies`, a page of trend_agencies), its average rating (all
    standards, then each standard by number) in each of `cycles` (trend_cycles), from
    submitted and signed-off returns, with the change from the agency's previous cycle
    (only between cycles on the same rating scale). Three queries whatever the number of
    agencies and cycles; a Trend per agency, in the order given."""
    if not cycles or not agencies:
        return []
    requests = requests.filter(cycle__in=cycles, assessment__status__in=READABLE,
                               agency__in=[agency.pk for agency in agencies])
    overall = (requests.values("agency_id", "cycle_id")
               .annotate(average=Avg("assessment__answers__rating")).order_by())
    per_standard = (requests.values("agency_id", "cycle_id", "assessment__answers__standard__number")
                    .annotate(average=Avg("assessment__answers__rating")).order_by())
    order = {cycle.template_id: index for index, cycle in enumerate(cycles)}
    titles = {}
    for _template, number, title in sorted(
            Standard.objects.filter(template_id__in=order).values_list("template_id", "number", "title"),
            key=lambda row: order[row[0]]):
        titles[number] = title  # the latest cycle's wording wins
    values = {}
    for row in overall:
        values[(row["agency_id"], None, row["cycle_id"])] = row["average"]
    numbers = set()
    for row in per_standard:
        number = row["assessment__answers__standard__number"]
        if number is not None and row["average"] is not None:
            numbers.add(number)
            values[(row["agency_id"], number, row["cycle_id"])] = row["average"]
    trends = []
    for agency in agencies:
        rows = []
        for number in [None, *sorted(numbers, key=_standard_key)]:
            label = "All standards" if number is None else f"{number}. {titles.get(number, '')}"
            rows.append(TrendRow(label, _cells(cycles, [values.get((agency.pk, number, c.pk))
                                                        for c in cycles])))
        trends.append(Trend(agency.name, rows))
    return trends


def _cells(cycles, averages):
    cells, previous = [], None
    for cycle, average in zip(cycles, averages, strict=True):
        average = _two_places(average)
        cell = {"average": average, "change": None, "note": ""}
        if average is not None and previous is not None:
            before_cycle, before = previous
            if before_cycle.template.scale == cycle.template.scale:
                cell["change"] = average - before
            else:
                cell["note"] = "Not comparable: a different rating scale"
        if average is not None:
            previous = (cycle, average)
        cells.append(cell)
    return cells


# Exports ---------------------------------------------------------------------------------

EXPORT_HEADER = ("Cycle", "Agency", "Status", "Standard", "Standard title", "Self rating",
                 "Self rating label", "Moderated rating", "Moderated rating label",
                 "Evidence items", "Action plan items")


def export_rows(cycle, partnership, requests, standards):
    """A row per agency x standard: status, ratings (the agency's and this partnership's
    moderated one), evidence and action plan counts; no narratives. Four queries, all run
    here; the rows are then made one at a time as they are written (a streamed export)."""
    template = cycle.template
    requests = list(requests.filter(cycle=cycle).select_related("agency", "assessment")
                    .order_by("agency__name", "pk"))
    ids = [r.assessment_id for r in requests]
    answers = {(a["assessment_id"], a["standard_id"]): a for a in
               Answer.objects.filter(assessment_id__in=ids)
               .values("assessment_id", "standard_id", "rating")
               .annotate(evidence_count=Count("evidence")).order_by()}
    plans = {(p["assessment_id"], p["standard_id"]): p["items"] for p in
             PlanItem.objects.filter(assessment_id__in=ids, standard__isnull=False)
             .values("assessment_id", "standard_id").annotate(items=Count("pk")).order_by()}
    moderated = {(a, s): r for a, s, r in Moderation.objects.filter(
        partnership=partnership, assessment_id__in=ids).values_list(
        "assessment_id", "standard_id", "rating")}

    def rows():
        yield EXPORT_HEADER
        for request in requests:
            status = request.assessment.get_status_display()
            for standard in standards:
                key = (request.assessment_id, standard.pk)
                answer = answers.get(key, {})
                rating, mod = answer.get("rating"), moderated.get(key)
                yield (cycle.name, request.agency.name, status, standard.number,
                       standard.title, rating, template.label_of(rating) if rating else "",
                       mod, template.label_of(mod) if mod else "",
                       answer.get("evidence_count", 0), plans.get(key, 0))
    return rows()


# Moderation ------------------------------------------------------------------------------

@dataclass
class SheetRow:
    standard: Standard
    answer: Answer | None
    moderation: Moderation | None

    @property
    def rating_label(self):
        if self.answer is None or self.answer.rating is None:
            return ""
        return self.standard.template.label_of(self.answer.rating)

    @property
    def questions(self):
        """The answers to the standard's questions, where it is answered question by
        question, each with its rating in words."""
        if self.answer is None:
            return []
        return [(qa, self.standard.template.label_of(qa.rating))
                for qa in self.answer.question_answers.all()]

    @property
    def moderated_label(self):
        return self.standard.template.label_of(self.moderation.rating) if self.moderation else ""


def moderation_sheet(assessment, partnership):
    """Per standard of the return's template: the agency's answer (rating, narrative,
    evidence titles; its questions' answers where it is answered question by question) and
    this partnership's moderation of it, if any. Six queries."""
    template = assessment.template
    standards = list(template.standards.all())
    for standard in standards:
        standard.template = template
    answers = {a.standard_id: a for a in assessment.answers.prefetch_related(
        "evidence", "question_answers__question")}
    moderations = {m.standard_id: m for m in Moderation.objects.filter(
        assessment=assessment, partnership=partnership).select_related("moderator")}
    return [SheetRow(s, answers.get(s.pk), moderations.get(s.pk)) for s in standards]
