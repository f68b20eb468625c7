"""Writes to the yearly report: the report for a period, section narratives, the statutory
partners' sign-offs and the publication record. Rendering lives in report_render.py."""

from django.db import IntegrityError, transaction

from partnership.errors import Invalid, WrongState

from ..models import ReportNarrative, ReportSignOff, YearlyReport
from ..selectors.report_sections import BY_KEY
from ..selectors.reports import statutory_partners

MAX_PERIOD_DAYS = 366
MAX_NARRATIVE = 20000
FIRST_YEAR, LAST_YEAR = 2000, 2100


def missing_sign_offs(report):
    signed = set(ReportSignOff.objects.filter(report=report).values_list("partner_id", flat=True))
    return [a for a in statutory_partners(report.partnership) if a.pk not in signed]


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
    signed off withdraws their sign-offs: they sign off the report as it now reads."""
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
    if not text:
        ReportNarrative.objects.filter(report=report, section=section).delete()
        return None
    narrative, _ = ReportNarrative.objects.update_or_create(
        report=report, section=section, defaults={"text": text, "author": author})
    return narrative


@transaction.atomic
def sign_off(*, report, partner, user):
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if partner not in statutory_partners(report.partnership):
        raise Invalid({"partner": f"{partner} is not a statutory partner of this "
                                  "partnership"})
    if ReportSignOff.objects.filter(report=report, partner=partner).exists():
        raise WrongState({"partner": f"{partner} has already signed off this report"})
    return ReportSignOff.objects.create(report=report, partner=partner, signed_by=user)


@transaction.atomic
def publication_record(*, report, published_on, published_url="", panel_sent_on=None,
                       wwc_sent_on=None):
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    missing = missing_sign_offs(report)
    if missing:
        raise WrongState("The report needs the sign-off of all three safeguarding "
                         "partners first. Still to sign: " + ", ".join(a.name for a in missing))
    if published_on is None:
        raise Invalid({"published_on": "Enter the date the report was published"})
    if published_on < report.period_end:
        raise Invalid({"published_on": "The report is published after its period ends"})
    for name, day in (("panel_sent_on", panel_sent_on), ("wwc_sent_on", wwc_sent_on)):
        if day is not None and day < published_on:
            raise Invalid({name: "A copy is sent on or after the date of publication"})
    report.published_on, report.published_url = published_on, published_url or ""
    report.panel_sent_on, report.wwc_sent_on = panel_sent_on, wwc_sent_on
    report.save(update_fields=["published_on", "published_url", "panel_sent_on", "wwc_sent_on"])
    return report
