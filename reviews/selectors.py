"""Reads of case reviews that are more than a get: lists and pages, each in a fixed number
of queries. What the user may see is decided before (reviews/permissions.py): these take
the querysets it gives."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from partnership.models import Agency
from partnership.permissions import statutory_partners

from .models import (
    AgencySummary,
    Criterion,
    NationalReview,
    Notification,
    RapidReview,
    ReviewSignOff,
    SummaryStatus,
)

RECEIVED = (SummaryStatus.SUBMITTED, SummaryStatus.NIL)


def review_state(review, *, asked, received, signed, partners):
    """Where a rapid review has got to, in words (domain.md §1.11 L2)."""
    if review is None:
        return "Not started"
    if review.panel_response_on:
        return "Panel responded"
    if review.sent_to_panel_on:
        return "Sent to the Panel"
    if review.decision:
        if partners and signed >= partners:
            return "Signed off"
        return f"Awaiting sign-off ({signed} of {partners})"
    if review.panel_meeting_on:
        return "Panel meeting arranged"
    if asked:
        if received >= asked:
            return "Summaries received"
        return f"Summaries requested ({received} of {asked} in)"
    return "Started"


def case_list(notifications, *, own_agencies=None):
    """The cases of `notifications` (a queryset), newest first, with their rapid review's
    counts. For an agency lead (`own_agencies` given) each review carries `own_summaries`,
    the summaries of their agencies only. case_states sets the rest on a page of them."""
    cases = (Notification.objects.filter(pk__in=notifications.values("pk"))
             .select_related("rapid_review")
             .annotate(summaries_asked=Count("rapid_review__summaries", distinct=True),
                       summaries_in=Count("rapid_review__summaries", distinct=True,
                                          filter=Q(rapid_review__summaries__status__in=RECEIVED)),
                       signed=Count("rapid_review__sign_offs", distinct=True))
             .order_by("-la_aware_on", "-pk"))
    if own_agencies is not None:
        cases = cases.prefetch_related(Prefetch(
            "rapid_review__summaries", to_attr="own_summaries",
            queryset=AgencySummary.objects.filter(agency__in=own_agencies).select_related("agency")))
    return cases


def case_states(cases, partnership):
    """The cases (a list, from case_list) with their review, its state and their tags."""
    partners = len(statutory_partners(partnership)) if cases else 0
    today = timezone.localdate()
    for case in cases:
        case.review = getattr(case, "rapid_review", None)
        case.state = review_state(case.review, asked=case.summaries_asked,
                                  received=case.summaries_in, signed=case.signed,
                                  partners=partners)
        case.notify_tag = notify_tag(case, today)
        case.review_overdue = bool(case.review and not case.review.sent_to_panel_on
                                   and case.review.due_on < today)
    return cases


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str


def notify_tag(notification, today=None):
    """On time, late, due by a date, or overdue: the Panel notification's deadline."""
    today = today or timezone.localdate()
    if notification.notified_on:
        if notification.notified_on <= notification.notify_by:
            return Tag("Notified on time", "green")
        return Tag("Notified late", "red")
    if today > notification.notify_by:
        return Tag("Overdue", "red")
    return Tag(f"Due by {notification.notify_by:%-d %B %Y}", "blue")


def case_grants(grants):
    return list(grants.select_related("user", "granted_by").order_by("-granted_at"))


@dataclass
class PartnerSignOff:
    partner: Agency
    sign_off: ReviewSignOff | None


def rapid_review_page(review, summaries, *, full):
    """What the rapid review page shows: the summaries the user may see and, for the
    review's readers (`full`), its themes, the criteria with their findings, the parallel
    processes and each statutory partner's sign-off."""
    page = {"summaries": list(summaries.select_related("agency", "submitted_by")
                              .prefetch_related("agency__former_names")
                              .order_by("agency__name")),
            "today": timezone.localdate()}
    for summary in page["summaries"]:
        summary.overdue = summary.status not in RECEIVED and summary.due_on < page["today"]
    if not full:
        return page
    partnership = review.notification.partnership
    # The partners of the review's day: a 2019 review keeps the CCG that signed it.
    partners = statutory_partners(partnership, on=min(review.due_on, timezone.localdate()))
    signed = {s.partner_id: s for s in review.sign_offs.select_related("signed_by")}
    page["sign_offs"] = [PartnerSignOff(p, signed.get(p.pk)) for p in partners]
    page["all_signed"] = bool(partners) and all(row.sign_off for row in page["sign_offs"])
    page["themes"] = list(review.themes.all())
    assessed = {a.criterion: a for a in review.criteria.all()}
    page["criteria"] = [(criterion, assessed.get(criterion.value)) for criterion in Criterion]
    page["processes"] = list(review.parallel_processes.all())
    page["national_review"] = NationalReview.objects.filter(rapid_review=review).first()
    # Counted over every summary asked for, not only those shown: a reader who does not see
    # drafts (reviews/permissions.py) still sees how many are in.
    counts = review.summaries.aggregate(asked=Count("pk"),
                                        received=Count("pk", filter=Q(status__in=RECEIVED)))
    page["state"] = review_state(review, asked=counts["asked"], received=counts["received"],
                                 signed=len(signed), partners=len(partners))
    return page


def open_summaries(agencies, partnership):
    """Summaries the agencies were asked for in the partnership and have not yet sent."""
    return (AgencySummary.objects
            .filter(agency__in=agencies, rapid_review__notification__partnership=partnership)
            .exclude(status__in=RECEIVED)
            .select_related("agency", "rapid_review__notification")
            .order_by("due_on", "pk"))


def awaiting_sign_off(partnership):
    """Rapid reviews with a decision not yet sent to the Panel, with their sign-offs."""
    return (RapidReview.objects
            .filter(notification__partnership=partnership, sent_to_panel_on__isnull=True)
            .exclude(decision="")
            .select_related("notification__partnership")
            .prefetch_related("sign_offs")
            .order_by("due_on", "pk"))


def overdue_cases(partnership, today=None):
    """Cases whose Panel notification or rapid review is overdue."""
    today = today or timezone.localdate()
    return (Notification.objects.filter(partnership=partnership)
            .filter(Q(notified_on__isnull=True, notify_by__lt=today)
                    | Q(rapid_review__sent_to_panel_on__isnull=True,
                        rapid_review__due_on__lt=today))
            .filter(closed_on__isnull=True)
            .select_related("rapid_review")
            .order_by("notify_by", "pk"))
