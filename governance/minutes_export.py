"""The minutes as a PDF (WeasyPrint, the yearly report's print styles) and as a Word document
(python-docx), from a MinutesDocument (governance/selectors/minutes.py): the heading, the
public minutes (Part A) under their numbered headings, the corrections agreed at approval,
and Part B (confidential) only when the document holds it, i.e. for someone who may see it.
Both are marked DRAFT until the minutes are approved."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from docx import Document
from docx.enum.text import WD_BREAK

from partnership.pdf import render_pdf

STYLESHEETS = ("print/print.css",)  # the yearly report's print styles
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_NOTE = "DRAFT: these minutes have not been approved."


def filename(meeting, extension):
    day = timezone.localtime(meeting.starts_at)
    return f"minutes-{slugify(meeting.group.name)[:60] or 'group'}-{day:%Y-%m-%d}.{extension}"


def _where(meeting):
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    when = f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M}"
    return f"{when}. {meeting.location}." if meeting.location else f"{when}."


def minutes_pdf(document):
    html = render_to_string("governance/minutes/document.html", {
        "doc": document, "where": _where(document.meeting), "draft_note": DRAFT_NOTE})
    return render_pdf(html, stylesheets=STYLESHEETS)


def _blocks(docx, blocks, level):
    for block in blocks:
        if block.heading:
            docx.add_heading(block.lines[0], level=level)
        else:
            for line in block.lines:
                docx.add_paragraph(line)


def minutes_docx(document):
    docx = Document()
    meeting = document.meeting
    docx.core_properties.title = document.title
    docx.core_properties.author = meeting.group.partnership.name
    if document.draft:
        docx.sections[0].header.paragraphs[0].text = "DRAFT"
    docx.add_heading(document.title, level=0)
    docx.add_paragraph(_where(meeting))
    docx.add_paragraph(DRAFT_NOTE if document.draft else document.approved_note)
    if document.confidential:
        docx.add_heading("Part A", level=1)
    _blocks(docx, document.public_blocks(), level=2)
    if meeting.minutes_corrections and not document.draft:
        docx.add_heading("Corrections agreed at approval", level=1)
        for line in meeting.minutes_corrections.splitlines():
            if line.strip():
                docx.add_paragraph(line)
    if document.confidential:
        docx.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        docx.add_heading("Part B (confidential)", level=1)
        docx.add_paragraph("Only for the group's members: not for publication.")
        for title, blocks in document.confidential_blocks():
            docx.add_heading(title, level=2)
            _blocks(docx, blocks, level=3)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
