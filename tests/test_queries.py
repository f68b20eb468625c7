"""List pages and list endpoints run a number of queries that does not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.services import structure


def add_agencies(cast, n):
    start = cast.p1.designations.count()
    for i in range(start, start + n):
        agency = structure.agency_create(name=f"Agency {cast.p1.slug}-{i:03d}", sector="health")
        structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["agency-list", "partnership-overview"])
def test_page_queries_do_not_grow_with_agencies(cast, client_for, route):
    client = client_for(cast.bu_manager)
    url = reverse(route, kwargs={"slug": cast.p1.slug})
    add_agencies(cast, 10)
    client.get(url)  # warm caches (content types, permissions)
    ten, _ = count_queries(client, url)
    add_agencies(cast, 90)
    hundred, response = count_queries(client, url)
    assert ten == hundred, f"{ten} queries for 10 agencies, {hundred} for 100"
    if route == "agency-list":  # a page of rows: the last agency is found by its name
        response = client.get(url, {"name": "p1-103"})
    assert b"Agency p1-103" in response.content


@pytest.mark.django_db
def test_api_agency_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("api-agency-list") + f"?partnership={cast.p1.pk}"
    add_agencies(cast, 10)
    client.get(url)
    ten, _ = count_queries(client, url)
    add_agencies(cast, 40)  # one page of 50 at most
    fifty, response = count_queries(client, url)
    assert ten == fifty
    assert response.json()["count"] == 54


@pytest.mark.django_db
def test_people_page_queries_do_not_grow(cast, client_for):
    from partnership.services import people

    client = client_for(cast.bu_manager)
    url = reverse("people", kwargs={"slug": cast.p1.slug})
    client.get(url)
    before, _ = count_queries(client, url)
    for i in range(20):
        people.user_invite(invited_by=cast.bu_manager, partnership=cast.p1,
                           email=f"person{i}@cast.example", full_name=f"Person {i}",
                           role="agency_contributor", agency=cast.agency_a)
    after, _ = count_queries(client, url)
    assert before == after
