"""Every open case review deadline of a partnership, as rows for the deadlines page and the
daily reminders, in a fixed number of queries (one calendar, one query per kind of record).

A row carries the record's reference or title and the case's pseudonym only: nothing that
identifies the child (ChildRecord is never read here). Working days come from
partnership.dates: the statutory deadlines (STATUTORY_KINDS) count on the statutory
calendar, the partnership's own ones (summaries, milestones) on its local calendar.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from partnership import dates

from .models import (
    AgencySummary,
    IncidentType,
    Milestone,
    Notification,
    PracticeReview,
    PracticeStatus,
    Publication,
    RapidReview,
    SummaryStatus,
)

# The deadlines set by law or national guidance: never moved by a closure day.
STATUTORY_KINDS = frozenset({"notify-panel", "inform-partners", "rapid-review", "practice-target",
                             "practice-copy", "ofsted-copy"})
SOON_DAYS = 10  # working days: "due in the next 10 working days" on the page
FINISHED = (PracticeStatus.PUBLISHED, PracticeStatus.NOT_PUBLISHED, PracticeStatus.CLOSED)

# What each kind of deadline is, as people say it (the reminder e-mails use these too).
KINDS = {
    "notify-panel": "Notify the national Panel",
    "inform-partners": "Inform the safeguarding partners",
    "rapid-review": "Send the rapid review to the Panel",
    "agency-summary": "Agency summary",
    "practice-target": "Complete the practice review",
    "practice-copy": "Send the copy to the Panel and the Secretary of State",
    "ofsted-copy": "Send the copy to Ofsted",
    "milestone": "Practice review milestone",
}

# The pages a row links to: (route name, which record's pk). Those pages belong to the
# other parts of the reviews app; a route that does not exist (yet) gives no link.
ROUTES = {
    "notification": "reviews:case-detail",
    "rapid_review": "reviews:rapid-detail",
    "practice_review": "reviews:practice-review-detail",
}


@dataclass
class Deadline:
    kind: str
    record: str  # a reference (N-1-2025-001) or a practice review's published name
    pseudonym: str
    due_on: datetime.date
    days_left: int | None  # working days from today; negative when late
    late: bool
    url: str | None
    pk: int  # of the record the deadline belongs to (its kind says which model)
    agency: str = ""  # for an agency summary: the agency asked for it
    agency_id: int | None = None

    @property
    def label(self):
        return KINDS[self.kind]

    @property
    def key(self):
        """Names the record, the deadline and its date: a changed date is a new deadline."""
        return f"{self.kind}:{self.pk}:{self.due_on:%Y%m%d}"

    @property
    def days_late(self):
        return -self.days_left if self.days_left is not None else None

    @property
    def soon(self):
        return not self.late and self.days_left is not None and self.days_left <= SOON_DAYS


def working_days_left(calendar, today, due_on):
    """Working days from `today` to `due_on` (0 when due today), negative once past; None
    when the dates are too far apart to count (years)."""
    try:
        if due_on >= today:
            return calendar.count(today, due_on)
        return -calendar.count(due_on, today)
    except ValueError:
        return None


class _Links:
    def __init__(self, slug):
        self.slug, self.missing = slug, set()

    def __call__(self, what, pk):
        name = ROUTES[what]
        if name in self.missing:
            return None
        try:
            return reverse(name, kwargs={"slug": self.slug, "pk": pk})
        except NoReverseMatch:
            self.missing.add(name)
            return None


def open_deadlines(partnership, today=None):
    """Every deadline of the partnership not yet met, soonest (most late) first."""
    today = today or timezone.localdate()
    local = dates.local(partnership)
    link = _Links(partnership.slug)
    rows = []

    def add(kind, record, pseudonym, due_on, url, pk, agency=None):
        calendar = dates.STATUTORY if kind in STATUTORY_KINDS else local
        left = working_days_left(calendar, today, due_on)
        rows.append(Deadline(kind=kind, record=record, pseudonym=pseudonym, due_on=due_on,
                             days_left=left, late=due_on < today, url=url, pk=pk,
                             agency=agency.name if agency else "",
                             agency_id=agency.pk if agency else None))

    notifications = Notification.objects.filter(
        Q(notified_on__isnull=True) | Q(partners_informed_on__isnull=True),
        partnership=partnership, closed_on__isnull=True,
    ).only("pk", "reference", "pseudonym", "notify_by", "notified_on", "partners_informed_on")
    for n in notifications:
        url = link("notification", n.pk)
        if n.notified_on is None:
            add("notify-panel", n.reference, n.pseudonym, n.notify_by, url, n.pk)
        if n.partners_informed_on is None:
            add("inform-partners", n.reference, n.pseudonym, n.notify_by, url, n.pk)

    reviews = RapidReview.objects.filter(
        notification__partnership=partnership, notification__closed_on__isnull=True,
        sent_to_panel_on__isnull=True,
    ).exclude(  # a care leaver's death has no rapid review (domain.md, corrections 6)
        notification__incident_type=IncidentType.CARE_LEAVER_DEATH,
    ).select_related("notification").only(
        "pk", "due_on", "notification__reference", "notification__pseudonym")
    for r in reviews:
        add("rapid-review", r.notification.reference, r.notification.pseudonym, r.due_on,
            link("rapid_review", r.pk), r.pk)

    summaries = AgencySummary.objects.filter(
        rapid_review__notification__partnership=partnership,
        rapid_review__notification__closed_on__isnull=True,
        rapid_review__sent_to_panel_on__isnull=True,
        status__in=(SummaryStatus.REQUESTED, SummaryStatus.DRAFT),
    ).select_related("agency", "rapid_review__notification").only(
        "pk", "due_on", "agency__name", "rapid_review__id",
        "rapid_review__notification__reference", "rapid_review__notification__pseudonym")
    for s in summaries:
        notification = s.rapid_review.notification
        add("agency-summary", notification.reference, notification.pseudonym, s.due_on,
            link("rapid_review", s.rapid_review.pk), s.pk, agency=s.agency)

    practice = PracticeReview.objects.filter(partnership=partnership).exclude(
        status__in=FINISHED).select_related("rapid_review__notification")
    for p in practice:
        url, pseudonym = link("practice_review", p.pk), _pseudonym(p)
        add("practice-target", p.title, pseudonym, p.target_on, url, p.pk)
        copy_by = p.copy_due_by(dates.STATUTORY)
        if copy_by is None or p.publication == Publication.NOT_PUBLISHED:
            continue
        if p.copy_sent_on is None:
            add("practice-copy", p.title, pseudonym, copy_by, url, p.pk)
        if p.ofsted_copy_sent_on is None:  # the same day (reviews.services.practice.OFSTED_RULE)
            add("ofsted-copy", p.title, pseudonym, copy_by, url, p.pk)

    milestones = Milestone.objects.filter(
        review__partnership=partnership, done_on__isnull=True,
    ).exclude(review__status=PracticeStatus.CLOSED).select_related(
        "review__rapid_review__notification")
    for m in milestones:
        add("milestone", f"{m.review.title}: {m.title}", _pseudonym(m.review), m.due_on,
            link("practice_review", m.review.pk), m.pk)

    rows.sort(key=lambda row: (row.due_on, row.kind, row.record, row.agency))
    return rows


def _pseudonym(review):
    """A practice review's case pseudonym: its rapid review's, or its published name."""
    if review.rapid_review is not None:
        return review.rapid_review.notification.pseudonym
    return review.title


def grouped(rows):
    """(late, due in the next SOON_DAYS working days, later)."""
    late = [row for row in rows if row.late]
    soon = [row for row in rows if row.soon]
    later = [row for row in rows if not row.late and not row.soon]
    return late, soon, later
