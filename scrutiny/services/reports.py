"""Writes to the yearly report: the report for a period, section narratives, the lead
safeguarding partners' sign-offs and the delegated partners' recommendations, and the
publication record. Rendering lives in report_render.py.

Who may call sign_off and recommend is decided in scrutiny/permissions/reports.py (the
callers pass the membership it returns); the services still refuse a membership of the
wrong role, so that no sign-off recorded as a lead partner's can be anyone else's."""

import copy
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.permissions import capacity

from ..models import ReportNarrative, ReportRecommendation, ReportSignOff, YearlyReport
from ..selectors.report_sections import BY_KEY, REQUIRED_NARRATIVES
from ..selectors.reports import report_partners
from . import notices

LEAD, DELEGATED = "lead_safeguarding_partner", "delegated_safeguarding_partner"

MAX_PERIOD_DAYS = 366
MAX_NARRATIVE = 20000
FIRST_YEAR, LAST_YEAR = 2000, 2100


def missing_sign_offs(report, on=None):
    """The partners (report_partners) whose lead partner has not signed the report off."""
    signed = set(ReportSignOff.objects.filter(report=report).values_list("partner_id", flat=True))
    return [a for a in report_partners(report, on) if a.pk not in signed]


def missing_narratives(report):
    """The required sections whose narrative is not written yet (the report says nothing
    without it: how effective the arrangements have been)."""
    written = set(ReportNarrative.objects.filter(report=report, section__in=REQUIRED_NARRATIVES)
                  .values_list("section", flat=True))
    return [BY_KEY[key] for key in REQUIRED_NARRATIVES if key not in written]


@transaction.atomic
def report_create(*, partnership, period_start, period_end, created_by=None):
    if not period_start or not period_end:
        raise Invalid("Enter the first and last day of the reporting period")
    if not (period_start.year >= FIRST_YEAR and period_end.year <= LAST_YEAR):
        raise Invalid({"period_start": f"Enter a period between {FIRST_YEAR} and "
                                       f"{LAST_YEAR}"})
    if period_end <= period_start:
        raise Invalid({"period_end": "The period must end after it starts"})
    if (period_end - period_start).days >= MAX_PERIOD_DAYS:
        raise Invalid({"period_end": "A yearly report covers at most 12 months"})
    if YearlyReport.objects.filter(partnership=partnership, period_start=period_start,
                                   period_end=period_end).exists():
        raise Invalid("There is already a report for this period")
    try:
        with transaction.atomic():
            return YearlyReport.objects.create(partnership=partnership, period_start=period_start,
                                               period_end=period_end, created_by=created_by)
    except IntegrityError:
        raise Invalid("There is already a report for this period") from None


def report_for_period(*, partnership, period_start, period_end, created_by=None):
    """The partnership's report for the period, made if there is none yet."""
    found = YearlyReport.objects.filter(partnership=partnership, period_start=period_start,
                                        period_end=period_end).first()
    return found or report_create(partnership=partnership, period_start=period_start,
                                  period_end=period_end, created_by=created_by)


@transaction.atomic
def narrative_save(*, report, section, text, author):
    """Saves (or, when empty, removes) a section's narrative. A change to what the partners
    signed off withdraws their sign-offs (and the recommendations to sign): they sign off the
    report as it now reads. When the report becomes ready to sign (its last required
    narrative written, or its sign-offs withdrawn by a change), the lead partners who have
    not signed it are told."""
    was_ready = not missing_narratives(report)
    signed = ReportSignOff.objects.filter(report=report).exists()
    narrative = _narrative_save(report, section, text, author)
    changed = signed and not ReportSignOff.objects.filter(report=report).exists()
    if not missing_narratives(report) and (changed or not was_ready):
        notices.report_waiting(report, missing_sign_offs(report))
    return narrative


def _narrative_save(report, section, text, author):
    if section not in BY_KEY:
        raise Invalid({"section": "There is no such section"})
    text = (text or "").strip()
    if len(text) > MAX_NARRATIVE:
        raise Invalid({"text": f"Keep the narrative under {MAX_NARRATIVE} characters"})
    if report.published_on:
        raise WrongState("The report is published: its narratives can no longer change")
    current = ReportNarrative.objects.filter(report=report, section=section).first()
    if (current.text if current else "") != text:
        ReportSignOff.objects.filter(report=report).delete()
        ReportRecommendation.objects.filter(report=report).delete()
    if not text:
        ReportNarrative.objects.filter(report=report, section=section).delete()
        return None
    narrative, _ = ReportNarrative.objects.update_or_create(
        report=report, section=section, defaults={"text": text, "author": author})
    return narrative


