"""The yearly report's sections, each filled from the partnership's live records for the
reporting period only (domain.md §4.1 and §4.2, and its corrections of 2 December 2026),
and the contents checklist.

Everything here is read for ONE partnership and ONE period: every query filters on both,
and a section says what it carries over from earlier periods. Reviews appear as exact
counts, published names and learning themes; the notified children only as counts by
characteristic, small cells suppressed (report_reviews.py). Nothing reads the child's
record (reviews.ChildRecord). Agency names are those of the period's last day
(Agency.name_on). The multi-agency dataset and the scrutineer's findings come from their
own areas' selectors (`dataset.report_summary`, `activities.report_findings`).

The requirement texts cite the guidance only where the source says so: the four contents
Working Together 2018 lists ("the report should include"), and the statute's own test (what
was done and how effective the arrangements have been). Other sections are what partnerships
report in practice, with no attribution.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from agencies.models import Cycle
from agencies.models.templates import Kind
from agencies.selectors_analysis import completion
from funding import money
from funding.models import BudgetLine, Contribution, FinancialYear
from funding.selectors import year_summary
from governance.models import Action, Meeting, Priority
from governance.selectors.reports import attendance_by_agency, meetings_in_period, priority_plan
from partnership import charts, rich_text
from partnership.models import Agency, Designation

from ..models import ReportNarrative
from . import activities
from . import dataset as dataset_selectors
from .indicator_charts import indicator_charts
from .indicators import percent
from .report_education import education
from .report_reviews import reviews


@dataclass(frozen=True)
class Requirement:
    key: str
    heading: str
    asks: str  # what the section must say, and where the guidance asks for it
    live: bool = True  # filled from live records (False: the narrative is the content)
    required: bool = False  # its narrative must be written before the report is signed off


REQUIREMENTS = (
    Requirement("partners", "The safeguarding partners and relevant agencies",
                "Who the partners are and which relevant agencies work with them."),
    Requirement("effectiveness", "How effective the arrangements have been",
                "The partners' own assessment of how effective the arrangements have been: "
                "the law requires every yearly report to say so. Required before sign-off.",
                live=False, required=True),
    Requirement("governance", "Governance and attendance",
                "How the arrangements were governed: meetings held and who attended."),
    Requirement("priorities", "Priorities and progress on the work plan",
                "Progress on the agreed priorities, and an analysis of any areas with little "
                "or no evidence of progress (Working Together 2018)."),
    Requirement("reviews", "Reviews undertaken and their learning",
                "Child safeguarding practice reviews, and the decisions and actions taken to "
                "implement the recommendations of local and national reviews, with any "
                "resulting improvements (Working Together 2018)."),
    Requirement("child_deaths", "Child death reviews",
                "What the child death review partners found and how the learning was used.",
                live=False),
    Requirement("education", "Education and childcare",
                "How schools, colleges and childcare took part: the designated childcare and "
                "education agencies (Children's Wellbeing and Schools Act 2026, s2), schools' "
                "safeguarding audits and the multi-agency child protection teams."),
    Requirement("section11", "Section 11 results",
                "How agencies met their Section 11 duties: the audit's headline results."),
    Requirement("training", "Multi-agency training",
                "The training delivered and what is known of its effect on practice.",
                live=False),
    Requirement("dataset", "The multi-agency dataset",
                "How data and intelligence were used."),
    Requirement("funding", "Funding and spending",
                "The partnership's funding, contributions and spending."),
    Requirement("scrutiny", "Independent scrutiny: findings and assessment",
                "An account of the independent scrutiny undertaken and its findings."),
    Requirement("inspections", "Inspections",
                "Inspections of the partners' services in the period and what followed.",
                live=False),
    Requirement("lado", "The local authority designated officer",
                "Allegations against people who work with children, and how the designated "
                "officer (LADO) managed them.", live=False),
    Requirement("impact", "Impact on children and families",
                "Evidence of the impact of the work of the partners and relevant agencies, "
                "including training, on outcomes for children and families from early help "
                "to looked-after children and care leavers (Working Together 2018).",
                live=False),
    Requirement("feedback", "Feedback from children and families",
                "How the partners sought and used feedback from children and families to "
                "inform their work and influence services (Working Together 2018).",
                live=False),
    Requirement("next_year", "Next year's priorities",
                "What is planned for the next year."),
)
BY_KEY = {r.key: r for r in REQUIREMENTS}
REQUIRED_NARRATIVES = tuple(r.key for r in REQUIREMENTS if r.required)


@dataclass
class Section:
    requirement: Requirement
    data: dict = field(default_factory=dict)
    present: bool = False  # live data was found
    narrative: object = None  # ReportNarrative or None
    html: str = ""  # the narrative, sanitised

    @property
    def key(self):
        return self.requirement.key

    @property
    def heading(self):
        return self.requirement.heading

    @property
    def complete(self):
        if self.requirement.required:
            return self.narrative is not None
        return self.present or self.narrative is not None


def names_on(agency_ids, day):
    """{agency id: its name on `day`} (two queries), for the rows other areas' selectors
    give with today's names."""
    return {a.pk: a.name_on(day) for a in Agency.objects.filter(pk__in=set(agency_ids))
            .prefetch_related("former_names")}


