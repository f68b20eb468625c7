"""load_demo: the seed documents' arrangements and the demo people of DESIGN.md §6."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnership.models import Agency, Designation, Partnership, PartnershipMembership, User

pytestmark = pytest.mark.django_db

from .conftest import DEMO_PASSWORD as PASSWORD  # noqa: E402

DEMO_ROLES = {
    "manager@nyscp.example": ("business_unit_manager", "north-yorkshire", None),
    "officer@nyscp.example": ("business_unit_officer", "north-yorkshire", None),
    "scrutineer@nyscp.example": ("independent_scrutineer", "north-yorkshire", None),
    "dcs@nyscp.example": ("delegated_safeguarding_partner", "north-yorkshire",
                          "North Yorkshire Council"),
    "acc@nyscp.example": ("delegated_safeguarding_partner", "north-yorkshire",
                          "North Yorkshire Police"),
    "nurse@nyscp.example": ("delegated_safeguarding_partner", "north-yorkshire",
                            "Humber and North Yorkshire ICB"),
    "lead.police@nyscp.example": ("agency_lead", None, "North Yorkshire Police"),
    "lead.cafcass@nyscp.example": ("agency_lead", None, "CAFCASS"),
    "lead.probation@nyscp.example": ("agency_lead", None, "Probation Service"),
    "manager@york.example": ("business_unit_manager", "city-of-york", None),
}


@pytest.fixture
def demo(demo_data, db):
    return demo_data


def test_north_yorkshire_in_full(demo):
    ny = Partnership.objects.get(slug="north-yorkshire")
    designations = Designation.objects.active().filter(partnership=ny)
    statutory = {d.kind: d.agency.name for d in designations if d.is_statutory}
    assert statutory == {"local_authority": "North Yorkshire Council",
                         "police": "North Yorkshire Police",
                         "nhs_commissioner": "Humber and North Yorkshire ICB"}
    relevant = designations.filter(kind="relevant_agency")
    # seed 004 para 5, F-RA-09: 35, of which the National Probation Service and the CRC are
    # one agency since June 2021 (the Probation Service)
    assert relevant.count() == 34
    by_heading = {}
    for d in relevant:
        by_heading.setdefault(d.local_category, []).append(d.agency.name)
    assert {k: len(v) for k, v in by_heading.items()} == {
        "Education and Early Years": 2, "Health": 17, "Criminal Justice": 2,
        "Voluntary Sector": 3, "Local Government": 3, "Public Services": 4, "Miscellaneous": 3,
    }
    assert "Vocare" in by_heading["Health"]
    offices = dict(PartnershipMembership.objects.active().filter(
        partnership=ny, role="delegated_safeguarding_partner").values_list("agency__name", "title"))
    assert offices == {"North Yorkshire Council": "Director of Children's Services",
                       "Humber and North Yorkshire ICB": "Executive Nurse",
                       "North Yorkshire Police": "Assistant Chief Constable"}


def test_york_shares_the_police_force_and_surrey_has_its_partners(demo):
    police = Agency.objects.get(name="North Yorkshire Police")
    assert set(police.designations.values_list("partnership__slug", "kind")) == {
        ("north-yorkshire", "police"), ("city-of-york", "police")}
    york = Designation.objects.active().filter(partnership__slug="city-of-york",
                                               kind__in=Designation.STATUTORY_KINDS)
    assert {d.agency.name for d in york} == {"City of York Council",
                                             "Humber and North Yorkshire ICB",
                                             "North Yorkshire Police"}
    surrey = Designation.objects.active().filter(partnership__slug="surrey",
                                                 kind__in=Designation.STATUTORY_KINDS)
    assert {d.agency.name for d in surrey} == {"Surrey County Council", "Surrey Police",
                                               "Surrey Heartlands ICB"}
    assert PartnershipMembership.objects.filter(partnership__slug="surrey",
                                                role="independent_scrutineer").exists()


def test_demo_people_hold_their_roles(demo):
    for email, (role, slug, agency) in DEMO_ROLES.items():
        user = User.objects.get(email=email)
        assert user.check_password(PASSWORD)
        if slug:
            membership = user.partnership_memberships.active().get(role=role,
                                                                   partnership__slug=slug)
            assert (membership.agency.name if membership.agency else None) == agency
        else:
            assert user.agency_memberships.active().get(role=role).agency.name == agency


def test_load_demo_is_idempotent_and_resets_passwords(demo):
    counts = lambda: [m.objects.count() for m in (  # noqa: E731
        Partnership, Agency, Designation, PartnershipMembership, User)]
    before = counts()
    call_command("load_demo", "--password", "another passphrase", stdout=io.StringIO())
    assert counts() == before
    assert User.objects.get(email="manager@nyscp.example").check_password("another passphrase")


def test_without_a_password_one_is_made_and_printed(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    password = re.search(r"Password for all of them: (\S+)", out).group(1)
    assert len(password) >= 12
    assert "manager@nyscp.example" in out
    assert User.objects.get(email="lead.cafcass@nyscp.example").check_password(password)


def sign_in(client, email):
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_manager_sees_north_yorkshire_partners_and_agencies(demo, client):
    sign_in(client, "manager@nyscp.example")
    overview = client.get(reverse("partnership-overview", kwargs={"slug": "north-yorkshire"}))
    body = overview.content.decode()
    for text in ("North Yorkshire Council", "Director of Children&#x27;s Services",
                 "Executive Nurse", "Assistant Chief Constable", "Relevant agencies (34)",
                 "Tees Esk Wear Valley NHS Foundation Trust", "Youth Voice Executive"):
        assert text in body, text
    agencies = client.get(reverse("agency-list", kwargs={"slug": "north-yorkshire"}))
    listing = agencies.content.decode()
    designated = Designation.objects.active().filter(partnership__slug="north-yorkshire")
    # a row per agency, and a header row per heading (statutory, education, relevant)
    assert listing.count("govuk-table__row") == designated.count() + listing.count("<thead")


def test_cafcass_lead_gets_a_home_page_for_cafcass(demo, client):
    sign_in(client, "lead.cafcass@nyscp.example")
    body = client.get(reverse("home")).content.decode()
    assert re.search(r"<h1[^>]*>\s*CAFCASS\s*</h1>", body)
    assert "Agency lead" in body
    api = client.get(reverse("api-agency-list")).json()
    assert [a["name"] for a in api["results"]] == ["CAFCASS"]


def test_police_lead_works_in_both_partnerships(demo, client):
    sign_in(client, "lead.police@nyscp.example")
    body = client.get(reverse("home")).content.decode()
    assert "Switch partnership" in body
    response = client.post(reverse("partnership-switch"), {"partnership": "city-of-york"},
                           follow=True)
    assert "You are now working in City of York" in response.content.decode()
    bad = client.post(reverse("partnership-switch"), {"partnership": "surrey"}, follow=True)
    assert "Choose one of your partnerships" in bad.content.decode()