def _moment(on):
    """When a sign-off or recommendation happened: now, or noon of `on` for one made before
    the portal held it (the demo's history)."""
    if on is None:
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))


def _capacity(membership, on):
    """partnership.permissions.capacity, with the partner's name on the day it happened (a
    sign-off made before a rename keeps the name of its day)."""
    if on is None:
        return capacity(membership)
    named, agency = copy.copy(membership), copy.copy(membership.agency)
    agency.name = agency.name_on(on)
    named.agency = agency
    return capacity(named)


def _partner_of(report, membership, role, on):
    """The membership's partner agency, checked: the right role, this partnership, and one of
    the partners who sign this report off."""
    if membership.role != role or membership.partnership_id != report.partnership_id:
        who = "lead" if role == LEAD else "delegated"
        raise Invalid({"partner": f"Only a {who} safeguarding partner of this partnership "
                                  "can do this"})
    partner = membership.agency
    if partner is None or partner.pk not in {a.pk for a in report_partners(report, on)}:
        raise Invalid({"partner": f"{partner} is not a statutory partner of this partnership"})
    if ReportSignOff.objects.filter(report=report, partner=partner).exists():
        raise WrongState({"partner": f"{partner} has already signed off this report"})
    return partner


@transaction.atomic
def sign_off(*, report, membership, on=None):
    """The lead safeguarding partner's sign-off for the statutory partner `membership` names,
    with the capacity they sign in. Refused while a required narrative is missing."""
    report = YearlyReport.objects.select_for_update().select_related("partnership").get(
        pk=report.pk)
    partner = _partner_of(report, membership, LEAD, on)
    if report.published_on:
        raise WrongState("The report is published: its sign-offs can no longer change")
    missing = missing_narratives(report)
    if missing:
        raise WrongState("The report cannot be signed off until it says "
                         + ", ".join(f"‘{r.heading}’" for r in missing)
                         + ": the business unit writes that section first")
    return ReportSignOff.objects.create(report=report, partner=partner, signed_by=membership.user,
                                        capacity=_capacity(membership, on), signed_at=_moment(on))


@transaction.atomic
def recommend(*, report, membership, on=None):
    """A delegated safeguarding partner's recommendation that their lead partner sign off
    (once per partner until the report changes)."""
    report = YearlyReport.objects.select_for_update().select_related("partnership").get(
        pk=report.pk)
    partner = _partner_of(report, membership, DELEGATED, on)
    if report.published_on:
        raise WrongState("The report is published: it is no longer waiting for sign-off")
    if ReportRecommendation.objects.filter(report=report, partner=partner).exists():
        raise WrongState({"partner": f"Sign-off for {partner} has already been recommended"})
    return ReportRecommendation.objects.create(
        report=report, partner=partner, recommended_by=membership.user,
        capacity=_capacity(membership, on), recommended_at=_moment(on))


@transaction.atomic
def publication_record(*, report, published_on, published_url="", panel_sent_on=None,
                       foundations_sent_on=None):
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if published_on is None:
        raise Invalid({"published_on": "Enter the date the report was published"})
    missing = missing_sign_offs(report, on=published_on)
    if missing:
        raise WrongState("The report needs the sign-off of all three lead safeguarding "
                         "partners first. Still to sign: "
                         + ", ".join(a.name_on(report.period_end) for a in missing))
    if published_on < report.period_end:
        raise Invalid({"published_on": "The report is published after its period ends"})
    for name, day in (("panel_sent_on", panel_sent_on),
                      ("foundations_sent_on", foundations_sent_on)):
        if day is not None and day < published_on:
            raise Invalid({name: "A copy is sent on or after the date of publication"})
    report.published_on, report.published_url = published_on, published_url or ""
    report.panel_sent_on, report.foundations_sent_on = panel_sent_on, foundations_sent_on
    report.save(update_fields=["published_on", "published_url", "panel_sent_on",
                               "foundations_sent_on"])
    return report
