"""Reads of the multi-agency dataset: the quarterly overview, the figures as indicators
(scrutiny.selectors.values.IndicatorValue) and the yearly report's summary. Only
submitted returns count. Everything is aggregated in the database, in a fixed number of
queries whatever the number of returns."""

from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.urls import reverse

from partnership.charts import bar_chart
from partnership.models import Agency, Designation
from partnership.models.dated import today
from partnership.quarters import Quarter, last_quarters, quarters_between

from ..models import DatasetReturn, DatasetStatus, DatasetValue, Measure, MeasureUnit
from .consultations import consultation_summary  # noqa: F401  (the yearly report reads it here)
from .values import IndicatorValue, Rag

TREND_QUARTERS = 4
AMBER_MARGIN = Decimal("0.10")  # within 10% of the target: amber


def measures(partnership, active_only=False):
    found = Measure.objects.filter(partnership=partnership).prefetch_related("agencies")
    return found.filter(active=True) if active_only else found


def rag(value, target, higher_is_better=True):
    if value is None or target is None:
        return None
    value, target = Decimal(value), Decimal(target)
    if higher_is_better:
        if value >= target:
            return Rag.GREEN
        return Rag.AMBER if value >= target * (1 - AMBER_MARGIN) else Rag.RED
    if value <= target:
        return Rag.GREEN
    return Rag.AMBER if value <= target * (1 + AMBER_MARGIN) else Rag.RED


def _submitted_values(partnership, quarters, agency=None):
    values = DatasetValue.objects.filter(
        dataset_return__partnership=partnership, dataset_return__status=DatasetStatus.SUBMITTED,
        dataset_return__period_start__in=[q.start for q in quarters], value__isnull=False)
    return values.filter(dataset_return__agency=agency) if agency is not None else values


def quarter_totals(partnership, quarters, agency=None):
    """{(measure id, quarter start): (sum, number of figures)} in one query."""
    rows = (_submitted_values(partnership, quarters, agency)
            .values("measure_id", "dataset_return__period_start")
            .annotate(total=Sum("value"), n=Count("pk")).order_by())
    return {(r["measure_id"], r["dataset_return__period_start"]): (r["total"], r["n"])
            for r in rows}


def _figure(measure, cells):
    """A measure's figure over some quarters' (sum, count) cells, oldest first: the total of a
    count of events, the last quarter's figure of a count at the quarter's end (a stock), the
    mean of a percentage; None with no figures."""
    cells = [c for c in cells if c is not None]
    if not cells:
        return None
    if measure.unit == MeasureUnit.SNAPSHOT:
        return cells[-1][0]
    total, n = sum(c[0] for c in cells), sum(c[1] for c in cells)
    if measure.unit == MeasureUnit.PERCENT:
        return (total / n).quantize(Decimal("0.1"))
    return total


def shown_unit(measure):
    """The unit an indicator shows: a count at the quarter's end is still a count."""
    return MeasureUnit.COUNT if measure.unit == MeasureUnit.SNAPSHOT else measure.unit


def _target(measure, quarters):
    """Targets are per quarter: a count's target over several quarters adds up."""
    if measure.target is None:
        return None
    if measure.unit == MeasureUnit.COUNT:
        return measure.target * len(quarters)
    return measure.target


def _period_label(quarters):
    if len(quarters) == 1:
        return quarters[0].label
    return f"{quarters[0].label} to {quarters[-1].label}"


def indicator_values(partnership, period_start, period_end, agency=None, drill_url=None):
    """One IndicatorValue per active measure: the figure across agencies (or one agency's)
    for the quarters beginning in the period, the target, the RAG and the trend by quarter
    (the period's quarters, or the last four for a single quarter). Three queries. The
    drill-down is the dataset overview of the period's last quarter (for its readers)."""
    quarters = quarters_between(period_start, period_end)
    if not quarters:
        return []
    if drill_url is None:
        drill_url = (reverse("scrutiny:dataset", args=[partnership.slug])
                     + f"?quarter={quarters[-1].key}")
    trend_quarters = quarters if len(quarters) > 1 else last_quarters(quarters[0], TREND_QUARTERS)
    cells = quarter_totals(partnership, trend_quarters, agency)
    label = _period_label(quarters)
    found = []
    for measure in measures(partnership, active_only=True).order_by("name", "pk"):
        value = _figure(measure, [cells.get((measure.pk, q.start)) for q in quarters])
        target = _target(measure, quarters)
        found.append(IndicatorValue(
            code=f"dataset_{measure.code}", name=measure.name, definition=measure.definition,
            period=label, value=value, unit=shown_unit(measure), target=target,
            rag=rag(value, target, measure.higher_is_better),
            trend=tuple((q.label, _figure(measure, [cells.get((measure.pk, q.start))]))
                        for q in trend_quarters),
            drill_url=drill_url, higher_is_better=measure.higher_is_better))
    return found


