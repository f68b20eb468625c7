"""The notification laid out like the DfE's serious incident notification form, to copy
from: the incident's answers, then each child's, in the form's order and wording, as a
print-friendly page and as plain text; only for those who may see the characteristics, and
every view logged."""

import datetime
import html

import pytest
from django.urls import reverse

from partnership.models import AccessEvent
from reviews.services import notifications

from .test_notification_children import CARE_LEAVER, CHILD

pytestmark = pytest.mark.django_db

QUESTIONS = ["Pseudonym", "Age", "Sex", "Ethnicity", "Disability", "Legal status",
             "Placement or where the child was living", "Known to agencies",
             "Abuse or neglect known or suspected", "Home local authority"]


@pytest.fixture
def twins(cast):
    case = notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym="Child T",
        incident_type="serious_harm", la_aware_on=datetime.date(2026, 3, 2),
        incident_on=datetime.date(2026, 3, 1), summary="Both twins were found injured.",
        children=[{**CHILD, "pseudonym": "Child T1", "ethnicity": "mixed"},
                  {**CHILD, "pseudonym": "Child T2", "sex": "female",
                   "legal_status": "child_protection_plan", "home_local_authority": "Southshire"}])
    return case


def page(client, cast, case, name="reviews:dfe-form"):
    return client.get(reverse(name, args=[cast.p1.slug, case.pk]))


def positions(text, words):
    found = [text.find(word) for word in words]
    assert -1 not in found, [w for w, at in zip(words, found, strict=True) if at == -1]
    return found


def test_the_page_follows_the_forms_order(cast, client_for, twins):
    response = page(client_for(cast.bu_manager), cast, twins)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    incident = ["About the incident", "Type of incident", "Serious harm", "Date of the incident",
                "1 March 2026", "Date the local authority became aware", "2 March 2026",
                "Number of children", "What happened", "Both twins were found injured."]
    assert positions(text, incident) == sorted(positions(text, incident))
    first, second = text.index("About child 1 of 2"), text.index("About child 2 of 2")
    assert text.index("What happened") < first < second
    for start, end, answers in ((first, second, ["Child T1", "Mixed or multiple ethnic groups",
                                                 "None of these", "Northshire"]),
                                (second, len(text), ["Child T2", "Female",
                                                     "Child protection plan", "Southshire"])):
        block = text[start:end]
        assert positions(block, QUESTIONS) == sorted(positions(block, QUESTIONS))
        assert positions(block, answers) == sorted(positions(block, answers))
    assert text.count("<h1") == 1
    assert "govuk-!-display-none-print" in text  # the links stay off the printed copy


def test_the_plain_text_copy(cast, client_for, twins):
    response = page(client_for(cast.bu_officer), cast, twins, "reviews:dfe-form-text")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'{twins.reference}-dfe-form.txt' in response["Content-Disposition"]
    text = response.content.decode()
    assert "What happened: Both twins were found injured." in text
    assert "ABOUT CHILD 2 OF 2\nPseudonym: Child T2\nAge: Under 1\nSex: Female\n" in text
    assert "&amp;" not in text and "<" not in text


def test_a_care_leavers_death_on_the_form(cast, client_for):
    case = notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym="Young person G",
        incident_type="care_leaver_death", la_aware_on=datetime.date(2026, 3, 2),
        children=[CARE_LEAVER])
    text = html.unescape(page(client_for(cast.bu_manager), cast, case).content.decode())
    assert "Death of a care leaver (up to and including 24)" in text
    assert "18 to 24 (care leaver)" in text and "Care leaver" in text
    assert "Date of the incident</dt><dd class=\"govuk-summary-list__value\">Not known" in text


def test_only_those_who_see_the_characteristics_and_every_view_logged(cast, client_for,
                                                                     twins):
    for who in ("lsp", "dsp", "chair", "scrutineer"):
        for name in ("reviews:dfe-form", "reviews:dfe-form-text"):
            assert page(client_for(cast.users[who]), cast, twins, name).status_code == 403
    for who in ("lead_a", "lead_police", "lead_x", "bu_p2"):  # twins: no summary asked
        assert page(client_for(cast.users[who]), cast, twins).status_code == 404
    assert not AccessEvent.objects.exists()
    client = client_for(cast.bu_manager)
    page(client, cast, twins)
    page(client, cast, twins, "reviews:dfe-form-text")
    events = list(AccessEvent.objects.order_by("pk"))
    assert len(events) == 4  # each child, each view
    assert {e.object_repr for e in events} == {f"{twins.reference}: Child T1",
                                               f"{twins.reference}: Child T2"}
    assert all(e.user == cast.bu_manager and e.partnership == cast.p1 for e in events)
