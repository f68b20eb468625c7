"""Each person's home page lists what needs doing for their roles."""

import re

import pytest
from django.urls import reverse

from partnership import registry

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_business_unit_sees_gaps_in_the_partnership(cast, client_for):
    body = text(client_for(cast.bu_manager).get(reverse("home")))
    assert "What needs doing" in body
    # Agency A and the police have leads; the council and the ICB have none.
    assert re.search(r"Agencies with no agency lead [^<]*? 2 ", body)
    # Only the council has a lead partner and only the police a delegated one.
    assert re.search(r"Safeguarding partners not recorded Record the lead and delegated "
                     r"safeguarding partner of Northshire Council, Northshire ICB, Shires Police"
                     r"\. 3 ", body)
    assert "People and roles" in body


def test_agency_lead_is_told_when_no_chief_officer_is_recorded(cast, client_for):
    body = text(client_for(cast.lead_police).get(reverse("home")))
    assert re.search(r"<h1[^>]*>\s*Shires Police\s*</h1>", client_for(cast.lead_police)
                     .get(reverse("home")).content.decode())
    assert "No chief officer is recorded for Shires Police" in body
    body_a = text(client_for(cast.lead_a).get(reverse("home")))
    assert "No chief officer" not in body_a  # chief_a holds the role
    assert "Agencies with no agency lead" not in body_a  # business unit only


def test_people_with_no_role_are_told_so(cast, client_for):
    body = text(client_for(cast.outsider).get(reverse("home")))
    assert "You do not hold a role in any partnership yet" in body


def test_apps_add_their_own_items(cast, client_for):
    def provider(user, partnership):
        return [registry.HomeTask(title="Section 11 return due", url="/s11/", count=2,
                                  overdue=True)]

    registry.register_home(provider)
    try:
        body = client_for(cast.lead_a).get(reverse("home")).content.decode()
        assert "Section 11 return due" in body and "govuk-tag--red" in body
    finally:
        registry._home_providers.remove(provider)


def test_the_switcher_lists_only_your_partnerships(cast, client_for):
    body = client_for(cast.lead_police).get(reverse("home")).content.decode()
    options = re.findall(r'<option value="([^"]+)"', body)
    assert options == ["p1", "p2"]
    assert 'id="switch-partnership"' not in client_for(cast.lead_a).get(reverse("home")) \
        .content.decode()
