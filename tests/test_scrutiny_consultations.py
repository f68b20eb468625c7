"""Consultations with the relevant agencies: creating and sending one (by designation, by
sector or by hand), each agency's one response (validation, the version check, submitting,
closing), the summary for readers and for the yearly report, access and query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.services import structure
from scrutiny.models import Consultation, ConsultationResponse, QuestionKind, ResponseStatus
from scrutiny.selectors.dataset import consultation_summary
from scrutiny.services import consultations as services

from .test_queries import count_queries

YEAR = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))


def new_consultation(c, **fields):
    data = {"title": "Spring consultation", "period_start": datetime.date(2025, 10, 1),
            "period_end": datetime.date(2026, 3, 31), "closes_on": datetime.date(2030, 3, 31),
            **fields}
    return services.consultation_create(partnership=c.p1, created_by=c.bu_manager, **data)


def answer(c, response, user, text="Fine", scale=3, submit=True):
    response.refresh_from_db()
    return services.response_save(response=response, user=user, version=response.version,
                                  submit=submit, answers={c.question_text.pk: text,
                                                          c.question_scale.pk: scale})


@pytest.mark.django_db
def test_creating_checks_the_title_and_period(cast):
    with pytest.raises(ValidationError) as error:
        new_consultation(cast, period_end=datetime.date(2025, 9, 1))
    assert error.value.message_dict == {"period_end": ["The period must end after it starts"]}
    with pytest.raises(ValidationError, match="Enter a title"):
        new_consultation(cast, title="  ")


@pytest.mark.django_db
def test_sending_by_designation_sector_or_by_hand(cast):
    consultation = new_consultation(cast)
    with pytest.raises(ValidationError, match="Add at least one question"):
        services.consultation_send(consultation=consultation, kinds=["police"])
    services.question_add(consultation=consultation, text="Q?", kind=QuestionKind.SCALE)
    with pytest.raises(ValidationError, match="Choose who the consultation goes to"):
        services.consultation_send(consultation=consultation)
    with pytest.raises(ValidationError, match="agencies of this partnership"):
        services.consultation_send(consultation=consultation, agencies=[cast.agency_x])
    sent = services.consultation_send(consultation=consultation, kinds=["police"],
                                      sectors=["education"], agencies=[cast.icb1])
    assert sent == 3
    assert set(consultation.responses.values_list("agency_id", flat=True)) == {
        cast.police.pk, cast.agency_a.pk, cast.icb1.pk}
    with pytest.raises(ValidationError, match="already been sent"):
        services.consultation_send(consultation=consultation, kinds=["police"])
    with pytest.raises(ValidationError, match="can no longer change"):
        services.question_add(consultation=consultation, text="Late?", kind=QuestionKind.TEXT)


@pytest.mark.django_db
def test_a_response_is_checked_and_submitted_once(cast):
    response = cast.response_police
    with pytest.raises(ValidationError, match="choose from 1 to 5"):
        answer(cast, response, cast.lead_police, scale=9)
    with pytest.raises(ValidationError, match="Question 2: answer it before you submit"):
        answer(cast, response, cast.lead_police, scale=None)
    draft = answer(cast, response, cast.lead_police, scale=None, submit=False)
    assert draft.status == ResponseStatus.DRAFT
    with pytest.raises(ValidationError, match="Someone else saved this response"):
        services.response_save(response=response, user=cast.lead_police, version=0,
                               answers={cast.question_scale.pk: 2})
    done = answer(cast, response, cast.lead_police, scale=2)
    assert done.status == ResponseStatus.SUBMITTED and done.submitted_by == cast.lead_police
    with pytest.raises(ValidationError, match="can no longer change"):
        answer(cast, response, cast.lead_police)


@pytest.mark.django_db
def test_a_closed_consultation_takes_no_more_answers(cast):
    Consultation.objects.filter(pk=cast.consultation1.pk).update(
        closes_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="has closed"):
        answer(cast, cast.response_police, cast.lead_police)


@pytest.mark.django_db
def test_the_summary_counts_submitted_responses(cast, client_for):
    answer(cast, cast.response_police, cast.lead_police, text="", scale=2, submit=False)
    [summary] = consultation_summary(cast.p1, *YEAR)
    assert (summary["sent_to"], summary["responded"], summary["response_rate"]) == (2, 1, 50)
    text, scale = summary["questions"]
    assert text["answers"] == [{"agency": "Agency A Academy", "text": "CNRY-CONSULT-A"}]
    assert scale["average"] == 4.0 and scale["scale_answers"] == 1
    answer(cast, cast.response_police, cast.lead_police, text="Clear", scale=2)
    [summary] = consultation_summary(cast.p1, *YEAR)
    assert summary["response_rate"] == 100 and summary["questions"][1]["average"] == 3.0
    page = client_for(cast.scrutineer).get(
        reverse("scrutiny:consultation-summary", args=["p1", cast.consultation1.pk]))
    assert "2 of 2 agencies responded (100%)" in page.content.decode()
    assert consultation_summary(cast.p1, datetime.date(2024, 4, 1),
                                datetime.date(2025, 3, 31)) == []


@pytest.mark.django_db
def test_the_summary_runs_a_fixed_number_of_queries(cast, client_for):
    def more(n):
        start = cast.p1.designations.count()
        for i in range(start, start + n):
            agency = structure.agency_create(name=f"Charity {i:03d}", sector="voluntary")
            structure.designation_create(partnership=cast.p1, agency=agency,
                                         kind="relevant_agency")
            response = ConsultationResponse.objects.create(consultation=cast.consultation1,
                                                           agency=agency)
            answer(cast, response, cast.bu_manager, text=f"Answer {i}", scale=i % 5 + 1)

    more(2)
    with CaptureQueriesContext(connection) as few:
        consultation_summary(cast.p1, *YEAR)
    client = client_for(cast.scrutineer)
    url = reverse("scrutiny:consultation-summary", args=["p1", cast.consultation1.pk])
    client.get(url)
    page_few, _ = count_queries(client, url)
    list_url = reverse("scrutiny:consultation-detail", args=["p1", cast.consultation1.pk])
    detail_few, _ = count_queries(client, list_url)
    more(20)
    with CaptureQueriesContext(connection) as many:
        consultation_summary(cast.p1, *YEAR)
    assert len(few) == len(many) <= 4
    page_many, response = count_queries(client, url)
    assert page_few == page_many and "Answer 20" in response.content.decode()
    detail_many, _ = count_queries(client, list_url)
    assert detail_few == detail_many


@pytest.mark.django_db
def test_agency_leads_answer_only_for_their_own_agency(cast, client_for):
    lead_police = client_for(cast.lead_police)
    own = reverse("scrutiny:consultation-respond",
                  args=["p1", cast.consultation1.pk, cast.police.pk])
    other = reverse("scrutiny:consultation-respond",
                    args=["p1", cast.consultation1.pk, cast.agency_a.pk])
    assert lead_police.get(other).status_code == 404
    detail = lead_police.get(reverse("scrutiny:consultation-detail",
                                     args=["p1", cast.consultation1.pk])).content.decode()
    assert "Shires Police" in detail and "Agency A Academy" not in detail
    stale = lead_police.post(own, {"version": "5", f"question_{cast.question_scale.pk}": "3"})
    assert "Someone else saved this response" in stale.content.decode()
    done = lead_police.post(own, {"version": "0", f"question_{cast.question_text.pk}": "Good",
                                  f"question_{cast.question_scale.pk}": "5", "action": "submit"})
    assert done.status_code == 302
    cast.response_police.refresh_from_db()
    assert cast.response_police.status == ResponseStatus.SUBMITTED
    assert client_for(cast.chief_a).get(
        reverse("scrutiny:consultation-list", args=["p1"])).status_code == 404
    assert client_for(cast.lead_a).get(reverse(
        "scrutiny:consultation-summary", args=["p1", cast.consultation1.pk])).status_code == 403


@pytest.mark.django_db
def test_unsent_consultations_are_for_readers_only(cast, client_for):
    consultation = new_consultation(cast)
    url = reverse("scrutiny:consultation-detail", args=["p1", consultation.pk])
    assert client_for(cast.lead_police).get(url).status_code == 404
    assert client_for(cast.chair).get(url).status_code == 200


@pytest.mark.django_db
def test_home_asks_the_lead_to_answer(cast, client_for):
    title = "Answer the consultation ‘Relevant agencies consultation’ for Shires Police"
    assert title in client_for(cast.lead_police).get(reverse("home")).content.decode()
    assert "Answer the consultation" not in client_for(cast.lead_a).get(
        reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_business_unit_creates_and_sends_through_the_pages(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(reverse("scrutiny:consultation-create", args=["p1"]), {
        "title": "Autumn", "period_start_0": "1", "period_start_1": "4", "period_start_2": "2026",
        "period_end_0": "30", "period_end_1": "9", "period_end_2": "2026",
        "closes_on_0": "31", "closes_on_1": "10", "closes_on_2": "2030"})
    assert response.status_code == 302
    consultation = Consultation.objects.get(title="Autumn")
    pk = consultation.pk
    assert client.post(reverse("scrutiny:consultation-question-add", args=["p1", pk]),
                       {"text": "How is it going?", "kind": "scale"}).status_code == 302
    assert client.post(reverse("scrutiny:consultation-send", args=["p1", pk]),
                       {"sectors": ["education"]}).status_code == 302
    assert list(consultation.responses.values_list("agency_id", flat=True)) == [cast.agency_a.pk]


def test_an_answer_not_yet_submitted_is_the_agencys_own(cast, client_for):
    """The draft rule (scrutiny/permissions/dataset.py): partners, the chair and the
    scrutineer open submitted answers only; the agency and the business unit open a draft."""
    services.response_save(response=cast.response_police, user=cast.lead_police, version=0,
                           submit=False, answers={cast.question_text.pk: "Draft words"})

    def opened(who, response):
        return client_for(who).get(reverse("scrutiny:consultation-respond", args=[
            cast.p1.slug, cast.consultation1.pk, response.agency_id]))

    for reader in (cast.scrutineer, cast.lsp, cast.chair):
        assert opened(reader, cast.response_police).status_code == 404
        assert opened(reader, cast.response_a).status_code == 200  # submitted
    for owner in (cast.lead_police, cast.bu_manager):
        page = opened(owner, cast.response_police)
        assert page.status_code == 200 and "Draft words" in page.content.decode()
