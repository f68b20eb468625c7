"""Recommendations of rapid and practice reviews (issue 5, item 5): each becomes actions on
the partnership's action register, with evidence of completion there and of impact on the
recommendation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action
from governance.services import actions as action_services
from reviews.models import Recommendation
from reviews.services import recommendations as services

from .matrix_practice import practice

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def text(response):
    return response.content.decode()


def test_recommendations_are_added_to_practice_and_rapid_reviews(cast, client_for):
    c = practice(cast)
    client = client_for(cast.bu_officer)
    create = url("reviews:recommendation-create", cast)
    response = client.post(f"{create}?practice={c.practice1.pk}", {
        "text": "Partners agree an escalation protocol", "themes": [c.theme1.pk]})
    assert response.status_code == 302
    made = Recommendation.objects.get(text="Partners agree an escalation protocol")
    assert response["Location"] == url("reviews:recommendation-detail", cast, pk=made.pk)
    assert (made.practice_review, made.number, made.status) == (c.practice1, 2, "proposed")
    assert list(made.themes.all()) == [c.theme1]

    response = client.post(f"{create}?rapid={cast.review1.pk}", {"text": "Share chronologies"})
    made = Recommendation.objects.get(text="Share chronologies")
    assert made.rapid_review == cast.review1 and made.partnership == cast.p1
    assert made.number == 2  # after c.rec_rapid
    page = text(client.get(url("reviews:recommendation-detail", cast, pk=made.pk)))
    assert reverse("reviews:rapid-detail", args=[cast.p1.slug, cast.review1.pk]) in page


def test_a_review_of_another_partnership_is_not_found(cast, client_for):
    c = practice(cast)
    client = client_for(cast.bu_manager)
    create = url("reviews:recommendation-create", cast)
    for query in (f"?practice={c.practice_p2.pk}", "?practice=999999", "", "?rapid=x"):
        assert client.post(create + query, {"text": "Planted"}).status_code == 404, query
    assert not Recommendation.objects.filter(text="Planted").exists()


def test_an_action_goes_on_the_register_and_its_agency_lead_sees_it(cast, client_for):
    c = practice(cast)
    rec = services.recommendation_create(review=c.practice1, text="Audit supervision")
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:recommendation-action-add", cast, pk=rec.pk), {
        "description": "Audit supervision records of health visitors",
        "owner_agency": cast.police.pk, "owner": cast.lead_police.pk,
        **date("due_on", D(2030, 3, 31))})
    assert response.status_code == 302
    action = Action.objects.get(description="Audit supervision records of health visitors")
    assert action.source == "review" and action.partnership == cast.p1
    assert action.source_label == "Child Q: recommendation 2"
    assert (action.owner_agency, action.owner, action.due_on) == (
        cast.police, cast.lead_police, D(2030, 3, 31))
    assert list(rec.actions.all()) == [action]
    rec.refresh_from_db()
    assert rec.status == "accepted"  # an action means the recommendation was accepted

    # The owner agency's lead sees it on the register and records progress there...
    lead = client_for(cast.lead_police)
    register = text(lead.get(url("governance:action-list", cast) + "?source=review"))
    assert action.code in register and "Child Q: recommendation 2" in register
    assert lead.get(url("governance:action-detail", cast, pk=action.pk)).status_code == 200
    response = lead.post(url("governance:action-progress", cast, pk=action.pk), {
        "status": "completed", "evidence": "Audit report to the subgroup, 3 March"})
    assert response.status_code == 302
    # ... but not the recommendation, which is the partnership's.
    assert lead.get(url("reviews:recommendation-detail", cast, pk=rec.pk)).status_code == 404
    # Another agency's lead does not see the action.
    assert client_for(cast.lead_a).get(url("governance:action-detail", cast, pk=action.pk)).status_code == 404

    page = text(client.get(url("reviews:recommendation-detail", cast, pk=rec.pk)))
    assert action.code in page and "Complete</strong>" in page


def test_an_action_owner_agency_must_be_in_the_partnership(cast, client_for):
    c = practice(cast)
    response = client_for(cast.bu_manager).post(
        url("reviews:recommendation-action-add", cast, pk=c.rec1.pk),
        {"description": "Planted", "owner_agency": cast.agency_x.pk,
         **date("due_on", D(2030, 3, 31))})
    assert response.status_code == 200
    assert "Choose one of the partnership&#x27;s agencies" in text(response)
    assert not Action.objects.filter(description="Planted").exists()


def test_rejecting_without_a_response_is_refused(cast, client_for):
    c = practice(cast)
    rec = services.recommendation_create(review=c.practice1, text="Create a new board")
    client = client_for(cast.bu_manager)
    edit = url("reviews:recommendation-edit", cast, pk=rec.pk)
    response = client.post(edit, {"text": rec.text, "status": "rejected", "response": " "})
    assert response.status_code == 200
    assert "Enter why the recommendation was not accepted" in text(response)
    rec.refresh_from_db()
    assert rec.status == "proposed"

    response = client.post(edit, {"text": rec.text, "status": "rejected",
                                  "response": "The executive already covers this"})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "rejected" and rec.response == "The executive already covers this"
    # A rejected recommendation gets no actions.
    response = client.post(url("reviews:recommendation-action-add", cast, pk=rec.pk), {
        "description": "Anything", "owner_agency": cast.police.pk,
        **date("due_on", D(2030, 3, 31))})
    assert "The recommendation was not accepted: it has no actions" in text(response)
    assert not rec.actions.exists()


def test_evidence_of_impact_and_rag_show_on_the_review(cast, client_for):
    c = practice(cast)
    overdue = services.action_add(recommendation=c.rec1, description="Refresh the procedure",
                                  owner_agency=cast.police, due_on=D(2025, 1, 31),
                                  created_by=cast.bu_manager)
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:recommendation-edit", cast, pk=c.rec1.pk), {
        "text": c.rec1.text, "status": "accepted",
        "impact": "Referrals with a chronology rose from 40% to 85%",
        "themes": [c.theme1.pk]})
    assert response.status_code == 302
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=c.practice1.pk)))
    assert "Referrals with a chronology rose from 40% to 85%" in page
    assert overdue.code in page and "govuk-tag--red\">Overdue" in page
    assert "govuk-tag--green\">On track" in page  # the training action due in 2030
    listing = text(client.get(url("reviews:recommendation-list", cast)))
    assert overdue.code in listing and "Overdue" in listing


def test_the_list_filters_by_theme_and_status(cast, client_for):
    c = practice(cast)
    services.recommendation_create(review=c.practice1, text="Untagged recommendation")
    client = client_for(cast.chair)
    listing = url("reviews:recommendation-list", cast)
    page = text(client.get(listing))
    assert "Untagged recommendation" in page and "train staff" in page
    assert "share records" in page  # from the rapid review
    assert "CNRY-CASE-P2" not in page
    page = text(client.get(f"{listing}?theme={c.theme1.pk}"))
    assert "train staff" in page and "Untagged recommendation" not in page
    page = text(client.get(f"{listing}?status=accepted"))
    assert "train staff" in page and "Untagged recommendation" not in page
    page = text(client.get(f"{listing}?theme={c.theme_p2.pk}&status=bogus"))
    assert "Untagged recommendation" not in page  # a filter that is not a choice is refused
    assert "Choose a learning theme from the list" in page
    assert "Choose a status from the list" in page


def test_list_queries_do_not_grow_with_recommendations(cast, client_for):
    c = practice(cast)
    client = client_for(cast.bu_manager)
    listing = url("reviews:recommendation-list", cast)
    client.get(listing)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(listing).status_code == 200
        return len(queries)

    few = count()
    for i in range(12):
        rec = services.recommendation_create(review=c.practice1, text=f"Recommendation {i}",
                                             themes=[c.theme1])
        services.action_add(recommendation=rec, description=f"Action {i}",
                            owner_agency=cast.agency_a, due_on=D(2030, 1, 1),
                            created_by=cast.bu_manager)
    assert count() == few


def test_action_progress_does_not_change_the_recommendation_until_recorded(cast):
    c = practice(cast)
    action = c.rec1.actions.get()
    action_services.progress_record(action=action, author=cast.lead_a, status="completed",
                                    evidence="Training delivered to 120 staff")
    c.rec1.refresh_from_db()
    assert c.rec1.status == "accepted"
    services.recommendation_update(recommendation=c.rec1, status="complete",
                                   impact="Audit shows curiosity in 9 of 10 cases")
    c.rec1.refresh_from_db()
    assert c.rec1.status == "complete"
