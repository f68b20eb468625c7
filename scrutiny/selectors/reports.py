"""Reads for the yearly report's pages, API and PDF, in a fixed number of queries."""

from django.db.models import Max, Prefetch

from partnership import periods
from partnership.models import Designation
from partnership.models.dated import today

from ..models import ReportRecommendation, ReportSignOff, YearlyReport


def report_partners(report, on=None):
    """The statutory partner agencies who sign `report` off: those in force on the day it was
    published, or (until then) on `on`, today by default; their former names prefetched, so
    that `name_on` costs nothing (one query)."""
    day = report.published_on or on or today()
    return [d.agency for d in Designation.objects.active(day).filter(
        partnership=report.partnership_id, kind__in=Designation.STATUTORY_KINDS)
        .select_related("agency").prefetch_related("agency__former_names").order_by("kind")]


def statutory_partners(partnership):
    """The partnership's statutory partner agencies today (one query)."""
    return [d.agency for d in Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS)
        .select_related("agency").order_by("kind")]


def sign_off_rows(report):
    """One row per partner who signs the report off: the partner's name on the period's last
    day, its sign-off (if any) and its delegated partner's recommendation (if any)."""
    signed = {s.partner_id: s for s in ReportSignOff.objects.filter(report=report)
              .select_related("signed_by")}
    recommended = {r.partner_id: r for r in ReportRecommendation.objects.filter(report=report)
                   .select_related("recommended_by")}
    return [{"agency": a, "name": a.name_on(report.period_end), "sign_off": signed.get(a.pk),
             "recommendation": recommended.get(a.pk)} for a in report_partners(report)]


def signed_by_every_lead(rows):
    return bool(rows) and all(row["sign_off"] for row in rows)


def document_context(report, sections):
    partners = sign_off_rows(report)
    complete = signed_by_every_lead(partners)
    return {"report": report, "partnership": report.partnership, "sections": sections,
            "partners": partners, "signed": complete, "draft": not complete,
            "outstanding": [row["name"] for row in partners if not row["sign_off"]]}


def report_list(reports):
    return reports.annotate(latest=Max("versions__number")).order_by("-period_start", "-pk")


def api_report_list(reports):
    """The reports, newest first, with their sign-offs (signer, partner and its former
    names) and whether every partner who signs each has signed: 4 queries however many."""
    sign_offs = (ReportSignOff.objects.select_related("signed_by", "partner")
                 .prefetch_related("partner__former_names").order_by("signed_at"))
    found = list(reports.order_by("-period_start").prefetch_related(
        Prefetch("sign_offs", queryset=sign_offs)))
    statutory = list(Designation.objects.filter(
        partnership__in={r.partnership_id for r in found}, kind__in=Designation.STATUTORY_KINDS))
    day = today()
    for report in found:
        on = report.published_on or day
        due = {d.agency_id for d in statutory if d.partnership_id == report.partnership_id
               and d.start_date <= on and (d.end_date is None or d.end_date >= on)}
        report.signed_off = bool(due) and due <= {s.partner_id for s in report.sign_offs.all()}
    return found


def latest_version(versions):
    return versions.order_by("-number").first()


def latest_ready(versions):
    return versions.filter(status="ready").order_by("-number").first()


def last_published_on(partnership):
    return (YearlyReport.objects.filter(partnership=partnership)
            .aggregate(last=Max("published_on"))["last"])


def publication_overdue(partnership, on=None):
    """(last published on, overdue): overdue when no report of the partnership was published
    in the 12 months ending `on` (today by default): the statutory test (domain.md §0.2.5)."""
    last = last_published_on(partnership)
    return last, not periods.within_twelve_months(last, on or today())
