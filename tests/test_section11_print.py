"""A return's printable copy (HTML) and its PDF for the chief officer: WeasyPrint with the
yearly report's print styles, made in the request; the answers (question by question where
the template asks so), the evidence and the action plan; the same audience as the return
page (another agency's: 404); linked from the return page."""

import datetime
import html
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agencies.services import questions, returns

from .matrix_s11_questions import question_return

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_return_page_links_to_its_printable_copy_and_pdf(cast, client_for):
    slug, pk = cast.p1.slug, cast.return_police.pk
    page = text(client_for(cast.lsp).get(reverse("s11:return", args=[slug, pk])))
    assert reverse("s11:return-print", args=[slug, pk]) in page
    assert reverse("s11:return-pdf", args=[slug, pk]) in page


def test_the_printable_copy_has_the_answers_and_the_plan(cast, client_for):
    returns.plan_item_add(assessment=cast.return_a, user=cast.lead_a,
                          version=cast.return_a.version, action="Name a board lead",
                          owner="Head of Safeguarding", due_on=datetime.date(2027, 3, 31),
                          standard=cast.s11_standard1)
    response = client_for(cast.chief_a).get(reverse("s11:return-print",
                                                    args=[cast.p1.slug, cast.return_a.pk]))
    assert response.status_code == 200
    page = text(response)
    assert page.count("<h1>") == 1 and cast.agency_a.name in page
    assert "CNRY-RETURN-A-DRAFT" in page  # standard 1's narrative
    assert "Name a board lead" in page and "Head of Safeguarding" in page
    assert "<th scope=\"row\">Status</th><td>Draft</td>" in page
    assert "print/print.css" in page
    assert reverse("s11:return-pdf", args=[cast.p1.slug, cast.return_a.pk]) in page


def test_the_pdf_of_a_submitted_return(cast, client_for):
    response = client_for(cast.scrutineer).get(reverse(
        "s11:return-pdf", args=[cast.p1.slug, cast.return_police.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF")
    words = pdf_text(content)
    assert cast.police.name in words
    assert "CNRY-RETURN-POLICE 1" in words
    assert "DRAFT" not in words  # submitted: no watermark


def test_questions_are_printed_one_by_one(cast, client_for):
    assessment = question_return(cast)
    first = cast.q_questions[0]
    questions.question_answer_save(assessment=assessment, question=first, user=cast.lead_a,
                                   version=assessment.version, rating=2,
                                   narrative="The board lead has terms of reference")
    response = client_for(cast.lead_a).get(reverse("s11:return-pdf",
                                                   args=[cast.p1.slug, assessment.pk]))
    words = pdf_text(response.content)
    assert first.text in words.replace("\n", " ")
    assert "The board lead has terms of reference" in words.replace("\n", " ")
    assert cast.agency_a.name in words
    assert "DRAFT" in words  # a draft's PDF is marked as one


def test_another_agencys_return_is_not_found(cast, client_for):
    for name in ("s11:return-print", "s11:return-pdf"):
        address = reverse(name, args=[cast.p1.slug, cast.return_police.pk])
        assert client_for(cast.lead_a).get(address).status_code == 404
        draft = reverse(name, args=[cast.p1.slug, cast.return_a.pk])
        assert client_for(cast.lead_police).get(draft).status_code == 404
        assert client_for(cast.scrutineer).get(draft).status_code == 404  # a draft
