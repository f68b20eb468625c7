"""The Partnership page links only to the agencies the viewer may open (issue 17, defect 5:
37 of 38 agency links gave an agency lead 404). The others' names are text. Which agencies are
links is decided in partnership/permissions.py (openable_agencies), in one query for the
whole list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import Designation
from partnership.services import structure

pytestmark = pytest.mark.django_db


def overview(client, cast):
    response = client.get(reverse("partnership-overview", args=[cast.p1.slug]))
    assert response.status_code == 200
    return response.content.decode()


def agency_links(body, cast):
    prefix = re.escape(f"/p/{cast.p1.slug}/agencies/")
    return {int(pk) for pk in re.findall(rf'href="{prefix}(\d+)/"', body)}


def p1_agencies(cast):
    return list(Designation.objects.active().filter(partnership=cast.p1)
                .select_related("agency"))


def test_an_agency_lead_is_offered_only_their_own_agency(cast, client_for):
    client = client_for(cast.lead_a)
    body = overview(client, cast)
    assert agency_links(body, cast) == {cast.agency_a.pk}
    for designation in p1_agencies(cast):  # every other agency is still named, as text
        assert designation.agency.name in body
    for pk in agency_links(body, cast):
        assert client.get(reverse("agency-detail", args=[cast.p1.slug, pk])).status_code == 200
    refused = reverse("agency-detail", args=[cast.p1.slug, cast.police.pk])
    assert client.get(refused).status_code == 404  # why it is not a link


def test_the_business_unit_is_offered_every_agency_and_each_opens(cast, client_for):
    client = client_for(cast.bu_officer)
    body = overview(client, cast)
    agencies = {d.agency_id for d in p1_agencies(cast)}
    assert agency_links(body, cast) == agencies and len(agencies) > 3
    for pk in agencies:
        assert client.get(reverse("agency-detail", args=[cast.p1.slug, pk])).status_code == 200


@pytest.mark.parametrize("who", ["bu_manager", "lead_a"])
def test_the_page_queries_do_not_grow_with_the_agencies(cast, client_for, who):
    client = client_for(cast.users[who])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            overview(client, cast)
        return len(captured)

    overview(client, cast)
    before = queries()
    # The session, the user, the partnership, the permission checks of the page and the
    # layout, the areas, the designations and officers, the agencies the viewer may open
    # (one query, whatever their number) and, for agency staff, their agencies' own checks.
    assert before == {"bu_manager": 15, "lead_a": 19}[who]
    for i in range(12):
        agency = structure.agency_create(name=f"Relevant agency {i:02d}", sector="health")
        structure.designation_create(partnership=cast.p1, agency=agency,
                                     kind=Designation.Kind.RELEVANT_AGENCY)
    assert queries() == before
    body = overview(client, cast)
    assert "Relevant agency 11" in body
    assert (f"/agencies/{agency.pk}/" in body) == (who == "bu_manager")
