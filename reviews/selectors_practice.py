"""Reads for practice reviews, recommendations and learning themes, each in a fixed number
of queries. Callers pass what the user may see (from reviews/permissions.py)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from governance.models import Action
from governance.selectors import with_rag
from partnership.permissions import statutory_partners

from .models import (
    LearningTheme,
    Notification,
    PracticeReview,
    PracticeStatus,
    RapidReview,
    Recommendation,
    Stage,
)
from .services.practice import copy_due_by, ofsted_copy_due_by


class State:
    """Where a practice review stands against its target (domain.md §1.12 T5)."""

    ON_TRACK = "on_track", "On track"
    LATE = "late", "Late"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published"
    CLOSED = "closed", "Closed"


def practice_state(review, on):
    """(code, label): published, not published or closed once settled; until then late
    after the target date, on track before it."""
    if review.published_on:
        return State.PUBLISHED
    if review.status == PracticeStatus.NOT_PUBLISHED:
        return State.NOT_PUBLISHED
    if review.status == PracticeStatus.CLOSED:
        return State.CLOSED
    return State.LATE if on > review.target_on else State.ON_TRACK


def _with_state(review, on):
    review.state, review.state_label = practice_state(review, on)
    return review


def practice_review_list(reviews, on=None):
    """The list page's reviews (a queryset): each with its rapid review's case, its themes
    and how many of its milestones are late; with_states sets their state on a page."""
    on = on or timezone.localdate()
    return (reviews.select_related("rapid_review__notification")
            .prefetch_related(Prefetch("themes", LearningTheme.objects.order_by("name")))
            .annotate(late_milestones=Count("milestones", filter=Q(
                milestones__done_on__isnull=True, milestones__due_on__lt=on)))
            .order_by("-decided_on", "-pk"))


def with_states(reviews, on=None):
    on = on or timezone.localdate()
    return [_with_state(review, on) for review in reviews]


def _actions():
    return Prefetch("actions", Action.objects.select_related("owner_agency", "owner")
                    .order_by("due_on", "reference"))


def recommendations_with_actions():
    return Prefetch("recommendations", Recommendation.objects.prefetch_related(
        Prefetch("themes", LearningTheme.objects.order_by("name")), _actions())
        .order_by("number", "pk"))


def rag_recommendations(recommendations, partnership, on=None):
    """Set `.rag` on every action of the recommendations (with their actions prefetched),
    reading the partnership's calendar once."""
    with_rag([a for r in recommendations for a in r.actions.all()], partnership, on)
    return recommendations


@dataclass
class Publication:
    """The publication block of a practice review's page."""

    day: object  # the publication date the copy is measured against (actual, else planned)
    copy_due_by: object
    copy_on_time: object  # True, False, or None while no copy or no date is recorded
    copy_overdue: bool  # no copy sent and the last day has passed, before publication
    ofsted_due_by: object = None
    ofsted_on_time: object = None
    ofsted_overdue: bool = False


def _copy(sent_on, due, on, published_on):
    """(on time: True, False or None; overdue) of one copy due by `due`."""
    on_time = sent_on <= due if due and sent_on else None
    return on_time, bool(due and not sent_on and on > due and not published_on)


def publication_state(review, on):
    day = review.published_on or review.planned_publication_on
    due = copy_due_by(review, day) if day else None
    ofsted_due = ofsted_copy_due_by(review, day) if day else None
    return Publication(day, due, *_copy(review.copy_sent_on, due, on, review.published_on),
                       ofsted_due, *_copy(review.ofsted_copy_sent_on, ofsted_due, on,
                                          review.published_on))


@dataclass
class StageRow:
    """One stage of a practice review's sign-off: each statutory partner's signature."""

    stage: Stage
    signatures: list  # (partner, PracticeSignOff or None), by partner name

    @property
    def complete(self):
        return bool(self.signatures) and all(sign_off for _, sign_off in self.signatures)


def sign_off_rows(review):
    """Each stage with the sign-off of each partner that signed, and, until the review is
    published or closed, of each of today's statutory partners (two queries)."""
    sign_offs = list(review.sign_offs.select_related("signed_by", "partner"))
    settled = review.published_on or review.status == PracticeStatus.CLOSED
    partners = {} if settled else {a.pk: a for a in statutory_partners(review.partnership)}
    partners.update((s.partner_id, s.partner) for s in sign_offs)
    signed = {(s.stage, s.partner_id): s for s in sign_offs}
    ordered = sorted(partners.values(), key=lambda a: a.name)
    return [StageRow(stage, [(p, signed.get((stage.value, p.pk))) for p in ordered])
            for stage in Stage]


def practice_review_detail(review, on=None):
    """One review with everything its page shows: milestones (late ones flagged), learning
    briefings, themes, recommendations with their themes and actions (RAG set) and the
    publication block."""
    on = on or timezone.localdate()
    review = (PracticeReview.objects.select_related("rapid_review__notification", "partnership")
              .prefetch_related(Prefetch("themes", LearningTheme.objects.order_by("name")),
                                "milestones", "briefings", recommendations_with_actions(),
                                "rapid_review__parallel_processes")
              .get(pk=review.pk))
    _with_state(review, on)
    for milestone in review.milestones.all():
        milestone.late = (milestone.due_on < on if milestone.done_on is None
                          else milestone.done_on > milestone.due_on)
    rag_recommendations(review.recommendations.all(), review.partnership, on)
    review.publication_state = publication_state(review, on)
    return review


