"""Every HTML list is a page of rows (issue 14): each list route of the role x route matrix
(names ending in "list", and the other pages listing rows named below), opened by someone
who may see it, renders a Django page (`page` in its context) of at most LIST_PAGE_SIZE
rows, so that no list renders every row it has at national scale."""

import pytest
from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse

from .cast import USERS
from .test_matrix import CASES

# Pages that list rows though their route's name does not end in "list".
OTHER_LISTS = {"people", "year-on-year"}
# Lists bounded by the nature of what they list, not by the size of the deployment, and read
# as a whole: a person's own live sessions ("Your sessions"); a partnership's own groups with
# their reporting tree; one year's plan under its headings; one year's report sections.
BOUNDED = {"usersessions_list", "governance:group-list", "governance:priority-list",
           "scrutiny:section-list"}


def _lists():
    seen, found = set(), []
    for case in CASES:
        short = case.name.rsplit(":", 1)[-1]
        if (case.method != "get" or case.json or case.query or case.name in seen | BOUNDED
                or case.name.startswith("admin:") or not (short.endswith("list") or short in OTHER_LISTS)):
            continue
        seen.add(case.name)
        found.append(case)
    return found


FOUND = _lists()
LISTS = [case for case in FOUND if not case.name.rsplit(":", 1)[-1].startswith("api-")]
API_LISTS = [case for case in FOUND if case not in LISTS]


def test_the_lists_are_found():
    assert len(LISTS) >= 20, [case.name for case in LISTS]
    assert len(API_LISTS) >= 15, [case.name for case in API_LISTS]


def _first_allowed(case, cast):
    who = next(u for u in USERS if u != "anon" and case.expected[u] == 200)
    return cast.users[who], reverse(case.name, kwargs=case.kwargs(cast) if case.kwargs else {})


@pytest.mark.django_db
@pytest.mark.parametrize("case", LISTS, ids=[case.name for case in LISTS])
def test_the_list_is_a_page_of_rows(case, cast, client_for):
    user, url = _first_allowed(case, cast)
    response = client_for(user).get(url)
    assert response.status_code == 200
    page = response.context.get("page")
    assert isinstance(page, Page), f"{case.name}: no page of rows in the context"
    assert page.paginator.per_page <= settings.LIST_PAGE_SIZE


@pytest.mark.django_db
@pytest.mark.parametrize("case", API_LISTS, ids=[case.name for case in API_LISTS])
def test_the_api_list_is_a_page_of_rows(case, cast, client_for):
    """DRF's page numbers: a count, links to the next and previous pages, and the rows."""
    user, url = _first_allowed(case, cast)
    body = client_for(user).get(url).json()
    assert {"count", "next", "previous", "results"} <= set(body), case.name
    assert len(body["results"]) <= settings.REST_FRAMEWORK["PAGE_SIZE"]
