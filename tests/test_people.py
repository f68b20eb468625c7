"""The business unit invites people, gives roles and ends them."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partnership import permissions
from partnership.models import AgencyMembership, PartnershipMembership, User

pytestmark = pytest.mark.django_db


def invite(client, cast, **data):
    """Invitations are e-mailed once the transaction commits: run those callbacks."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("people-invite", kwargs={"slug": cast.p1.slug}), data)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_inviting_a_new_agency_lead(cast, client_for, client):
    manager = client_for(cast.bu_manager)
    response = invite(manager, cast, email="New.Lead@Agency-A.example", full_name="Nia Lead",
                      role="agency_lead", agency=cast.agency_a.pk, title="Designated lead")
    assert response.status_code == 302
    user = User.objects.get(email="new.lead@agency-a.example")
    assert not user.has_usable_password()
    assert user.agency_memberships.get().agency == cast.agency_a
    assert [m.to for m in mail.outbox] == [["new.lead@agency-a.example"]]
    message = mail.outbox[0]
    assert "agency lead in Northshire" in message.body
    link = link_in(message)
    # Opening the link (as a mail scanner would) twice spends nothing.
    first = client.get(link)
    assert first.status_code == 302
    assert client.get(first["Location"]).status_code == 200
    response = client.post(first["Location"], {"new_password1": "a long enough passphrase",
                                               "new_password2": "a long enough passphrase"})
    assert response["Location"] == reverse("invitation-complete")
    user.refresh_from_db()
    assert user.check_password("a long enough passphrase")
    assert permissions.agencies_for(user).get() == cast.agency_a
    again = client.get(link, follow=True)
    assert "This invitation link has expired" in again.content.decode()


def test_an_existing_person_gets_the_new_role_and_a_note(cast, client_for):
    manager = client_for(cast.bu_manager)
    response = invite(manager, cast, email=cast.lead_police.email, role="agency_contributor",
                      agency=cast.agency_a.pk)
    assert response.status_code == 302
    assert AgencyMembership.objects.filter(user=cast.lead_police, agency=cast.agency_a).exists()
    assert "You have a new role" in mail.outbox[0].subject
    assert "/accounts/login/" in mail.outbox[0].body


def test_invitation_links_expire(cast, client_for, client, settings):
    invite(client_for(cast.bu_manager), cast, email="late@cast.example", full_name="Late",
           role="business_unit_officer")
    settings.INVITATION_TIMEOUT = -1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert "This invitation link has expired" in response.content.decode()


@pytest.mark.parametrize("data,message", [
    ({"email": "x@cast.example", "role": "agency_lead"},
     "Choose the agency this role is held in"),
    ({"email": "x@cast.example", "role": "delegated_safeguarding_partner", "agency": "AGENCY_A"},
     "Choose the statutory partner this safeguarding partner acts for"),
    ({"email": "x@cast.example", "role": "independent_scrutineer", "agency": "AGENCY_A"},
     "leave it blank for this role"),
    ({"email": "not an address", "role": "business_unit_officer"},
     "Enter an e-mail address in the correct format"),
    ({"email": "x@cast.example", "role": "emperor"}, "Choose one of the roles in the list"),
    ({"email": "x@cast.example", "role": "agency_lead", "agency": "AGENCY_X"},
     "Choose one of the partnership's agencies"),
    ({}, "Enter their e-mail address"),
    ({"email": "x@cast.example", "role": "business_unit_officer", "start_date_0": "31",
      "start_date_1": "2", "start_date_2": "2026"}, "The start date must be a real date"),
    ({"email": "x@cast.example", "role": "business_unit_officer", "start_date_0": "1",
      "start_date_1": "", "start_date_2": "2026"}, "The start date must include a month"),
    ({"email": "x@cast.example", "role": "business_unit_officer", "start_date_0": "2",
      "start_date_1": "1", "start_date_2": "2026", "end_date_0": "1", "end_date_1": "1",
      "end_date_2": "2026"}, "The end date must be the same as or after the start date"),
    ({"email": "lead_a@cast.example", "role": "agency_lead", "agency": "AGENCY_A"},
     "already holds this role"),
])
def test_bad_invitations_say_what_is_wrong_and_change_nothing(cast, client_for, data, message):
    data = {k: {"AGENCY_A": cast.agency_a.pk, "AGENCY_X": cast.agency_x.pk}.get(v, v)
            for k, v in data.items()}
    users, memberships = User.objects.count(), AgencyMembership.objects.count()
    response = invite(client_for(cast.bu_manager), cast, **data)
    assert response.status_code == 200
    body = response.content.decode().replace("&#x27;", "'")
    assert "There is a problem" in body
    assert message in body
    assert (User.objects.count(), AgencyMembership.objects.count()) == (users, memberships)
    assert not mail.outbox


def test_ending_a_role(cast, client_for):
    url = reverse("membership-end-agency", kwargs={"slug": cast.p1.slug,
                                                   "pk": cast.lead_a_membership.pk})
    client = client_for(cast.bu_officer)
    assert "End Lead A's role as agency lead" in client.get(url).content.decode().replace(
        "&#x27;", "'")
    response = client.post(url, {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2021"})
    assert response.status_code == 302
    cast.lead_a_membership.refresh_from_db()
    assert str(cast.lead_a_membership.end_date) == "2021-01-01"
    assert not permissions.agencies_for(cast.lead_a).exists()
    people_page = client.get(reverse("people", kwargs={"slug": cast.p1.slug})).content.decode()
    assert "lead_a@cast.example" not in people_page  # ended roles leave the list


def test_a_role_cannot_end_before_it_started(cast, client_for):
    membership = PartnershipMembership.objects.get(user=cast.dsp)
    url = reverse("membership-end-partnership", kwargs={"slug": cast.p1.slug, "pk": membership.pk})
    response = client_for(cast.bu_manager).post(
        url, {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2019"})
    assert response.status_code == 200
    assert "The last day must be the same as or after the start date" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None


def test_people_page_lists_roles_of_the_partnership_only(cast, client_for):
    body = client_for(cast.bu_manager).get(reverse("people", kwargs={"slug": cast.p1.slug}))
    text = body.content.decode()
    assert "lead_a@cast.example" in text and "dsp@cast.example" in text
    assert "lead_x@cast.example" not in text and "bu_p2@cast.example" not in text


def test_agency_edit_page(cast, client_for):
    url = reverse("agency-edit", kwargs={"slug": cast.p1.slug, "pk": cast.agency_a.pk})
    client = client_for(cast.bu_manager)
    response = client.post(url, {"name": "Agency A Academy Trust", "sector": "education",
                                 "description": "A multi-academy trust", "website": ""})
    assert response.status_code == 302
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.description == "A multi-academy trust"
    response = client.post(url, {"name": "Shires Police", "sector": "education"})
    assert response.status_code == 200
    assert "Agency with this Name already exists" in response.content.decode()
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.name == "Agency A Academy Trust"


@pytest.mark.parametrize("route,message", [
    ("people-invite", "Enter their e-mail address"),
    ("agency-edit", "Enter the agency&#x27;s name"),
    ("membership-end-agency", "Enter the last day in the role"),
])
def test_an_empty_form_says_what_is_missing(cast, client_for, route, message):
    kwargs = {"slug": cast.p1.slug}
    if route == "agency-edit":
        kwargs["pk"] = cast.agency_a.pk
    if route == "membership-end-agency":
        kwargs["pk"] = cast.lead_a_membership.pk
    response = client_for(cast.bu_manager).post(reverse(route, kwargs=kwargs), {})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
