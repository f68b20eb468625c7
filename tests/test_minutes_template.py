"""The partnership's Word template for minutes: uploaded by its business unit (a Word
document python-docx opens, nothing else), the minutes' Word export built on it (its styles,
header and page setup kept, its body replaced by the minutes), and removed again. Who may
reach the pages is in tests/matrix_minutes_template.py."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import MinutesTemplate
from governance.services import minutes

pytestmark = pytest.mark.django_db

HEADER = "ACME SAFEGUARDING PARTNERSHIP"
BODY = "TEMPLATE BODY"
NORMAL_FONT, HEADING_FONT = "Acme Serif Test", "Acme Display Test"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _template_bytes():
    document = docx.Document()
    document.styles["Normal"].font.name = NORMAL_FONT
    document.styles["Heading 1"].font.name = HEADING_FONT
    document.sections[0].header.paragraphs[0].text = HEADER
    document.add_paragraph(BODY)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(cast):
    return reverse("governance:minutes-template", args=[cast.p1.slug])


def _upload(client, cast, name, content):
    return client.post(_page(cast), {"file": SimpleUploadedFile(name, content)})


def _export(cast, client_for):
    response = client_for(cast.dsp).get(
        reverse("governance:meeting-minutes-docx", args=[cast.p1.slug, cast.meeting1.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    return docx.Document(io.BytesIO(response.content))


def _text(document):
    return "\n".join(p.text for p in document.paragraphs)


def _header(document):
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)


def test_the_business_unit_uploads_a_template_and_the_word_minutes_use_it(cast, client_for):
    minutes.minutes_save(meeting=cast.meeting1, text="1. Budget\nThe budget was agreed.",
                         confidential={cast.item_conf: "Minuted in private"})
    client = client_for(cast.bu_officer)
    response = _upload(client, cast, "acme-minutes.docx", _template_bytes())
    assert response.status_code == 302
    template = MinutesTemplate.objects.get(partnership=cast.p1)
    assert (template.filename, template.uploaded_by) == ("acme-minutes.docx", cast.bu_officer)
    page = client.get(_page(cast)).content.decode()
    assert "acme-minutes.docx" in page and "Remove the template" in page
    download = client.get(reverse("governance:minutes-template-download", args=[cast.p1.slug]))
    assert download.status_code == 200 and download["Content-Type"] == DOCX
    assert docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs[0].text == BODY

    exported = _export(cast, client_for)
    assert HEADER in _header(exported) and "DRAFT" in _header(exported)
    assert BODY not in _text(exported)
    assert "The budget was agreed." in _text(exported) and "Minuted in private" in _text(exported)
    assert exported.styles["Normal"].font.name == NORMAL_FONT
    assert exported.styles["Heading 1"].font.name == HEADING_FONT
    headings = [p for p in exported.paragraphs if p.style.name == "Heading 1"]
    assert headings and "Part A" in [p.text for p in headings]
    assert exported.element.body[-1].tag.endswith("}sectPr")  # the page setup is kept

    response = client.post(reverse("governance:minutes-template-remove", args=[cast.p1.slug]))
    assert response.status_code == 302 and not MinutesTemplate.objects.exists()
    plain = _export(cast, client_for)
    assert HEADER not in _header(plain) and "DRAFT" in _header(plain)
    assert "The budget was agreed." in _text(plain)
    assert plain.styles["Normal"].font.name != NORMAL_FONT


def test_a_replaced_template_is_the_one_used(cast, client_for):
    client = client_for(cast.bu_manager)
    _upload(client, cast, "first.docx", _template_bytes())
    second = docx.Document()
    second.sections[0].header.paragraphs[0].text = "SECOND TEMPLATE"
    out = io.BytesIO()
    second.save(out)
    assert _upload(client, cast, "second.docx", out.getvalue()).status_code == 302
    assert list(MinutesTemplate.objects.values_list("filename", flat=True)) == ["second.docx"]
    minutes.minutes_save(meeting=cast.meeting1, text="Agreed.", confidential={})
    header = _header(_export(cast, client_for))
    assert "SECOND TEMPLATE" in header and HEADER not in header


@pytest.mark.parametrize("name, content, message", [
    ("minutes.pdf", b"%PDF-1.4\n%test\n", "must be a Word document"),
    ("minutes.docx", b"PK\x03\x04 not really a zip", "not really"),
    ("minutes.xlsx", None, "must be a Word document"),
    ("broken.docx", None, "could not be opened"),
])
def test_anything_but_a_word_document_is_refused(cast, client_for, name, content, message):
    if content is None and name.endswith(".xlsx"):
        import openpyxl

        out = io.BytesIO()
        openpyxl.Workbook().save(out)
        content = out.getvalue()
    elif content is None:  # a zip with word/document.xml that is not a Word document
        import zipfile

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("word/document.xml", "<not-word/>")
        content = out.getvalue()
    response = _upload(client_for(cast.bu_manager), cast, name, content)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert "govuk-error-summary" in response.content.decode()
    assert not MinutesTemplate.objects.exists()


def test_only_the_business_unit_uploads(cast, client_for):
    for who in ("lsp", "chair", "lead_a", "bu_p2"):
        response = _upload(client_for(cast.users[who]), cast, "t.docx", _template_bytes())
        assert response.status_code in (403, 404), who
    assert not MinutesTemplate.objects.exists()


def test_the_groups_page_links_the_business_unit_to_the_template(cast, client_for):
    url = reverse("governance:group-list", args=[cast.p1.slug])
    assert _page(cast) in client_for(cast.bu_officer).get(url).content.decode()
    assert _page(cast) not in client_for(cast.lsp).get(url).content.decode()
