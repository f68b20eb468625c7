"""Every text a person submits is bounded and clean (issue 13, defects 9 and 18): control
characters are removed from form fields and refused in JSON with the field named; no value
may be longer than INPUT_MAX_CHARS; a refused request changes nothing."""

import json

import pytest
from django.urls import reverse

from governance.models import ActionUpdate
from partnership.input import CONTROL
from partnership.models import Agency

pytestmark = pytest.mark.django_db
HUGE = "x" * (2 * 1024 * 1024)  # a 2 MB description


def agency_api(cast):
    return reverse("api-agency-detail", args=[cast.police.pk])


def test_a_2mb_description_is_refused_through_the_api_naming_the_field(cast, client_for):
    response = client_for(cast.bu_manager).patch(
        agency_api(cast), json.dumps({"description": HUGE}), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"description": [
        "The description is too long: enter at most 50,000 characters"]}
    assert Agency.objects.get(pk=cast.police.pk).description != HUGE


def test_a_2mb_description_is_refused_on_the_page(cast, client_for):
    response = client_for(cast.bu_manager).post(
        reverse("agency-edit", args=[cast.p1.slug, cast.agency_a.pk]),
        {"name": "Agency A Academy", "sector": "education", "description": HUGE})
    assert response.status_code == 400
    assert "The description is too long: enter at most 50,000 characters" in response.content.decode()
    assert Agency.objects.get(pk=cast.agency_a.pk).description != HUGE


def test_a_control_character_in_json_is_refused_naming_the_field(cast, client_for):
    response = client_for(cast.bu_manager).patch(
        agency_api(cast), json.dumps({"name": "Shires\x1b Police"}),
        content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"name": [
        "The name contains a control character: remove it (only tab and new line are allowed)"]}
    assert Agency.objects.get(pk=cast.police.pk).name == "Shires Police"


def test_control_characters_are_removed_from_form_fields_but_not_tabs_or_new_lines(
        cast, client_for):
    url = reverse("governance:action-progress", args=[cast.p1.slug, cast.action_a.pk])
    response = client_for(cast.lead_a).post(url, {
        "status": "in_progress", "note": "Rang\x07 the\x1b board\r\nTabs\tstay"})
    assert response.status_code == 302
    assert ActionUpdate.objects.get(action=cast.action_a).note == "Rang the board\r\nTabs\tstay"


def test_what_counts_as_a_control_character():
    assert [c for c in map(chr, range(128)) if CONTROL.match(c)] == [
        *map(chr, range(0, 9)), "\x0b", "\x0c", *map(chr, range(14, 32)), "\x7f"]


def test_an_api_form_post_too_long_is_refused_in_json(cast, client_for):
    response = client_for(cast.bu_manager).post(reverse("api-token"), {"username": HUGE})
    assert response.status_code == 400
    assert response.json() == {"username": [
        "The username is too long: enter at most 50,000 characters"]}
