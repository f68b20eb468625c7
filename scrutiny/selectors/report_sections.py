"""The yearly report's sections, each filled from the partnership's live records for the
reporting period (domain.md §4.1 and §4.2), and the contents checklist.

Everything here is read for ONE partnership: every query filters on it. Reviews appear as
counts, published names and learning themes only: nothing reads the child's record
(reviews.ChildRecord). Small counts of serious incidents are suppressed ("fewer than 5").
The multi-agency dataset and the scrutineer's findings come from their own areas'
selectors (`dataset.report_summary`, `activities.report_findings`) when those exist.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from agencies.models import Cycle
from agencies.selectors_analysis import completion
from funding import money
from funding.models import BudgetLine, Contribution, FinancialYear
from funding.selectors import year_summary
from governance.models import Action, Meeting, Priority
from governance.selectors.reports import attendance_by_agency, meetings_in_period, priority_plan
from partnership import charts, rich_text
from partnership.models import Designation
from reviews.models import LearningBriefing, Notification, PracticeReview, RapidReview, Recommendation

from ..models import ReportNarrative
from . import activities
from . import dataset as dataset_selectors
from .indicator_charts import indicator_charts

SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Requirement:
    key: str
    heading: str
    asks: str  # what the statutory guidance asks for
    live: bool = True  # filled from live records (False: the narrative is the content)


REQUIREMENTS = (
    Requirement("partners", "The safeguarding partners and relevant agencies",
                "Who the partners are and which relevant agencies work with them."),
    Requirement("governance", "Governance and attendance",
                "How the arrangements were governed: meetings held and who attended."),
    Requirement("priorities", "Priorities and progress on the work plan",
                "Progress on the agreed priorities, and an analysis of any with little or "
                "no evidence of progress (Working Together 2018)."),
    Requirement("reviews", "Reviews undertaken and their learning",
                "Child safeguarding practice reviews and what was done on their "
                "recommendations, local and national (Working Together 2018)."),
    Requirement("section11", "Section 11 results",
                "How agencies met their Section 11 duties: the audit's headline results."),
    Requirement("dataset", "The multi-agency dataset",
                "How data and intelligence were used (Working Together 2023)."),
    Requirement("funding", "Funding and spending",
                "The partnership's funding, contributions and spending (Working Together 2023)."),
    Requirement("scrutiny", "Independent scrutiny: findings and assessment",
                "An account of the independent scrutiny undertaken and its findings."),
    Requirement("impact", "Impact on children and families",
                "Evidence of the impact of the partners' work, including training, from early "
                "help to care leavers (Working Together 2018).", live=False),
    Requirement("feedback", "Feedback from children and families",
                "How the partners sought and used feedback from children and families "
                "(Working Together 2018).", live=False),
    Requirement("next_year", "Next year's priorities",
                "What is planned for the next year (Working Together 2023)."),
)
BY_KEY = {r.key: r for r in REQUIREMENTS}


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
        return self.present or self.narrative is not None


def suppressed(count):
    return f"fewer than {SUPPRESS_BELOW}" if 0 < count < SUPPRESS_BELOW else str(count)


def _in_period(queryset, start, end):
    return queryset.filter(start_date__lte=end).filter(Q(end_date__isnull=True)
                                                       | Q(end_date__gte=start))


def partners(p, start, end):
    rows = list(_in_period(Designation.objects.filter(partnership=p), start, end)
                .select_related("agency").order_by("kind", "agency__name"))
    return {"statutory": [d for d in rows if d.is_statutory],
            "relevant": [d for d in rows if not d.is_statutory]}


def governance(p, start, end):
    meetings = meetings_in_period(Meeting.objects.filter(group__partnership=p), start, end)
    by_group = list(meetings.values("group__name").annotate(held=Count("pk"))
                    .order_by("group__name"))
    rows = attendance_by_agency(meetings, p)
    chart = charts.bar_chart("Attendance rate by agency (present or deputy), per cent",
                             [(r.name or "No agency", [r.rate]) for r in rows if r.rate is not None],
                             ["Attendance"], fmt=lambda v: f"{v}%")
    return {"groups": by_group, "held": sum(g["held"] for g in by_group), "attendance": rows,
            "chart": chart}


def priorities(p, start, end):
    headings = priority_plan(Priority.objects.filter(partnership=p), Action.objects.none(), p,
                             start=start, end=end)
    items = [i for h in headings for pr in h.priorities for i in pr.plan_items]
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


def reviews(p, start, end):
    notified = Notification.objects.filter(partnership=p, la_aware_on__range=(start, end)).count()
    rapid = RapidReview.objects.filter(notification__partnership=p,
                                       decided_on__range=(start, end)).count()
    practice = list(PracticeReview.objects.filter(partnership=p).filter(
        Q(decided_on__range=(start, end)) | Q(published_on__range=(start, end)))
        .order_by("decided_on").only("title", "decided_on", "status", "published_on",
                                     "published_url"))
    briefings = list(LearningBriefing.objects.filter(
        review__partnership=p, published_on__range=(start, end))
        .order_by("published_on").only("title", "summary", "published_on"))
    recommendations = list(Recommendation.objects.filter(partnership=p).values("status")
                           .annotate(n=Count("pk")).order_by("status"))
    themes = list(PracticeReview.themes.through.objects.filter(
        practicereview__in=[r.pk for r in practice])
        .values("learningtheme__name").annotate(n=Count("pk")).order_by("-n", "learningtheme__name"))
    return {"notified": suppressed(notified), "notified_count": notified,
            "rapid": suppressed(rapid), "practice": practice, "briefings": briefings,
            "recommendations": [{"status": r["status"].replace("_", " ").capitalize(),
                                 "count": r["n"]} for r in recommendations],
            "themes": themes}


def section11(p, start, end):
    cycles = list(Cycle.objects.filter(partnership=p, closes_on__range=(start, end))
                  .select_related("template").order_by("closes_on"))
    return {"cycles": [{"cycle": c, "completion": completion(c, on=end)} for c in cycles]}


def funding(p, start, end):
    year = FinancialYear.objects.filter(partnership=p, start_year=start.year).first()
    if year is None:
        return {}
    summary = year_summary(year, Contribution.objects.filter(year=year),
                           BudgetLine.objects.filter(year=year), whole=True)
    summary["total_text"] = money.pounds(summary["totals"]["agreed"])
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
    "reviews": lambda d: bool(d["notified_count"] or d["practice"] or d["recommendations"]),
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
    """[{key, heading, asks, live, narrative, complete}] for the contents checklist."""
    return [{"key": s.key, "heading": s.heading, "asks": s.requirement.asks,
             "live": s.present, "narrative": s.narrative, "complete": s.complete}
            for s in sections]

