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
from partnership.services import access

PAGE = settings.LIST_PAGE_SIZE


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def rows_in(response, table_id):
    """The number of body rows of the table with this id."""
    body = text(response)
    table = body.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return len(re.findall(r'<tr class="govuk-table__row"[ >]', body))


def bulk_agencies(cast, n, prefix="Bulk", kind="relevant_agency"):
    """n agencies designated in P1, in bulk, with the grants the services would write."""
    agencies = Agency.objects.bulk_create(
        [Agency(name=f"{prefix} {i:03d}", sector="health") for i in range(n)])
    Designation.objects.bulk_create(
        [Designation(partnership=cast.p1, agency=a, kind=kind,
                     start_date=datetime.date(2020, 4, 1)) for a in agencies])
    access.grants_sync(pairs=[(cast.p1.pk, a.pk) for a in agencies])
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


# The partnership's agencies

@pytest.mark.django_db
def test_the_agency_list_is_a_page_under_its_headings(cast, client_for):
    bulk_agencies(cast, PAGE + 10, prefix="Relevant")
    client = client_for(cast.bu_manager)
    address = reverse("agency-list", args=[cast.p1.slug])
    first = client.get(address)
    body = text(first)
    total = first.context["page"].paginator.count
    assert len(first.context["page"]) == PAGE and f"Showing 1 to {PAGE} of {total} agencies" in body
    assert body.index("Statutory safeguarding partners (3)") < body.index("Relevant agencies (")
    last = client.get(address, {"page": first.context["page"].paginator.num_pages})
    assert "Relevant 059" in text(last)
    narrowed = client.get(address, {"name": "relevant 05", "participation": "2", "page": 2})
    assert [a.name for a in narrowed.context["page"]] == [f"Relevant {i:03d}" for i in range(50, 60)]
    assert "participation=2" in narrowed.context["query"]


@pytest.mark.django_db
@pytest.mark.parametrize("query, message", [
    ({"participation": "9"}, "Choose how the agency takes part from the list"),
    ({"sector": "moon"}, "Choose a sector from the list"),
    ({"name": "x" * 101}, "Enter 100 characters or fewer"),
    ({"page": "x"}, "Showing 1 to"),
    ({"page": "999"}, "Showing"),
])
def test_a_bad_agency_list_filter_says_what_is_wrong(cast, client_for, query, message):
    bulk_agencies(cast, PAGE)
    body = text(client_for(cast.bu_manager).get(reverse("agency-list", args=[cast.p1.slug]),
                                                query))
    assert message in body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 60])
def test_the_agency_list_query_count_is_pinned(cast, client_for, django_assert_num_queries, rows):
    bulk_agencies(cast, rows)
    client = client_for(cast.bu_manager)
    address = reverse("agency-list", args=[cast.p1.slug])
    client.get(address)
    with django_assert_num_queries(14):
        client.get(address, {"sector": "health"})


@pytest.mark.django_db
def test_designating_an_agency_searches_instead_of_listing_every_agency(cast, client_for):
    Agency.objects.bulk_create([Agency(name=f"School {i:04d}", sector="education")
                                for i in range(150)])
    client = client_for(cast.bu_manager)
    address = reverse("designation-add", args=[cast.p1.slug])
    blank = client.get(address)
    assert len(blank.context["form"]["agency"].field.widget.choices) == 1  # "Choose an agency"
    many = client.get(address, {"agency_name": "school"})
    assert len(many.context["form"]["agency"].field.widget.choices) == 101
    assert "More than 100 agencies match" in text(many)
    few = client.get(address, {"agency_name": "school 012"})
    assert "10 agencies match" in text(few)
    chosen = Agency.objects.get(name="School 0149")  # not offered in the select, still accepted
    response = client.post(address + "?agency_name=school", {
        "agency": chosen.pk, "kind": "relevant_agency"})
    assert response.status_code == 302
    assert Designation.objects.filter(partnership=cast.p1, agency=chosen).exists()
    refused = client.post(address, {"agency": chosen.pk, "kind": "relevant_agency"})
    assert "Choose one of the agencies in the list" in text(refused)


# People holding roles in the partnership's agencies

def bulk_agency_roles(cast, n, prefix="Person"):
    from partnership.models import AgencyMembership, User
    users = User.objects.bulk_create([User(email=f"{prefix.lower()}{i:03d}@bulk.example",
                                           full_name=f"{prefix} {i:03d}") for i in range(n)])
    AgencyMembership.objects.bulk_create([
        AgencyMembership(user=u, agency=cast.agency_a, role="agency_contributor",
                         start_date=datetime.date(2020, 4, 1)) for u in users])


@pytest.mark.django_db
def test_the_agency_roles_are_a_page_filtered_on_the_server(cast, client_for):
    bulk_agency_roles(cast, PAGE + 10)
    client = client_for(cast.bu_manager)
    address = reverse("people", args=[cast.p1.slug])
    first = client.get(address)
    assert len(first.context["page"]) == PAGE and "Showing 1 to 50 of" in text(first)
    second = client.get(address, {"person": "person 0", "role": "agency_contributor", "page": 2})
    assert [m.user.full_name for m in second.context["page"]] == [
        f"Person {i:03d}" for i in range(50, 60)]
    assert "role=agency_contributor" in second.context["query"]
    bad = text(client.get(address, {"role": "king", "page": "x"}))
    assert "Choose a role from the list" in bad and "Correct the filters" in bad


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 60])
def test_the_people_query_count_is_pinned(cast, client_for, django_assert_num_queries, rows):
    bulk_agency_roles(cast, rows)
    client = client_for(cast.bu_manager)
    address = reverse("people", args=[cast.p1.slug])
    client.get(address)
    with django_assert_num_queries(14):
        client.get(address, {"person": "person"})


# A cycle's completion

@pytest.mark.django_db
def test_a_cycles_completion_is_a_page_with_the_whole_cycles_totals(cast, client_for):
    bulk_returns(cast, PAGE + 10)
    client = client_for(cast.bu_manager)
    address = reverse("s11:cycle", args=[cast.p1.slug, cast.cycle1.pk])
    first = client.get(address)
    assert rows_in(first, "completion") == PAGE
    assert first.context["totals"]["asked"] == PAGE + 12
    assert f"Showing 1 to {PAGE} of {PAGE + 12} agencies asked" in text(first)
    second = client.get(address, {"page": 2})
    assert rows_in(second, "completion") == 12
    assert rows_in(client.get(address, {"page": "x"}), "completion") == PAGE


@pytest.mark.django_db
@pytest.mark.parametrize("who, queries", [("bu_manager", 20), ("lead_a", 25)])
@pytest.mark.parametrize("rows", [3, 60])
def test_a_cycles_completion_query_count_is_pinned(cast, client_for, django_assert_num_queries,
                                                   who, queries, rows):
    bulk_returns(cast, rows)
    client = client_for(cast.users[who])
    address = reverse("s11:cycle", args=[cast.p1.slug, cast.cycle1.pk])
    client.get(address)
    with django_assert_num_queries(queries):
        client.get(address, {"page": 1})
