"""Reads for the yearly report's pages, API and PDF, in a fixed number of queries."""

from django.db.models import Max

from partnership.models import Designation

from ..models import ReportSignOff


def statutory_partners(partnership):
    """The partnership's three statutory partner agencies today (one query)."""
    return [d.agency for d in Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS)
        .select_related("agency").order_by("kind")]


def sign_off_rows(report):
    signed = {s.partner_id: s for s in ReportSignOff.objects.filter(report=report)
              .select_related("signed_by")}
    return [{"agency": a, "sign_off": signed.get(a.pk)} for a in statutory_partners(report.partnership)]


def document_context(report, sections):
    partners = sign_off_rows(report)
    return {"report": report, "partnership": report.partnership, "sections": sections,
            "partners": partners,
            "draft": not (partners and all(row["sign_off"] for row in partners))}


def report_list(reports):
    return list(reports.annotate(latest=Max("versions__number")).order_by("-period_start"))


def latest_version(versions):
    return versions.order_by("-number").first()


def latest_ready(versions):
    return versions.filter(status="ready").order_by("-number").first()
