"""Issue 14: the lists of Section 11, the partnership's own pages and funding are pages of
rows filtered on the server. For each: a page shows at most LIST_PAGE_SIZE rows, page 2
keeps the filters, a filter narrows the rows, a bad page or filter value gives the first
page or a clear message (never a 500), and the query count is pinned and the same for 3
rows and for 60."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from agencies.models import Request, Return, Status
from partnership.models import Agency, Designation

PAGE = settings.LIST_PAGE_SIZE


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def rows_in(response, table_id):
    """The number of body rows of the table with this id."""
    body = text(response)
    table = body.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return len(re.findall(r'<tr class="govuk-table__row">', table.split("<tbody", 1)[1]))


def bulk_agencies(cast, n, prefix="Bulk", kind="relevant_agency"):
    """n agencies designated in P1 (bulk, no services: only their rows matter here)."""
    agencies = Agency.objects.bulk_create(
        [Agency(name=f"{prefix} {i:03d}", sector="health") for i in range(n)])
    Designation.objects.bulk_create(
        [Designation(partnership=cast.p1, agency=a, kind=kind,
                     start_date=datetime.date(2020, 4, 1)) for a in agencies])
    return agencies


def bulk_returns(cast, n, prefix="Bulk", cycle=None, status=Status.DRAFT):
    """n agencies of P1 asked for a return in the cycle (P1's 2025 cycle by default)."""
    cycle = cycle or cast.cycle1
    agencies = bulk_agencies(cast, n, prefix)
    made = Return.objects.bulk_create(
        [Return(agency=a, template=cycle.template, status=status) for a in agencies])
    Request.objects.bulk_create([Request(cycle=cycle, agency=a, due_on=cycle.closes_on,
                                         assessment=r) for a, r in zip(agencies, made, strict=True)])
    return made


# The Section 11 return list

def return_list(cast, **query):
    address = reverse("s11:return-list", args=[cast.p1.slug])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.django_db
def test_the_return_list_shows_a_page_of_the_current_cycle(cast, client_for):
    bulk_returns(cast, PAGE + 10)
    client = client_for(cast.bu_manager)
    first = client.get(return_list(cast))
    assert rows_in(first, "returns") == PAGE
    assert f"Showing 1 to {PAGE} of {PAGE + 12} returns" in text(first)
    assert first.context["form"]["cycle"].value() == cast.cycle1.pk
    second = client.get(return_list(cast, page=2))
    assert rows_in(second, "returns") == 12
    assert f"cycle={cast.cycle1.pk}&amp;page=1" in second.content.decode()


@pytest.mark.django_db
def test_the_return_list_opens_on_the_cycle_open_today(cast, client_for):
    today = datetime.date.today()
    from agencies.services import cycles
    current = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template,
                                  name="P1 Section 11 now", opens_on=today,
                                  closes_on=today + datetime.timedelta(days=30),
                                  agencies=[cast.agency_a])
    body = text(client_for(cast.bu_manager).get(return_list(cast)))
    assert "P1 Section 11 now" in body and "Police" not in body.split('id="returns"')[1]
    every = text(client_for(cast.bu_manager).get(return_list(cast, cycle="")))
    assert "3 returns." in every  # agency A's two returns and the police's: all cycles
    assert current.requests.count() == 1


@pytest.mark.django_db
def test_the_return_list_filters_keep_on_page_two(cast, client_for):
    bulk_returns(cast, PAGE + 5, prefix="Wanted")
    bulk_returns(cast, 10, prefix="Other")
    client = client_for(cast.bu_manager)
    response = client.get(return_list(cast, agency="wanted", status="draft", page=2))
    assert rows_in(response, "returns") == 5
    body = text(response)
    assert "Other 0" not in body and f"of {PAGE + 5} returns" in body
    assert "agency=wanted&amp;status=draft" in response.content.decode().split(
        'class="govuk-pagination"')[1]


@pytest.mark.django_db
def test_the_return_list_filters_by_designation_and_status(cast, client_for):
    bulk_returns(cast, 3, prefix="Submitted", status=Status.SUBMITTED)
    client = client_for(cast.bu_manager)
    submitted = text(client.get(return_list(cast, status="submitted")))
    assert "Submitted 002" in submitted and "Agency A" not in submitted.split('id="returns"')[1]
    police = text(client.get(return_list(cast, designation="police")))
    assert "1 return." in police and "Submitted 0" not in police


@pytest.mark.django_db
@pytest.mark.parametrize("query, message", [
    ({"status": "lost"}, "Choose a status from the list"),
    ({"cycle": "99999999"}, "Choose a cycle from the list"),
    ({"cycle": "x"}, "Choose a cycle from the list"),
    ({"designation": "nobody"}, "Choose a designation from the list"),
    ({"agency": "a" * 101}, "Enter 100 characters or fewer"),
])
def test_a_bad_return_list_filter_says_what_is_wrong(cast, client_for, query, message):
    body = text(client_for(cast.bu_manager).get(return_list(cast, **query)))
    assert message in body and "Correct the filters" in body and 'id="returns"' not in body


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "x", "999", "-1", "1.5"])
def test_a_bad_return_list_page_gives_a_page(cast, client_for, page):
    bulk_returns(cast, 3)
    response = client_for(cast.bu_manager).get(return_list(cast, page=page))
    assert rows_in(response, "returns") == 5


@pytest.mark.django_db
@pytest.mark.parametrize("who, queries", [("bu_manager", 18), ("lead_a", 23), ("scrutineer", 15)])
@pytest.mark.parametrize("rows", [3, 60])
def test_the_return_list_query_count_is_pinned(cast, client_for, django_assert_num_queries,
                                               who, queries, rows):
    bulk_returns(cast, rows)
    client = client_for(cast.users[who])
    client.get(return_list(cast))
    with django_assert_num_queries(queries):
        client.get(return_list(cast, status="draft"))
