"""A rapid review in full (issue 16, item 9): each criterion of the guidance with its finding
and reasoning, the equality context, parallel processes with their effect on timing, and
files attached to an agency's summary (a chronology), seen by whoever sees the summary."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.errors import WrongState
from partnership.models import AccessEvent
from reviews.models import CriterionAssessment, ParallelProcess, SummaryAttachment
from reviews.services import practice, rapid, rapid_records

from .cast import pdf

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, "pk": cast.review1.pk, **kwargs})


def page(client, cast):
    return client.get(url("reviews:rapid-detail", cast)).content.decode()


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


# The criteria --------------------------------------------------------------------------

def test_criteria_are_recorded_with_their_reasoning(cast, client_for):
    client = client_for(cast.bu_manager)
    form = client.get(url("reviews:rapid-criteria", cast)).content.decode()
    assert "Criterion 5: The case raises or may raise issues requiring changes" in form
    response = client.post(url("reviews:rapid-criteria", cast), {
        "improvements_finding": "met", "improvements_reasoning": " ",
        "recurrent_reasoning": "Neglect again"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter the reasoning for this finding" in body
    assert "Choose a finding for this criterion, or clear its reasoning" in body
    assert not CriterionAssessment.objects.exists()
    response = client.post(url("reviews:rapid-criteria", cast), {
        "improvements_finding": "met",
        "improvements_reasoning": "Missed appointments were followed up by letter only",
        "working_together_finding": "unclear",
        "working_together_reasoning": "Waiting for the health summary"})
    assert response.status_code == 302
    assert {(a.criterion, a.finding) for a in CriterionAssessment.objects.all()} == {
        ("improvements", "met"), ("working_together", "unclear")}
    shown = page(client_for(cast.chair), cast)
    assert "<strong>Met.</strong> Missed appointments were followed up by letter only" in shown
    assert "Not considered yet" in shown  # the criteria without a finding
    # Clearing a criterion removes it.
    client.post(url("reviews:rapid-criteria", cast), {
        "improvements_finding": "met", "improvements_reasoning": "Letters only"})
    assert list(CriterionAssessment.objects.values_list("criterion", flat=True)) == [
        "improvements"]


def test_agency_leads_see_neither_criteria_nor_processes(cast, client_for):
    rapid_records.criteria_record(review=cast.review1, findings={
        "recurrent": ("met", "A recurrent theme of neglect")})
    rapid_records.process_add(review=cast.review1, kind="criminal_trial",
                              description="Trial listed at the Crown Court")
    rapid.rapid_review_update(review=cast.review1, equality_racism="Interpreting was not offered")
    shown = page(client_for(cast.lead_a), cast)
    for secret in ("A recurrent theme of neglect", "Trial listed", "Interpreting was not offered"):
        assert secret not in shown
    assert client_for(cast.lead_a).get(url("reviews:rapid-criteria", cast)).status_code == 403


def test_criteria_are_fixed_once_sent_to_the_panel(cast):
    cast.review1.sent_to_panel_on = D(2026, 1, 20)
    cast.review1.save(update_fields=["sent_to_panel_on"])
    with pytest.raises(WrongState):
        rapid_records.criteria_record(review=cast.review1, findings={
            "recurrent": ("met", "Too late")})


# The equality context -------------------------------------------------------------------

def test_the_equality_context_is_recorded_and_shown(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:rapid-edit", cast), {
        "facts": "Facts", "equality_racism": "The family's first language was not English",
        "equality_disability": "The parent's learning disability was not assessed",
        "equality_other": "Poverty: the family had moved three times"})
    assert response.status_code == 302
    cast.review1.refresh_from_db()
    assert cast.review1.equality_disability == "The parent's learning disability was not assessed"
    shown = page(client_for(cast.scrutineer), cast)
    for text in ("The family&#x27;s first language was not English",
                 "The parent&#x27;s learning disability was not assessed",
                 "Poverty: the family had moved three times"):
        assert text in shown


# Parallel processes ----------------------------------------------------------------------

def test_parallel_processes_are_added_concluded_and_shown(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(url("reviews:rapid-process-add", cast), {"kind": "other"})
    assert "Say what the other process is" in response.content.decode()
    assert not ParallelProcess.objects.exists()
    response = client.post(url("reviews:rapid-process-add", cast), {
        "kind": "police_investigation", "description": "Investigation by the major crime team",
        "effect_on_timing": "Practitioners are interviewed after the charging decision",
        **date("expected_end_on", D(2026, 6, 30))})
    assert response.status_code == 302
    process = ParallelProcess.objects.get()
    shown = page(client_for(cast.chair), cast)
    assert "Police investigation" in shown and "Expected 30 Jun 2026" in shown
    assert "Practitioners are interviewed after the charging decision" in shown
    edit = url("reviews:rapid-process-edit", cast, process_pk=process.pk)
    response = client.post(edit, {"kind": "police_investigation",
                                  **date("concluded_on", D(2099, 1, 1))})
    assert "The date it concluded must be today or in the past" in response.content.decode()
    response = client.post(edit, {"kind": "police_investigation",
                                  "description": "Investigation by the major crime team",
                                  **date("concluded_on", D(2026, 1, 30))})
    assert response.status_code == 302
    assert "Concluded 30 Jan 2026" in page(client_for(cast.chair), cast)
    # Another review's process is not found through this one.
    assert client.get(url("reviews:rapid-process-edit", cast, process_pk=999999)
                      ).status_code == 404


def test_the_practice_review_shows_its_rapid_reviews_processes(cast, client_for):
    rapid_records.process_add(review=cast.review1, kind="inquest",
                              description="Inquest opened and adjourned",
                              effect_on_timing="The report waits for the inquest")
    rapid.decision_record(review=cast.review1, decision="practice_review", reasons="Met",
                          decided_on=D(2026, 1, 14))
    for partner, user in ((cast.council1, cast.lsp), (cast.police, cast.dsp),
                          (cast.icb1, cast.bu_manager)):
        rapid.sign_off(review=cast.review1, partner=partner, user=user)
    review = practice.practice_review_create(partnership=cast.p1, rapid_review=cast.review1,
                                             title="Child A", decided_on=D(2026, 1, 14))
    shown = client_for(cast.chair).get(reverse("reviews:practice-review-detail", kwargs={
        "slug": cast.p1.slug, "pk": review.pk})).content.decode()
    assert "Inquest opened and adjourned" in shown
    assert "The report waits for the inquest" in shown


# Files on an agency's summary --------------------------------------------------------------

def attach_url(cast, summary, name="reviews:summary-attachment-add", **more):
    return url(name, cast, summary_pk=summary.pk, **more)


def upload(client, cast, summary, name="chronology.pdf", content=PDF, title="Chronology"):
    return client.post(attach_url(cast, summary), {
        "title": title, "file": SimpleUploadedFile(name, content, "application/pdf")})


def test_the_agency_lead_attaches_a_chronology_the_readers_download(cast, client_for):
    lead = client_for(cast.lead_a)
    response = upload(lead, cast, cast.summary_a)
    assert response.status_code == 302
    attachment = SummaryAttachment.objects.get()
    assert (attachment.title, attachment.filename, attachment.size, attachment.uploaded_by) == (
        "Chronology", "chronology.pdf", len(PDF), cast.lead_a)
    summary_page = lead.get(url("reviews:summary-edit", cast, summary_pk=cast.summary_a.pk))
    assert "Chronology" in summary_page.content.decode()
    download = attach_url(cast, cast.summary_a, "reviews:summary-attachment",
                          attachment_pk=attachment.pk)
    for who in ("lead_a", "bu_manager"):
        response = client_for(cast.users[who]).get(download)
        assert response.status_code == 200, who
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
    assert AccessEvent.objects.filter(action="download", user=cast.lead_a).exists()
    # The summary is a draft: the partners, the other agency's lead and P2 do not see it.
    for who in ("chair", "lead_police", "bu_p2", "outsider"):
        assert client_for(cast.users[who]).get(download).status_code == 404, who
    # Once submitted, the review's readers see the summary and its files; the file is fixed.
    rapid.summary_save(summary=cast.summary_a, user=cast.lead_a, involvement="Seen twice",
                       analysis="Letters only", version=1, submit=True)
    assert client_for(cast.chair).get(download).status_code == 200
    assert client_for(cast.lead_police).get(download).status_code == 404
    response = upload(lead, cast, cast.summary_a, title="Late file")
    assert "The summary has been submitted" in response.content.decode()
    assert SummaryAttachment.objects.count() == 1


def test_only_the_agency_lead_attaches_and_only_real_documents(cast, client_for):
    assert upload(client_for(cast.bu_manager), cast, cast.summary_a).status_code == 403
    assert upload(client_for(cast.lead_police), cast, cast.summary_a).status_code == 404
    response = upload(client_for(cast.lead_a), cast, cast.summary_a, name="notes.pdf",
                      content=b"MZ\x90\x00 not a document")
    assert response.status_code == 200
    assert "its content does not match its name" in response.content.decode()
    assert not SummaryAttachment.objects.exists()


def test_the_lead_removes_a_file_before_submitting(cast, client_for):
    attachment = rapid_records.attachment_add(summary=cast.summary_a, title="Draft chronology",
                                              checked=pdf("draft.pdf"), user=cast.lead_a)
    remove = attach_url(cast, cast.summary_a, "reviews:summary-attachment-remove",
                        attachment_pk=attachment.pk)
    assert client_for(cast.bu_manager).post(remove).status_code == 403
    assert client_for(cast.lead_a).post(remove).status_code == 302
    assert not SummaryAttachment.objects.exists()
