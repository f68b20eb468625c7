"""Reads of the scrutiny plan, and what the yearly report takes from scrutiny: the
activities of a period with their findings and the scrutineer's report sections
(report_findings), and the challenge log's figures (challenge_summary). Each runs in a fixed
number of queries whatever the number of rows."""

import datetime

from django.db.models import Count, Prefetch, Q

from ..models import (
    Challenge,
    ChallengeAddressee,
    ChallengeState,
    Finding,
    ReportSection,
    ScrutinyActivity,
)
from .challenges import overdue_q


def activity_list(activities, *, year):
    """The year's activities (a queryset), in the plan's order, with their lead and how
    many findings."""
    return (activities.filter(year=year).select_related("lead")
            .annotate(finding_count=Count("findings")).order_by("quarter", "starts_on", "pk"))


def activity_years(activities):
    return sorted(set(activities.values_list("year", flat=True)), reverse=True)


def activity_detail(activity):
    return ScrutinyActivity.objects.select_related("lead", "partnership").prefetch_related(
        Prefetch("findings", queryset=Finding.objects.select_related("action").order_by("pk"))
    ).get(pk=activity.pk)


def _years(period_start, period_end):
    """The financial years (by the year they start in) that overlap the period."""
    first = period_start.year - (1 if period_start.month < 4 else 0)
    last = period_end.year - (1 if period_end.month < 4 else 0)
    return list(range(first, last + 1))


def _in_period(period_start, period_end):
    """Activities with dates that overlap the period; undated ones by financial year."""
    dated = Q(starts_on__isnull=False) & Q(starts_on__lte=period_end) & (
        Q(ends_on__gte=period_start) | Q(ends_on__isnull=True, starts_on__gte=period_start))
    undated = Q(starts_on__isnull=True, year__in=_years(period_start, period_end))
    return dated | undated


def report_findings(partnership, period_start, period_end):
    """For the yearly report: {"activities": [...], "sections": [...]} (3 queries)."""
    activities = ScrutinyActivity.objects.filter(
        _in_period(period_start, period_end), partnership=partnership).exclude(
        status="cancelled").select_related("lead").prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("pk"))).order_by(
        "year", "quarter", "starts_on", "pk")
    sections = ReportSection.objects.filter(
        partnership=partnership, year__in=_years(period_start, period_end)).select_related(
        "author").order_by("year", "order", "pk")
    return {
        "activities": [{
            "title": a.title, "type": a.get_activity_type_display(), "year": a.year_label,
            "status": a.get_status_display(), "lead": a.lead_label, "scope": a.scope,
            "starts_on": a.starts_on, "ends_on": a.ends_on,
            "findings": [{"kind": f.get_kind_display(), "text": f.text,
                          "recommendation": f.recommendation} for f in a.findings.all()],
        } for a in activities],
        "sections": [{"title": s.title, "body": s.body,
                      "author": s.author.full_name if s.author_id else ""} for s in sections],
    }


def challenge_summary(partnership, period_start, period_end, today=None):
    """For the yearly report: the challenges raised in the period: counts by state, how many
    are overdue, and each with its partners and judgement (3 queries)."""
    today = today or datetime.date.today()
    challenges = Challenge.objects.filter(partnership=partnership,
                                          raised_on__range=(period_start, period_end))
    counts = challenges.aggregate(
        total=Count("pk"), overdue=Count("pk", filter=overdue_q(today)),
        **{state: Count("pk", filter=Q(state=state)) for state in ChallengeState.values})
    rows = challenges.prefetch_related(Prefetch(
        "addressees", queryset=ChallengeAddressee.objects.select_related("agency")
        .order_by("agency__name"))).order_by("raised_on", "pk")
    return {
        "total": counts.pop("total"), "overdue": counts.pop("overdue"),
        "by_state": [{"state": value, "label": label, "count": counts[value]}
                     for value, label in ChallengeState.choices],
        "challenges": [{
            "code": c.code, "subject": c.subject, "raised_on": c.raised_on, "due_on": c.due_on,
            "state": c.get_state_display(), "overdue": c.is_overdue(today),
            "partners": [a.agency.name for a in c.addressees.all()],
            "judgement": c.get_judgement_display(), "judgement_text": c.judgement_text,
            "judged_on": c.judged_on, "closed_on": c.closed_on,
        } for c in rows],
    }