def _in_period(queryset, start, end):
    return queryset.filter(start_date__lte=end).filter(Q(end_date__isnull=True)
                                                       | Q(end_date__gte=start))


def partners(p, start, end):
    """The partners and relevant agencies in force in the period, by the names of its last
    day; the relevant agencies counted under their headings (the arrangements' own, or
    the agency's sector), and listed by heading in alphabetical order for the appendix."""
    rows = list(_in_period(Designation.objects.filter(partnership=p), start, end)
                .exclude(kind=Designation.Kind.EDUCATION).select_related("agency")
                .prefetch_related("agency__former_names").order_by("kind", "agency__name"))
    for d in rows:
        d.name = d.agency.name_on(end)
    relevant = [d for d in rows if not d.is_statutory]
    by_heading = {}
    for d in sorted(relevant, key=lambda d: d.name.lower()):
        by_heading.setdefault(d.local_category or d.agency.get_sector_display(), []).append(
            d.name)
    return {"statutory": [d for d in rows if d.is_statutory], "relevant": relevant,
            "headings": [(heading, len(names)) for heading, names in sorted(by_heading.items())],
            "appendix": [(heading, len(names), names)
                         for heading, names in sorted(by_heading.items())]}


def governance(p, start, end):
    meetings = meetings_in_period(Meeting.objects.filter(group__partnership=p), start, end)
    by_group = list(meetings.values("group__name").annotate(held=Count("pk"))
                    .order_by("group__name"))
    rows = attendance_by_agency(meetings, p)
    names = names_on([r.agency_id for r in rows if r.agency_id], end)
    for row in rows:
        row.name = names.get(row.agency_id, row.name)
    # the statutory partners and the agencies with most attendance recorded, then the
    # others together; the table beneath has every agency
    ranked = [(r.name or "No agency", [r.attended, r.recorded]) for r in sorted(
        rows, key=lambda r: (not r.statutory, -r.recorded)) if r.recorded]
    chart = charts.bar_chart("Attendance rate by agency (present or deputy), per cent",
                             [(name, [percent(attended, recorded)]) for name, (attended, recorded)
                              in charts.top(ranked, charts.sums)],
                             ["Attendance"], fmt=lambda v: f"{v}%")
    return {"groups": by_group, "held": sum(g["held"] for g in by_group), "attendance": rows,
            "chart": chart, "actions": actions(p, start, end)}


def actions(p, start, end):
    """The action register over the period (one query): actions raised and completed in it,
    those carried over from earlier periods (raised before it, not completed by its start)
    and those still open at its end. A closed action without a completion date counts as
    still open: the register does not say when it closed."""
    return Action.objects.filter(partnership=p).aggregate(
        raised=Count("pk", filter=Q(created_at__date__range=(start, end))),
        completed=Count("pk", filter=Q(completed_on__range=(start, end))),
        carried_over=Count("pk", filter=Q(created_at__date__lt=start)
                           & _not_done_by(start - datetime.timedelta(days=1))),
        open_at_end=Count("pk", filter=Q(created_at__date__lte=end) & _not_done_by(end)))


def _not_done_by(day):
    return Q(completed_on__isnull=True) | Q(completed_on__gt=day)


def priorities(p, start, end):
    headings = priority_plan(Priority.objects.filter(partnership=p), Action.objects.none(), p,
                             start=start, end=end)
    items = [i for h in headings for pr in h.priorities for i in pr.plan_items]
    names = names_on([i.lead_agency_id for i in items if i.lead_agency_id], end)
    for item in items:
        if item.lead_agency_id:
            item.lead_agency.name = names[item.lead_agency_id]  # shown only, never saved
    counts = {}
    for item in items:
        counts[item.get_progress_display()] = counts.get(item.get_progress_display(), 0) + 1
    little = [i for i in items if i.progress in ("not_started", "at_risk", "off_track")]
    chart = charts.bar_chart("Work plan items by progress", [(k, [v]) for k, v in counts.items()],
                             ["Items"])
    return {"headings": headings, "items": len(items), "counts": counts, "little": little,
            "chart": chart}