def report_summary(partnership, period_start, period_end):
    """For the yearly report: per active measure its name, unit, per-quarter figures, the
    year's figure, its target and how many agencies reported it. Three queries."""
    quarters = quarters_between(period_start, period_end)
    if not quarters:
        return []
    cells = quarter_totals(partnership, quarters)
    reporting = dict(
        _submitted_values(partnership, quarters).values("measure_id")
        .annotate(n=Count("dataset_return__agency", distinct=True)).order_by()
        .values_list("measure_id", "n"))
    rows = []
    for measure in measures(partnership, active_only=True).order_by("name", "pk"):
        per_quarter = [(q.label, _figure(measure, [cells.get((measure.pk, q.start))]))
                       for q in quarters]
        total = _figure(measure, [cells.get((measure.pk, q.start)) for q in quarters])
        target = _target(measure, quarters)
        rows.append({"code": measure.code, "name": measure.name, "unit": shown_unit(measure),
                     "definition": measure.definition, "quarters": per_quarter, "total": total,
                     "target": target, "rag": rag(total, target, measure.higher_is_better),
                     "agencies_reporting": reporting.get(measure.pk, 0)})
    return rows


def asked_agencies(partnership, measure_list, on=None):
    """The partnership's agencies (of the day `on`, today by default: a past quarter asked
    the agencies of its day) asked for at least one of the measures, by name."""
    sectors = {s for m in measure_list for s in m.sectors}
    chosen = {a.pk for m in measure_list for a in m.agencies.all()}
    designated = Designation.objects.active(on).filter(partnership=partnership).values(
        "agency_id")
    return list(Agency.objects.filter(pk__in=designated)
                .filter(Q(sector__in=sectors) | Q(pk__in=chosen)).order_by("name"))


def overview(partnership, quarter, visible_returns):
    """The dataset page of one quarter: each asked agency with its return's status (of the
    returns the viewer may see, `visible_returns` from permissions.dataset_returns_for: a
    draft they may not see shows as no return), each measure's figure, target and RAG, and
    the trend chart with its table."""
    measure_list = list(measures(partnership, active_only=True).order_by("name", "pk"))
    agencies = asked_agencies(partnership, measure_list, on=min(quarter.end, today()))
    returns = {r.agency_id: r for r in visible_returns.filter(
        partnership=partnership, period_start=quarter.start).select_related("agency")}
    # An agency that returned figures for the quarter was asked then, even if it has since
    # become part of another (a CCG of 2019, now the ICB's).
    agencies = sorted({*agencies, *(r.agency for r in returns.values())},
                      key=lambda a: a.name)
    trend_quarters = last_quarters(quarter, TREND_QUARTERS)
    cells = quarter_totals(partnership, trend_quarters)
    rows = []
    for measure in measure_list:
        value = _figure(measure, [cells.get((measure.pk, quarter.start))])
        rows.append({"measure": measure, "value": value, "target": measure.target,
                     "rag": rag(value, measure.target, measure.higher_is_better),
                     "trend": [_figure(measure, [cells.get((measure.pk, q.start))])
                               for q in trend_quarters]})
    chart = bar_chart(f"Dataset figures, {trend_quarters[0].label} to {quarter.label}",
                      [(row["measure"].name, [v or 0 for v in row["trend"]]) for row in rows],
                      [q.label for q in trend_quarters], fmt=_fmt)
    return {
        "agencies": [{"agency": a, "return": returns.get(a.pk)} for a in agencies],
        "submitted": sum(1 for a in agencies
                         if returns.get(a.pk) and returns[a.pk].status == DatasetStatus.SUBMITTED),
        "rows": rows, "trend_quarters": trend_quarters, "chart": chart,
        "due_on": quarter.due_on(partnership),
    }


def _fmt(value):
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


def return_rows(returns):
    """The returns (a queryset), newest quarter first, with their agency and how many
    figures they hold."""
    return (returns.select_related("agency", "submitted_by")
            .annotate(figures=Count("values", filter=Q(values__value__isnull=False)))
            .order_by("-period_start", "agency__name", "pk"))


def designated_agencies(partnership):
    return Agency.objects.filter(pk__in=Designation.objects.active().filter(
        partnership=partnership).values("agency_id")).order_by("name")


def quarter_return(partnership, agency, quarter):
    """The agency's return for the quarter (None before it is first saved) and its figures
    ({measure id: value})."""
    found = DatasetReturn.objects.filter(partnership=partnership, agency=agency,
                                         period_start=quarter.start).first()
    if found is None:
        return None, {}
    return found, {v.measure_id: v.value for v in found.values.all()}


def return_values(dataset_return):
    """The return's figures beside the measures its agency reports (two queries)."""
    from ..services.dataset import asked_measures

    saved = {v.measure_id: v.value for v in dataset_return.values.all()}
    return [{"measure": m, "value": saved.get(m.pk)}
            for m in asked_measures(dataset_return.partnership, dataset_return.agency)]


def quarter_choices(partnership, latest, count):
    """The quarters the overview offers, newest first: the last `count`, and back to the
    first quarter any agency reported on."""
    first = DatasetReturn.objects.filter(partnership=partnership).aggregate(
        first=Min("period_start"))["first"]
    choices = last_quarters(latest, count)
    while first is not None and choices[0].start > first:
        choices.insert(0, choices[0].previous())
    return choices[::-1]


def current_quarter(today):
    """The latest quarter that has ended: the one agencies report on now."""
    return Quarter.of(today).previous()
