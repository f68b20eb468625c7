"""load_demo as of December 2026 (partnership/demo_organisations.py): the CCGs merged into
ICBs, North Yorkshire County Council renamed, the National Probation Service and the CRC
merged into the Probation Service, while the 2019 records keep the names of their day."""

import datetime
import re

import pytest
from django.urls import reverse

from agencies.models import Cycle
from governance.models import Meeting
from partnership import permissions
from partnership.models import Agency, AgencyMembership, Partnership, PartnershipMembership
from reviews.models import Notification

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

D = datetime.date
OLD = ("North Yorkshire County Council", "North Yorkshire and York CCGs",
       "National Probation Service")
NEW = ("North Yorkshire Council", "Humber and North Yorkshire ICB", "Probation Service")


@pytest.fixture
def ny(demo_data, db):
    return Partnership.objects.get(slug="north-yorkshire")


def signed_in(client, email):
    response = client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def names(partners, on=None):
    return sorted(a.name_on(on) for a in partners)


def test_the_partners_of_today_and_of_2019(ny):
    assert names(permissions.statutory_partners(ny)) == [
        "Humber and North Yorkshire ICB", "North Yorkshire Council", "North Yorkshire Police"]
    assert names(permissions.statutory_partners(ny, on=D(2019, 10, 1)), D(2019, 10, 1)) == [
        "North Yorkshire County Council", "North Yorkshire Police",
        "North Yorkshire and York CCGs"]
    york = Partnership.objects.get(slug="city-of-york")
    assert "Humber and North Yorkshire ICB" in names(permissions.statutory_partners(york))
    surrey = Partnership.objects.get(slug="surrey")
    assert "Surrey Heartlands ICB" in names(permissions.statutory_partners(surrey))
    probation = Agency.objects.get(name="Probation Service")
    assert sorted(probation.merged_agencies.values_list("name", "merged_on")) == [
        ("Community Rehabilitation Company", D(2021, 6, 26)),
        ("National Probation Service", D(2021, 6, 26))]


def test_the_nhs_partners_act_for_the_icb_and_probation_moved(ny):
    for email, office in (("nurse@nyscp.example", "Executive Nurse"),
                          ("accountable.officer@nyscp.example", "Accountable Officer")):
        roles = PartnershipMembership.objects.filter(partnership=ny, user__email=email)
        now = roles.active().get()
        assert (now.agency.name, now.title, now.start_date) == (
            "Humber and North Yorkshire ICB", office, D(2022, 7, 1))
        before = roles.get(agency__name="North Yorkshire and York CCGs")
        assert (before.start_date, before.end_date) == (D(2019, 9, 29), D(2022, 6, 30))
    lead = AgencyMembership.objects.active().get(user__email="lead.probation@nyscp.example")
    assert lead.agency.name == "Probation Service"


def test_the_2019_records_show_the_names_of_their_day(ny, client):
    manager = signed_in(client, "manager@nyscp.example")
    audit = Cycle.objects.get(partnership=ny, name="2019 Section 11 audit")
    body = manager.get(reverse("s11:cycle", args=[ny.slug, audit.pk])).content.decode()
    assert all(name in body for name in OLD), "Section 11 2019"
    assert "North Yorkshire Council" not in body
    body = manager.get(reverse("funding:year", args=[ny.slug, 2019])).content.decode()
    assert all(name in body for name in (*OLD, "Community Rehabilitation Company"))
    assert "North Yorkshire Council" not in body and ">Probation Service<" not in body
    council = Agency.objects.get(name="North Yorkshire Council")
    meeting = Meeting.objects.filter(group__partnership=ny, status="held", starts_at__year=2019,
                                     group__members__agency=council).order_by("starts_at")[0]
    body = manager.get(reverse("governance:meeting-detail", args=[ny.slug, meeting.pk]))
    assert "North Yorkshire County Council" in body.content.decode()
    assert "Humber and North Yorkshire ICB" not in body.content.decode()  # nor in its quorum
    child_a = Notification.objects.get(partnership=ny, pseudonym="Child A").rapid_review
    body = manager.get(reverse("reviews:rapid-detail", args=[ny.slug, child_a.pk]))
    sign_offs = body.content.decode().split('id="sign-offs"')[-1]
    assert "North Yorkshire County Council" in sign_offs
    assert "North Yorkshire and York CCGs" in sign_offs
    assert "Humber and North Yorkshire ICB" not in sign_offs


def test_lists_show_todays_names_and_agency_pages_their_history(ny, client):
    manager = signed_in(client, "manager@nyscp.example")
    listing = manager.get(reverse("agency-list", args=[ny.slug])).content.decode()
    assert all(name in listing for name in NEW)
    assert not any(f">{name}<" in listing for name in OLD)
    council = Agency.objects.get(name="North Yorkshire Council")
    page = manager.get(reverse("agency-detail", args=[ny.slug, council.pk])).content.decode()
    assert "Formerly North Yorkshire County Council, until 31 March 2023" in page
    icb = Agency.objects.get(name="Humber and North Yorkshire ICB")
    page = manager.get(reverse("agency-detail", args=[ny.slug, icb.pk])).content.decode()
    assert "North Yorkshire and York CCGs became part of it on 1 July 2022" in page
    api = manager.get(reverse("api-agency-list") + f"?partnership={ny.pk}").json()
    rows = {a["name"]: a for a in api["results"]}
    assert rows["North Yorkshire Council"]["former_names"] == [
        {"name": "North Yorkshire County Council", "until": "2023-03-31"}]


README_PEOPLE = ("manager@nyscp.example", "officer@nyscp.example", "scrutineer@nyscp.example",
                 "dcs@nyscp.example", "acc@nyscp.example", "nurse@nyscp.example",
                 "lead.police@nyscp.example", "lead.cafcass@nyscp.example",
                 "lead.probation@nyscp.example", "manager@york.example")


@pytest.mark.parametrize("email", README_PEOPLE)
def test_the_readme_demo_people_get_their_pages(demo_data, client, email):
    signed_in(client, email)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    slug = "city-of-york" if email.endswith("york.example") else "north-yorkshire"
    for name in ("partnership-overview", "agency-list"):
        assert client.get(reverse(name, args=[slug])).status_code == 200, name
    if email == "lead.probation@nyscp.example":
        assert re.search(r"<h1[^>]*>\s*Probation Service\s*</h1>", home.content.decode())
