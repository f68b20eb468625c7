"""The dashboard's charts, which the yearly report draws too: percentage indicators, open and
overdue actions by agency and by source, attendance by agency and Section 11 ratings.

A chart by agency draws the charts.TOP largest rows and one for the others together; the
table beside it has every row up to TABLE_ROWS (then the others together, and a link to the
indicator's page with the records)."""

from django.db.models import Count, Q

from agencies.models import Answer, Scale
from governance.models import Action, ActionSource
from partnership import charts

from .indicators import (
    DONE_RETURNS,
    PERCENT,
    attendance_rows,
    drill_url,
    in_windows,
    indicators_for,
    open_on,
    overdue_on,
    percent,
    top_rating,
    windows,
)

TABLE_ROWS = 50

RATING_BANDS = (
    ("Not met", Q(rating=1)),
    ("Partly met", Q(rating=2)),
    ("Mostly met", Q(assessment__template__scale=Scale.ONE_TO_FOUR, rating=3)),
    ("Fully met", top_rating()),
)


def _percent_text(value):
    return f"{value}%"


def _actions_by(partnership, field, agency, window):
    """Open and overdue actions at the window's end by `field`, most open first."""
    day = window.on
    actions = Action.objects.filter(in_windows([window]), partnership=partnership)
    if agency is not None:
        actions = actions.filter(owner_agency=agency)
    return list(actions.values(field).annotate(
        open=Count("pk", filter=open_on(day)), overdue=Count("pk", filter=overdue_on(day)))
        .filter(open__gt=0).order_by("-open", "-overdue", field))


def _rates(rows):
    """[(label, [represented %])] of [(label, [attended, recorded])]."""
    return [(label, [percent(attended, recorded)]) for label, (attended, recorded) in rows]


def _ranked_chart(title, rows, series, *, what, more, others=charts.sums, shown=list,
                  fmt=str):
    """A chart of `rows` (largest first): the charts.TOP largest and the others together;
    its table, every row up to TABLE_ROWS and then the others together, with a link
    (`more`: (url, text)) to where every record is listed. `shown` turns rows into the
    figures drawn (a rate from its parts, after the others are added up)."""
    chart = charts.bar_chart(title, shown(charts.top(rows, others)), series, fmt=fmt,
                             table=shown(charts.top(rows, others, TABLE_ROWS)))
    if chart is not None and len(rows) > TABLE_ROWS + 1:
        chart.update(table_note=f"the {TABLE_ROWS} {what}, then the "
                                f"{len(rows) - TABLE_ROWS} others together",
                     more_url=more[0], more_label=more[1])
    return chart


def indicator_charts(partnership, period_start, period_end, agency=None, values=None):
    """The dashboard's charts for the period, as partnership.charts.bar_chart contexts (SVG
    geometry plus the figures for the table beside it), charts with nothing to draw left
    out. `values`: indicators_for's result, when the caller has it already. A fixed number
    of queries: actions by agency and by source, attendance by agency, Section 11 ratings."""
    if values is None:
        values = indicators_for(partnership, period_start, period_end, agency)
    window = windows(period_start, period_end)[-1]
    label = window.label
    found = [charts.bar_chart(
        f"Percentage indicators, {label}",
        [(v.name, [v.value]) for v in values if v.unit == PERCENT and v.value is not None],
        [label], fmt=_percent_text)]
    names = dict(ActionSource.choices)
    for field, title, name in (("owner_agency__name", "by agency", str),
                               ("source", "by source", lambda s: names.get(s, s))):
        rows = _actions_by(partnership, field, agency, window)
        found.append(_ranked_chart(
            f"Open and overdue actions {title}, {label}",
            [(name(row[field]), [row["open"], row["overdue"]]) for row in rows],
            ["Open", "Overdue"], what=f"with the most open actions ({title})",
            more=(drill_url(partnership, "actions_open", window, agency),
                  "See the open actions")))
    attendance = attendance_rows(partnership, [window], agency).values()
    found.append(_ranked_chart(
        f"Meeting attendance by agency, {label}",
        [(row["name"] + (" (statutory partner)" if row["statutory"] else ""),
          [row["attended0"], row["recorded0"]])
         for row in sorted(attendance, key=lambda r: (not r["statutory"], -r["recorded0"],
                                                      r["name"]))
         if row["recorded0"]],
        ["Represented"], shown=_rates, fmt=_percent_text,
        what="rows: the statutory partners, then the agencies with the most attendance "
             "recorded",
        more=(drill_url(partnership, "attendance_all", window, agency),
              "See the attendance of every agency")))
    answers = Answer.objects.filter(
        assessment__requests__cycle__partnership=partnership,
        assessment__requests__cycle__closes_on__range=(window.start, window.end),
        assessment__status__in=DONE_RETURNS, rating__isnull=False)
    if agency is not None:
        answers = answers.filter(assessment__agency=agency)
    bands = answers.aggregate(**{f"band{i}": Count("pk", distinct=True, filter=q)
                                 for i, (_, q) in enumerate(RATING_BANDS)})
    if any(bands.values()):
        found.append(charts.bar_chart(
            f"Section 11 ratings, {label}",
            [(name, [bands[f"band{i}"]]) for i, (name, _) in enumerate(RATING_BANDS)],
            ["Ratings"]))
    return [chart for chart in found if chart]


def trend_chart(value):
    """One indicator's figures over its trend and period (periods with no data left out)."""
    rows = [(period, [figure]) for period, figure in (*value.trend, (value.period, value.value))
            if figure is not None]
    return charts.bar_chart(f"{value.name} by period", rows, [value.name],
                            fmt=_percent_text if value.unit == PERCENT else str)
