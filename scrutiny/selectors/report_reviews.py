"""The yearly report's reviews section: serious incidents, rapid reviews, practice reviews
and recommendations of the report's period only, with what is carried over from earlier
periods (domain.md corrections, item 2: exact counts).

Counts of notifications, rapid reviews and practice reviews are published exactly, as DfE
and real yearly reports publish them. Only breakdowns by the children's characteristics are
suppressed: a cell of 1 or 2 children shows "c" (DfE's symbol), and where a breakdown would
otherwise have a single suppressed cell, the next smallest cell is suppressed too, so that
no suppressed figure can be worked out from the others. Nothing here reads a child's record
(reviews.ChildRecord) or one child's characteristics: only counts by characteristic.
"""

from django.db.models import Count, DateField, Q
from django.db.models.functions import Coalesce

from reviews.models import (
    IncidentType,
    LearningBriefing,
    Notification,
    NotifiedChild,
    PracticeReview,
    RapidReview,
    Recommendation,
    RecommendationStatus,
)

SUPPRESSED = "c"
SUPPRESS_UP_TO = 2
# The characteristics broken down in the report (field, heading).
BREAKDOWNS = (("sex", "Sex"), ("age_band", "Age"), ("ethnicity", "Ethnicity"),
              ("legal_status", "Legal status"))
OPEN = (RecommendationStatus.PROPOSED, RecommendationStatus.ACCEPTED)


def suppress(rows):
    """rows: [(label, count)] -> [(label, shown)], small cells shown as "c"."""
    hidden = {i for i, (_, n) in enumerate(rows) if 0 < n <= SUPPRESS_UP_TO}
    if len(hidden) == 1 and len(rows) > 1:
        others = [i for i in range(len(rows)) if i not in hidden]
        hidden.add(min(others, key=lambda i: rows[i][1]))
    return [(label, SUPPRESSED if i in hidden else str(n)) for i, (label, n) in enumerate(rows)]


def children_breakdowns(notifications):
    """For each characteristic, the children of `notifications` counted by its value (only
    values that occur), suppressed. One query per characteristic."""
    children = NotifiedChild.objects.filter(notification__in=notifications)
    tables = []
    for name, heading in BREAKDOWNS:
        labels = dict(NotifiedChild._meta.get_field(name).choices)
        counts = list(children.values(name).annotate(n=Count("pk")).order_by(name))
        if counts:
            rows = [(labels.get(c[name], c[name]), c["n"]) for c in counts]
            tables.append({"heading": heading, "rows": suppress(rows)})
    return tables


def decided_on():
    """When a recommendation was decided: its own date, else its review's decision."""
    return Coalesce("decided_on", "rapid_review__decided_on", "practice_review__decided_on",
                    "national_review__panel_decided_on", "national_review__published_on",
                    output_field=DateField())


def recommendations(p, start, end):
    """Recommendations decided in the period, by status, and those decided before it that
    are still open (proposed or accepted, not yet complete). Two queries."""
    dated = Recommendation.objects.filter(partnership=p).annotate(decided=decided_on())
    labels = dict(RecommendationStatus.choices)
    in_period = list(dated.filter(decided__range=(start, end)).values("status")
                     .annotate(n=Count("pk")).order_by("status"))
    earlier = dated.filter(decided__lt=start, status__in=OPEN).count()
    return {"by_status": [{"status": labels.get(r["status"], r["status"]), "count": r["n"]}
                          for r in in_period],
            "decided": sum(r["n"] for r in in_period), "carried_over": earlier}


def reviews(p, start, end):
    notifications = Notification.objects.filter(partnership=p, la_aware_on__range=(start, end))
    by_type = dict(notifications.values("incident_type").annotate(n=Count("pk"))
                   .order_by().values_list("incident_type", "n"))
    rapid = RapidReview.objects.filter(notification__partnership=p,
                                       decided_on__range=(start, end)).count()
    practice = list(PracticeReview.objects.filter(partnership=p).filter(
        Q(decided_on__range=(start, end)) | Q(published_on__range=(start, end)))
        .order_by("decided_on").only("title", "decided_on", "status", "published_on",
                                     "published_url"))
    ongoing = PracticeReview.objects.filter(partnership=p, decided_on__lt=start).filter(
        Q(published_on__isnull=True) | Q(published_on__gt=end)).count()
    briefings = list(LearningBriefing.objects.filter(
        review__partnership=p, published_on__range=(start, end))
        .order_by("published_on").only("title", "summary", "published_on"))
    themes = list(PracticeReview.themes.through.objects.filter(
        practicereview__in=[r.pk for r in practice])
        .values("learningtheme__name").annotate(n=Count("pk")).order_by("-n", "learningtheme__name"))
    return {"notified": sum(by_type.values()),
            "deaths": by_type.get(IncidentType.DEATH, 0),
            "serious_harm": by_type.get(IncidentType.SERIOUS_HARM, 0),
            "care_leavers": by_type.get(IncidentType.CARE_LEAVER_DEATH, 0),
            "rapid": rapid,
            "commissioned": sum(1 for r in practice if start <= r.decided_on <= end),
            "published": sum(1 for r in practice if r.published_on and start <= r.published_on <= end),
            "practice": practice, "ongoing": ongoing, "briefings": briefings, "themes": themes,
            "children": children_breakdowns(notifications),
            "recommendations": recommendations(p, start, end)}
