"""Section 11 moderation and challenge events: each partnership moderates a shared return
independently; drafts are never moderated; agency staff read their return's feedback;
challenge events with the agencies invited and follow-up actions on the action register
(source "section_11"), seen by agency staff only when their agency was invited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import ChallengeEvent, Moderation
from agencies.services import challenge, returns
from governance.models import Action, ActionSource

pytestmark = pytest.mark.django_db


def moderate_url(partnership, assessment, name="s11:moderate"):
    return reverse(name, kwargs={"slug": partnership.slug, "pk": assessment.pk})


def rating(cast, value, feedback="", standard=None):
    standard = standard or cast.s11_standard1
    return {f"rating-{standard.pk}": str(value), f"feedback-{standard.pk}": feedback}


# Moderation ------------------------------------------------------------------------------


def test_moderation_page_shows_the_agencys_answer_beside_the_form(cast, client_for):
    response = client_for(cast.bu_manager).get(moderate_url(cast.p1, cast.return_police))
    html = response.content.decode()
    assert response.status_code == 200
    assert "CNRY-RETURN-POLICE 1" in html and "Policy" in html  # narrative and evidence
    assert "Green: fully met" in html
    assert f'name="rating-{cast.s11_standard1.pk}"' in html
    for _, label in cast.s11_template.options:
        assert label in html
    assert f'name="feedback-{cast.s11_standard1.pk}"' in html


def test_each_partnership_moderates_a_shared_return_independently(cast, client_for):
    p1 = client_for(cast.bu_manager).post(moderate_url(cast.p1, cast.return_police),
                                          rating(cast, 1, "P1-ONLY-FEEDBACK"))
    assert p1.status_code == 302
    assert p1["Location"] == moderate_url(cast.p1, cast.return_police, "s11:feedback")
    p2 = client_for(cast.bu_p2).post(moderate_url(cast.p2, cast.return_police),
                                     rating(cast, 3, "P2-ONLY-FEEDBACK"))
    assert p2.status_code == 302
    rows = {m.partnership_id: m for m in Moderation.objects.filter(assessment=cast.return_police)}
    assert rows[cast.p1.pk].rating == 1 and rows[cast.p1.pk].moderator == cast.bu_manager
    assert rows[cast.p2.pk].rating == 3 and rows[cast.p2.pk].moderator == cast.bu_p2
    for who in ("bu_manager", "lsp", "lead_police"):
        html = client_for(cast.users[who]).get(
            moderate_url(cast.p1, cast.return_police, "s11:feedback")).content.decode()
        assert "P1-ONLY-FEEDBACK" in html and "P2-ONLY-FEEDBACK" not in html, who
        assert "Red: not met" in html, who
    for who in ("bu_p2", "lead_police"):
        html = client_for(cast.users[who]).get(
            moderate_url(cast.p2, cast.return_police, "s11:feedback")).content.decode()
        assert "P2-ONLY-FEEDBACK" in html and "P1-ONLY-FEEDBACK" not in html, who
    # Each business unit's form starts from its own moderation.
    form = client_for(cast.bu_p2).get(moderate_url(cast.p2, cast.return_police)).content.decode()
    assert "P2-ONLY-FEEDBACK" in form and "P1-ONLY-FEEDBACK" not in form
    assert 'value="3" checked' in form and 'value="1" checked' not in form


def test_moderation_is_refused_on_drafts(cast, client_for):
    client = client_for(cast.bu_manager)
    assert client.get(moderate_url(cast.p1, cast.return_a)).status_code == 403
    response = client.post(moderate_url(cast.p1, cast.return_a), rating(cast, 2))
    assert response.status_code == 403
    assert b"draft" in response.content
    assert not Moderation.objects.exists()
    # A return sent back for amendment is not moderated either.
    returns.send_back(assessment=cast.return_police, user=cast.bu_manager,
                      reason="Add the training figures")
    assert client.post(moderate_url(cast.p1, cast.return_police),
                       rating(cast, 2)).status_code == 403
    assert not Moderation.objects.exists()


def test_signed_off_returns_are_moderated(cast, client_for):
    returns.sign_off(assessment=cast.return_police, user=cast.lead_police)
    response = client_for(cast.bu_officer).post(moderate_url(cast.p1, cast.return_police),
                                                rating(cast, 2, "Good"))
    assert response.status_code == 302
    assert Moderation.objects.get().feedback == "Good"


@pytest.mark.parametrize("data, message", [
    ({}, "Choose a moderated rating for at least one standard"),
    ({"rating": "", "feedback": "Where is the policy?"},
     "Choose a moderated rating for standard 1 to go with your feedback"),
    ({"rating": "7", "feedback": ""}, "Choose one of the ratings for standard 1"),
    ({"rating": "2", "feedback": "x" * 5001},
     "Feedback on standard 1 must be 5000 characters or fewer"),
])
def test_moderation_errors_are_specific_and_save_nothing(cast, client_for, data, message):
    pk = cast.s11_standard1.pk
    post = {f"{name}-{pk}": value for name, value in data.items()}
    response = client_for(cast.bu_manager).post(moderate_url(cast.p1, cast.return_police), post)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert not Moderation.objects.exists()


def test_an_invalid_standard_saves_no_other(cast, client_for):
    standards = list(cast.s11_template.standards.all())
    post = {**rating(cast, 2, "Fine", standards[0]), **rating(cast, 9, "", standards[1])}
    response = client_for(cast.bu_manager).post(moderate_url(cast.p1, cast.return_police), post)
    assert response.status_code == 200
    assert not Moderation.objects.exists()


def test_saving_the_same_moderation_again_changes_nothing(cast, client_for):
    client = client_for(cast.bu_manager)
    url = moderate_url(cast.p1, cast.return_police)
    client.post(url, rating(cast, 2, "Same"))
    first = Moderation.objects.get()
    response = client_for(cast.bu_officer).post(url, rating(cast, 2, "Same"), follow=True)
    assert "Nothing had changed" in response.content.decode()
    again = Moderation.objects.get()
    assert again.moderator == cast.bu_manager and again.at == first.at


def test_agency_staff_read_their_feedback_read_only(cast, client_for):
    returns.moderate(assessment=cast.return_police, partnership=cast.p1,
                     standard=cast.s11_standard1, rating=2, feedback="Show the training data",
                     user=cast.bu_manager)
    client = client_for(cast.lead_police)
    url = moderate_url(cast.p1, cast.return_police, "s11:feedback")
    html = client.get(url).content.decode()
    assert "Show the training data" in html and "Amber: partly met" in html
    assert "Change the moderation" not in html and "Moderate this return" not in html
    assert 'name="rating-' not in html and 'name="feedback-' not in html
    assert moderate_url(cast.p1, cast.return_police) not in html
    assert client.post(url, {}).status_code == 405
    assert client.get(moderate_url(cast.p1, cast.return_police)).status_code == 403
    # Another agency's feedback is not theirs to see.
    assert client_for(cast.lead_a).get(url).status_code == 404


# Challenge events ------------------------------------------------------------------------


def event(cast, agencies, title="Challenge day", cycle=None):
    return challenge.event_create(cycle=cycle or cast.cycle1, title=title,
                                  held_on=datetime.date(2025, 11, 3), agencies=agencies,
                                  outcome="Escalation policy not widely known")


def test_business_unit_records_an_event_and_follow_up_actions(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(reverse("s11:challenge-create", args=[cast.p1.slug]), {
        "cycle": cast.cycle1.pk, "title": "Section 11 challenge day", "held_on_0": "3",
        "held_on_1": "11", "held_on_2": "2025", "agencies": [cast.agency_a.pk, cast.police.pk],
        "outcome": "Good practice on training"})
    created = ChallengeEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("s11:challenge", args=[cast.p1.slug, created.pk])
    assert set(created.agencies.all()) == {cast.agency_a, cast.police}
    assert created.held_on == datetime.date(2025, 11, 3)
    response = client.post(reverse("s11:challenge-action-add", args=[cast.p1.slug, created.pk]), {
        "description": "Brief all staff on the escalation policy",
        "owner_agency": cast.agency_a.pk, "due_on_0": "1", "due_on_1": "6", "due_on_2": "2030"})
    assert response.status_code == 302
    action = Action.objects.get(description="Brief all staff on the escalation policy")
    assert action.source == ActionSource.SECTION_11 == "section_11"
    assert action.partnership == cast.p1 and action.owner_agency == cast.agency_a
    assert action.source_label == "Section 11 challenge day (P1 Section 11 2025)"
    assert list(created.actions.all()) == [action]
    detail = client.get(reverse("s11:challenge", args=[cast.p1.slug, created.pk])).content.decode()
    assert "Brief all staff on the escalation policy" in detail
    assert "govuk-tag--green" in detail  # RAG: due in June 2030
    register = client.get(reverse("governance:action-list", args=[cast.p1.slug]) + "?source=section_11")
    assert "Brief all staff on the escalation policy" in register.content.decode()
    response = client.post(reverse("s11:challenge-edit", args=[cast.p1.slug, created.pk]), {
        "title": "Section 11 challenge day", "held_on_0": "4", "held_on_1": "11",
        "held_on_2": "2025", "outcome": "Updated outcome"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.outcome == "Updated outcome" and created.held_on == datetime.date(2025, 11, 4)


def test_event_form_errors(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(reverse("s11:challenge-create", args=[cast.p1.slug]), {
        "cycle": cast.cycle2.pk, "title": "", "agencies": [cast.agency_x.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Choose one of the partnership&#x27;s cycles", "Enter the event&#x27;s title",
                    "Enter the date of the event", "Choose agencies of this partnership"):
        assert message in html
    assert not ChallengeEvent.objects.exists()
    created = event(cast, [cast.agency_a])
    response = client.post(reverse("s11:challenge-action-add", args=[cast.p1.slug, created.pk]),
                           {"description": "x", "owner_agency": cast.agency_x.pk})
    html = response.content.decode()
    assert "Choose one of the partnership&#x27;s agencies" in html and "Enter the due date" in html
    assert not created.actions.exists()


def test_agency_staff_see_only_events_their_agency_was_invited_to(cast, client_for):
    event_a = event(cast, [cast.agency_a], "Event for A")
    event_police = event(cast, [cast.police], "Event for the police")
    lead_a = client_for(cast.lead_a)
    listing = lead_a.get(reverse("s11:challenge-list", args=[cast.p1.slug])).content.decode()
    assert "Event for A" in listing and "Event for the police" not in listing
    assert "Record a challenge event" not in listing
    assert lead_a.get(reverse("s11:challenge", args=[cast.p1.slug, event_a.pk])).status_code == 200
    assert lead_a.get(reverse("s11:challenge",
                              args=[cast.p1.slug, event_police.pk])).status_code == 404
    listing = client_for(cast.scrutineer).get(
        reverse("s11:challenge-list", args=[cast.p1.slug])).content.decode()
    assert "Event for A" in listing and "Event for the police" in listing


def test_agency_staff_see_only_their_own_follow_up_actions(cast, client_for):
    shared = event(cast, [cast.agency_a, cast.police])
    for agency, text in ((cast.agency_a, "Action for A"), (cast.police, "Action for the police")):
        challenge.follow_up_add(event=shared, description=text, owner_agency=agency,
                                due_on=datetime.date(2026, 6, 1), created_by=cast.bu_manager)
    url = reverse("s11:challenge", args=[cast.p1.slug, shared.pk])
    lead_a = client_for(cast.lead_a).get(url).content.decode()
    assert "Action for A" in lead_a and "Action for the police" not in lead_a
    police = client_for(cast.lead_police).get(url).content.decode()
    assert "Action for the police" in police and "Action for A" not in police
    chair = client_for(cast.chair).get(url).content.decode()
    assert "Action for A" in chair and "Action for the police" in chair


def test_challenge_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("s11:challenge-list", args=[cast.p1.slug])
    event(cast, [cast.agency_a])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        event(cast, [cast.agency_a, cast.police], f"Event {i}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(few) == len(many)
    assert "Event 9" in html


def test_challenge_detail_queries_do_not_grow(cast, client_for):
    shared = event(cast, [cast.agency_a, cast.police])
    client = client_for(cast.lsp)
    url = reverse("s11:challenge", args=[cast.p1.slug, shared.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        challenge.follow_up_add(event=shared, description=f"Follow-up {i}", owner_agency=cast.police,
                                due_on=datetime.date(2026, 6, 1), created_by=cast.bu_manager)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(few) == len(many)
    assert "Follow-up 7" in html