def next_year(p, start, end):
    nxt_start = end + datetime.timedelta(days=1)
    nxt_end = nxt_start + datetime.timedelta(days=364)  # the next 12 months, near enough
    return {"priorities": list(Priority.objects.filter(
        partnership=p, period_start__lte=nxt_end, period_end__gte=nxt_start)
        .order_by("heading", "title")), "start": nxt_start, "end": nxt_end}


def section11(p, start, end):
    cycles = list(Cycle.objects.filter(partnership=p, closes_on__range=(start, end),
                                       template__kind=Kind.SECTION_11)
                  .select_related("template").order_by("closes_on"))
    return {"cycles": [{"cycle": c, "completion": completion(c, on=end)} for c in cycles]}


def funding(p, start, end):
    year = FinancialYear.objects.filter(partnership=p, start_year=start.year).first()
    if year is None:
        return {}
    summary = year_summary(year, Contribution.objects.filter(year=year),
                           BudgetLine.objects.filter(year=year), whole=True)
    summary["total_text"] = money.pounds(summary["totals"]["agreed"])
    for row in summary["contributions"]:
        row.name_of_day = row.agency.name_on(end)  # former names prefetched by year_summary
    return summary


def dataset(p, start, end):
    """The multi-agency dataset's year and the dashboard's charts."""
    return {"measures": list(dataset_selectors.report_summary(p, start, end)),
            "charts": [c for c in indicator_charts(p, start, end) if c]}


def scrutiny_findings(p, start, end):
    """The scrutineer's activities, findings and statement, and the challenge log's year."""
    found = activities.report_findings(p, start, end)
    statements = [{**s, "html": rich_text.to_html(s.get("body", ""))}
                  for s in found.get("sections", [])]
    return {"activities": found.get("activities", []), "statements": statements,
            "challenges": activities.challenge_summary(p, start, end)}


FILLERS = {
    "partners": partners,
    "governance": governance,
    "priorities": priorities,
    "reviews": reviews,
    "education": education,
    "section11": section11,
    "dataset": dataset,
    "funding": funding,
    "scrutiny": scrutiny_findings,
    "next_year": next_year,
}

HAS_DATA = {
    "partners": lambda d: bool(d["statutory"]),
    "governance": lambda d: d["held"] > 0,
    "priorities": lambda d: d["items"] > 0,
    "reviews": lambda d: bool(d["notified"] or d["rapid"] or d["practice"] or d["ongoing"]
                              or d["recommendations"]["decided"]
                              or d["recommendations"]["carried_over"]),
    "education": lambda d: bool(d["agencies"] or d["schools"] or d["teams"]),
    "section11": lambda d: bool(d["cycles"]),
    "dataset": lambda d: bool(d["measures"]),
    "funding": lambda d: bool(d),
    "scrutiny": lambda d: bool(d["activities"] or d["statements"]),
    "next_year": lambda d: bool(d["priorities"]),
}


def assemble(report, *, progress=None):
    """Every section of `report`, filled from live data for its period, with its narrative.
    `progress(done, total)` is told after each section (the render job's progress)."""
    p, start, end = report.partnership, report.period_start, report.period_end
    narratives = {n.section: n for n in ReportNarrative.objects.filter(report=report)
                  .select_related("author")}
    sections = []
    for index, requirement in enumerate(REQUIREMENTS):
        section = Section(requirement, narrative=narratives.get(requirement.key))
        if requirement.live:
            section.data = FILLERS[requirement.key](p, start, end)
            section.present = HAS_DATA[requirement.key](section.data)
        if section.narrative is not None:
            section.html = rich_text.to_html(section.narrative.text)
        sections.append(section)
        if progress:
            progress(index + 1, len(REQUIREMENTS))
    return sections


def checklist(sections):
    """[{key, heading, asks, live, narrative, complete, required}] for the contents
    checklist."""
    return [{"key": s.key, "heading": s.heading, "asks": s.requirement.asks,
             "live": s.present, "narrative": s.narrative, "complete": s.complete,
             "required": s.requirement.required}
            for s in sections]

