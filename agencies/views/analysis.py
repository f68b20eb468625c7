"""/p/<slug>/section-11/analysis/...: a cycle's completion and rating distribution (a
table and a server-drawn chart), ratings per agency, year-on-year change, and the CSV and
Excel exports (a row per agency x standard).

Partnership readers see every agency's figures from submitted and signed-off returns.
Agency staff see only anonymised distributions (a standard answered by fewer than three
agencies shows no figures) and their own agency's ratings and rows, never another
agency's."""

from django.conf import settings
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from partnership import exports
from partnership.lists import filtered_page
from partnership.models import AccessEvent
from partnership.services.audit import access_event_record

from .. import charts, permissions
from .. import selectors_analysis as selectors
from ..forms.filters import RatingFilter, TrendFilter
from ..models import Kind


def _cycle(request, slug, cycle_pk):
    partnership = permissions.partnership_for_assessments(request.user, slug)
    cycle = permissions.cycle_for(request.user, partnership, cycle_pk)
    return partnership, cycle


def _own_requests(user, partnership):
    return permissions.requests_for(user, partnership).filter(
        agency__in=permissions.own_agencies(user))


def _visible_requests(user, partnership):
    """Every agency's requests for those who see agency scores, else their own agency's."""
    if permissions.sees_agency_scores(user, partnership):
        return permissions.requests_for(user, partnership)
    return _own_requests(user, partnership)


@require_GET
def cycle_analysis(request, slug, cycle_pk):
    user = request.user
    partnership, cycle = _cycle(request, slug, cycle_pk)
    template = cycle.template
    standards = list(template.standards.all())
    scores = permissions.sees_agency_scores(user, partnership)
    distribution = selectors.distribution(cycle, standards, anonymised=not scores)
    hidden = f"Not shown: fewer than {selectors.MIN_AGENCIES} agencies answered"
    chart = charts.stacked_bars(
        f"Share of agencies giving each rating, by standard: {cycle.name}",
        [(f"{row.standard.number}. {row.standard.title}", row.counts or [], row.shown)
         for row in distribution], template.options, hidden_text=hidden)
    context = {
        "partnership": partnership, "cycle": cycle, "template": template,
        "standards": standards, "scores": scores, "distribution": distribution,
        "chart": chart, "minimum": selectors.MIN_AGENCIES,
        "any_hidden": any(not row.shown for row in distribution),
        "own": selectors.agency_ratings(cycle, partnership, _own_requests(user, partnership),
                                        standards, readable_only=False),
        "can_manage": permissions.can_manage(user, partnership),
    }
    if scores:
        context["completion"] = selectors.completion(cycle)
        filters = RatingFilter(request.GET, queryset=selectors.ratings_requests(
            cycle, permissions.requests_for(user, partnership)))
        page, context["query"] = filtered_page(request, filters)
        context.update(page=page, form=filters.form, agencies=selectors.agency_ratings(
            cycle, partnership, list(page), standards) if page is not None else [])
    return render(request, "agencies/analysis/cycle.html", context)


# Each agency of the year-on-year page brings a table of its standards by cycle (some 100
# cells): 20 agencies keep a page under 300 KiB with ten years of cycles.
TREND_PAGE_SIZE = 20


@require_GET
def year_on_year(request, slug):
    """A page of agencies at a time (filtered by name), with a column per cycle."""
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    cycles = permissions.cycles_for(user, partnership)
    kinds = [kind for kind in Kind if cycles.filter(template__kind=kind).exists()]
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = kinds[0] if kinds else Kind.SECTION_11
    columns = selectors.trend_cycles(cycles, kind)
    visible = _visible_requests(user, partnership)
    filters = TrendFilter(request.GET, queryset=selectors.trend_agencies(columns, visible))
    page, query = filtered_page(request, filters, min(TREND_PAGE_SIZE, settings.LIST_PAGE_SIZE))
    trends = selectors.year_on_year(columns, visible, list(page)) if page is not None else []
    return render(request, "agencies/analysis/year_on_year.html", {
        "partnership": partnership, "cycles": columns, "trends": trends, "page": page,
        "query": query, "form": filters.form, "kind": Kind(kind), "kinds": kinds,
        "scores": permissions.sees_agency_scores(user, partnership)})


@require_GET
def export(request, slug, cycle_pk, fmt):
    user = request.user
    partnership, cycle = _cycle(request, slug, cycle_pk)
    standards = list(cycle.template.standards.all())
    rows = selectors.export_rows(cycle, partnership, _visible_requests(user, partnership),
                                 standards)
    access_event_record(user=user, obj=cycle, partnership=partnership,
                        action=AccessEvent.Action.EXPORT, path=request.path)
    name = f"{partnership.slug}-{slugify(cycle.name) or cycle.pk}-ratings"
    if fmt == "csv":
        return exports.csv_stream(rows, f"{name}.csv")
    return exports.xlsx_download(rows, f"{name}.xlsx", title="Ratings",
                                 bold=(selectors.EXPORT_HEADER[0],),
                                 widths={"B": 36, "C": 22, "E": 48, "G": 22, "I": 22})
