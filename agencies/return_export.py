"""A return as a printable copy for the chief officer: one HTML document (the answers to
every standard, question by question where the template asks so, the evidence by title,
the action plan and the sign-off), shown as a page and rendered to PDF with WeasyPrint and
the yearly report's print styles. A return is small: the PDF is made in the request, as
the minutes' PDF is (governance/minutes_export.py), not by a background job."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from partnership.pdf import render_pdf

from . import selectors

STYLESHEETS = ("print/print.css",)  # the yearly report's print styles
PDF_TYPE = "application/pdf"


def document(assessment, partnership):
    """What the printable copy shows, as the partnership's reader sees the return."""
    return {
        "partnership": partnership, "assessment": assessment,
        "requests": selectors.requests_here(assessment, partnership),
        "answers": selectors.check_answers(assessment),
        "items": selectors.plan_items(assessment),
        "shared": selectors.shared_with(assessment),
        "draft": assessment.editable, "printed_on": timezone.localdate(),
    }


def html(context, *, for_pdf=False):
    return render_to_string("agencies/returns/print.html", {**context, "for_pdf": for_pdf})


def pdf(context):
    return render_pdf(html(context, for_pdf=True), stylesheets=STYLESHEETS)


def filename(assessment):
    agency = slugify(assessment.agency.name)[:60] or "agency"
    return f"section-11-return-{agency}-{assessment.pk}.pdf"