def recommendation_list(recommendations):
    """The partnership's recommendations (a queryset), from rapid, practice and national
    reviews, newest first, with their review, themes and actions (rag_recommendations sets
    their RAG on a page of them)."""
    return (recommendations.select_related("practice_review", "rapid_review__notification",
                                           "national_review", "partnership")
            .prefetch_related(Prefetch("themes", LearningTheme.objects.order_by("name")),
                              _actions())
            .order_by("-pk"))


def recommendation_detail(recommendation, on=None):
    recommendation = (Recommendation.objects
                      .select_related("practice_review", "rapid_review__notification",
                                      "national_review", "partnership")
                      .prefetch_related(Prefetch("themes", LearningTheme.objects.order_by("name")),
                                        _actions())
                      .get(pk=recommendation.pk))
    rag_recommendations([recommendation], recommendation.partnership, on)
    return recommendation


# The themes report -------------------------------------------------------------------

MEASURES = ("notifications", "rapid_reviews", "practice_reviews", "recommendations")
MEASURE_LABELS = ("Notifications", "Rapid reviews", "Practice reviews", "Recommendations")


@dataclass
class Counts:
    year: object = None  # None for the total over every year
    notifications: int = 0
    rapid_reviews: int = 0
    practice_reviews: int = 0
    recommendations: int = 0

    @property
    def values(self):
        return [getattr(self, m) for m in MEASURES]

    @property
    def any(self):
        return any(self.values)


@dataclass
class ThemeRow:
    theme: LearningTheme
    years: list = field(default_factory=list)  # Counts per year with anything tagged
    total: Counts = field(default_factory=Counts)


@dataclass
class ThemeReport:
    years: list
    rows: list  # themes with anything tagged
    unused: list  # themes with nothing tagged yet

    @property
    def empty(self):
        return not self.rows


def _tag_counts(partnership):
    """Per (theme, year): how many notifications, rapid reviews, practice reviews and
    recommendations carry the theme. One grouped query per kind of record, on its tag
    table; the year is the case's (the local authority became aware) for notifications
    and rapid reviews, the decision's for practice reviews and the review's for
    recommendations."""
    year_of_case = ExtractYear("notification__la_aware_on")
    queries = {
        "notifications": Notification.themes.through.objects.filter(
            notification__partnership=partnership).values(
            "learningtheme_id", year=year_of_case).annotate(n=Count("notification_id",
                                                                    distinct=True)),
        "rapid_reviews": RapidReview.themes.through.objects.filter(
            rapidreview__notification__partnership=partnership).values(
            "learningtheme_id", year=ExtractYear("rapidreview__notification__la_aware_on"))
        .annotate(n=Count("rapidreview_id", distinct=True)),
        "practice_reviews": PracticeReview.themes.through.objects.filter(
            practicereview__partnership=partnership).values(
            "learningtheme_id", year=ExtractYear("practicereview__decided_on"))
        .annotate(n=Count("practicereview_id", distinct=True)),
        "recommendations": Recommendation.themes.through.objects.filter(
            recommendation__partnership=partnership).values(
            "learningtheme_id", year=Coalesce(
                ExtractYear("recommendation__practice_review__decided_on"),
                ExtractYear("recommendation__rapid_review__notification__la_aware_on"),
                ExtractYear("recommendation__national_review__published_on"),
                ExtractYear("recommendation__national_review__panel_decided_on")))
        .annotate(n=Count("recommendation_id", distinct=True)),
    }
    counts = defaultdict(dict)  # theme id -> year -> Counts
    for measure, query in queries.items():
        for row in query.order_by():
            cell = counts[row["learningtheme_id"]].setdefault(row["year"], Counts(row["year"]))
            setattr(cell, measure, getattr(cell, measure) + row["n"])
    return counts


def theme_report(partnership):
    """For each of the partnership's themes, the counts per year and over all years.
    Five queries whatever the number of themes, records and years."""
    themes = list(LearningTheme.objects.filter(partnership=partnership).order_by("name"))
    counts = _tag_counts(partnership)
    rows, unused, years = [], [], set()
    for theme in themes:
        per_year = counts.get(theme.pk)
        if not per_year:
            unused.append(theme)
            continue
        row = ThemeRow(theme, [per_year[y] for y in sorted(per_year)])
        for cell in row.years:
            years.add(cell.year)
            for measure in MEASURES:
                setattr(row.total, measure, getattr(row.total, measure) + getattr(cell, measure))
        rows.append(row)
    return ThemeReport(sorted(years), rows, unused)


def theme_report_rows(report):
    """The report as rows for partnership.exports (CSV): one per theme and year, then the
    theme's total."""
    yield ["Theme", "Retired", "Year", *MEASURE_LABELS]
    for row in report.rows:
        retired = "" if row.theme.active else "Yes"
        for cell in row.years:
            yield [row.theme.name, retired, cell.year, *cell.values]
        yield [row.theme.name, retired, "All years", *row.total.values]
    for theme in report.unused:
        yield [theme.name, "" if theme.active else "Yes", "All years", 0, 0, 0, 0]
