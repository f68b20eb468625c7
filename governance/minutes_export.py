"""The minutes as a PDF (WeasyPrint, the yearly report's print styles) and as a Word document
(python-docx), from a MinutesDocument (governance/selectors/minutes.py): the heading, the
public minutes (Part A) under their numbered headings, the corrections agreed at approval,
and Part B (confidential) only when the document holds it, i.e. for someone who may see it.
Both are marked DRAFT until the minutes are approved. The Word document is built on the
partnership's own template when its business unit uploaded one (MinutesTemplate): its
styles, headers and footers and page setup, with its body replaced by the minutes."""

import io
import logging

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from partnership.errors import Unavailable
from partnership.files import STORE_ERRORS, UNAVAILABLE
from partnership.pdf import render_pdf

from .models import MinutesTemplate

logger = logging.getLogger(__name__)

STYLESHEETS = ("print/print.css",)  # the yearly report's print styles
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_NOTE = "DRAFT: these minutes have not been approved."
# The paragraph styles the minutes use, added (bold, at this size) to a template that lacks
# them: Word keeps built-in styles a document has not used out of its styles part.
HEADING_STYLES = {"Title": 20, "Heading 1": 16, "Heading 2": 13, "Heading 3": 12}


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


def _emptied(docx):
    """The template with its body's content removed (its final section properties, which
    hold the page setup and name the headers and footers, kept), and the heading styles the
    minutes use added when it has none of its own."""
    body = docx.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for name, size in HEADING_STYLES.items():
        if name not in docx.styles:
            style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if "Normal" in docx.styles:
                style.base_style = docx.styles["Normal"]
            style.font.bold, style.font.size = True, Pt(size)
    return docx


def template_opens(upload):
    """Whether python-docx can open the uploaded file as a Word document."""
    try:
        upload.seek(0)
        _emptied(Document(upload))
    except Exception:  # noqa: BLE001 - an uploaded file may break the parser in any way
        return False
    finally:
        upload.seek(0)
    return True


def _base(partnership):
    """A new document: the partnership's template emptied, or python-docx's default."""
    template = MinutesTemplate.objects.filter(partnership=partnership).first()
    if template is None:
        return Document()
    try:
        with template.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        logger.error("The minutes template %s is missing: the default is used", template.file.name)
        return Document()
    except STORE_ERRORS:
        logger.exception("The file store could not read %s", template.file.name)
        raise Unavailable(UNAVAILABLE.format("read")) from None
    try:
        return _emptied(Document(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - checked at upload; a file changed since is not fatal
        logger.exception("The minutes template %s cannot be opened: the default is used",
                         template.file.name)
        return Document()


def _mark_draft(docx):
    header = docx.sections[0].header
    first = header.paragraphs[0] if header.paragraphs else None
    if first is not None and not first.text.strip():
        first.text = "DRAFT"
    else:  # the template's own header text stays
        header.add_paragraph("DRAFT")


def minutes_docx(document):
    meeting = document.meeting
    docx = _base(meeting.group.partnership)
    docx.core_properties.title = document.title
    docx.core_properties.author = meeting.group.partnership.name
    if document.draft:
        _mark_draft(docx)
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
