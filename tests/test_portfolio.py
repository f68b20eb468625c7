"""An agency's portfolio (issue 14, part 7): its own staff see everything the agency owes
every partnership it serves, in the page and the API, in a constant number of queries
whatever the number of partnerships; nobody else sees it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import ClosureDay
from partnership.services import people, structure

from .cast import START, _fast_user

FROZEN_TODAY = datetime.date(2026, 2, 10)
KINDS = ("section_11", "summary", "action", "challenge", "dataset", "contribution")
# The current dataset quarter is October to December 2025: due 20 working days after it ends.
DATASET_DUE = datetime.date(2026, 1, 29)


def national(cast, name, count, *, sector="police_justice"):
    """An agency designated (as the police) in `count` new partnerships, each asking it for
    every kind of item; with its lead, chief officer and contributor."""
    from agencies.services import cycles
    from funding import services as funding
    from governance.services import actions
    from reviews.services import notifications, rapid
    from scrutiny.services import challenges, dataset

    agency = structure.agency_create(name=name, sector=sector)
    staff = {}
    for n in range(count):
        p = structure.partnership_create(name=f"{name} partnership {n:02d}",
                                         slug=f"{name.lower()}-{n:02d}", areas=[f"{name} {n}"])
        structure.designation_create(partnership=p, agency=agency, kind="police",
                                     start_date=START)
        if n == 0:
            for role in ("agency_lead", "agency_chief_officer", "agency_contributor"):
                user = _fast_user(f"{role}.{name.lower()}@cast.example", "x", full_name=role)
                people.membership_create(user=user, partnership=p, role=role, agency=agency,
                                         start_date=START)
                staff[role] = user
        cycles.cycle_create(partnership=p, template=cast.s11_template,
                            name=f"{name} S11 {n:02d}", opens_on=datetime.date(2025, 9, 1),
                            closes_on=datetime.date(2026, 3, 1) + datetime.timedelta(days=n),
                            agencies=[agency])
        case = notifications.notification_create(
            partnership=p, created_by=cast.bu_officer, pseudonym=f"Child {n}", age_band="1_4",
            incident_type="serious_harm", la_aware_on=datetime.date(2026, 1, 5),
            notified_on=datetime.date(2026, 1, 6))
        rapid.summaries_request(review=rapid.rapid_review_start(notification=case),
                                agencies=[agency], requested_on=datetime.date(2026, 1, 7))
        actions.action_create(partnership=p, source="other", description=f"{name} action {n:02d}",
                              owner_agency=agency, due_on=datetime.date(2026, 1, 15),
                              created_by=cast.bu_officer)
        challenges.challenge_raise(partnership=p, raised_by=cast.scrutineer,
                                   subject=f"{name} challenge {n:02d}", detail="Why",
                                   agencies=[agency], raised_on=datetime.date(2026, 1, 20),
                                   due_on=datetime.date(2026, 4, 30))
        dataset.measure_create(partnership=p, code="referrals", name="Referrals",
                               definition="Referrals.", unit="count", sectors=[sector])
        year = funding.year_create(partnership=p, start_year=2025,
                                   declared_budget=Decimal("1000.00"))
        funding.contribution_create(year=year, agency=agency, agreed=Decimal("500.00"),
                                    invoice_date=datetime.date(2025, 5, 1),
                                    invoice_amount=Decimal("450.00"), invoice_reference=f"INV{n}")
    return agency, staff


def page_url(agency, query=""):
    return reverse("portfolio:agency", args=[agency.pk]) + query


def api_url(agency, query=""):
    return reverse("portfolio:api") + f"?agency={agency.pk}{query}"


def counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(queries), response


@pytest.mark.django_db
def test_the_lead_sees_every_kind_from_every_partnership_and_nothing_else(cast, client_for):
    agency, staff = national(cast, "Probation", 3)
    other, _ = national(cast, "Cafcass", 1)
    data = client_for(staff["agency_lead"]).get(api_url(agency)).json()
    assert data["count"] == 3 * 6
    kinds = {(item["kind"], item["partnership_name"]) for item in data["results"]}
    assert kinds == {(k, f"Probation partnership {n:02d}") for k in KINDS for n in range(3)}
    assert [i["due_on"] for i in data["results"]] == sorted(i["due_on"] for i in data["results"])
    text = str(data)
    assert "Cafcass" not in text and "CNRY" not in text
    by_kind = {item["kind"]: item for item in data["results"]}
    assert by_kind["contribution"]["amount"] == "450.00"
    assert by_kind["contribution"]["due_on"] == "2026-03-31"  # the end of the financial year
    assert by_kind["dataset"]["due_on"] == DATASET_DUE.isoformat()
    assert by_kind["dataset"]["status"] == "Not started"
    assert by_kind["challenge"]["status"] == "Awaiting your response"
    assert by_kind["action"]["overdue"] is True
    # Every link opens for the lead (its own app's page).
    client = client_for(staff["agency_lead"])
    for item in by_kind.values():
        assert client.get(item["url"]).status_code == 200, item
    # The other agency's lead sees its own only.
    other_lead = other.memberships.get(role="agency_lead").user
    theirs = client_for(other_lead).get(api_url(other)).json()
    assert theirs["count"] == 6 and "Probation" not in str(theirs)


@pytest.mark.django_db
def test_each_role_sees_the_kinds_its_role_sees(cast, client_for):
    agency, staff = national(cast, "Probation", 1)
    seen = {}
    for role, user in staff.items():
        seen[role] = {i["kind"] for i in client_for(user).get(api_url(agency)).json()["results"]}
    assert seen["agency_lead"] == set(KINDS)
    assert seen["agency_chief_officer"] == {"section_11", "action", "challenge", "dataset",
                                            "contribution"}
    assert seen["agency_contributor"] == {"section_11", "action", "dataset"}


@pytest.mark.django_db
def test_the_page_lists_the_items_with_links(cast, client_for):
    agency, staff = national(cast, "Probation", 2)
    response = client_for(staff["agency_lead"]).get(page_url(agency))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "12 items" in html
    assert "A1: Probation action 00" in html and "Probation challenge 01" in html
    assert "£450.00 to pay" in html
    assert reverse("scrutiny:dataset-return-form",
                   args=["probation-00", agency.pk, "2025-10-01"]) in html


@pytest.mark.django_db
def test_dataset_due_dates_follow_each_partnerships_closure_days(cast, client_for):
    agency, staff = national(cast, "Probation", 2)
    closed = agency.designations.get(partnership__slug="probation-01").partnership
    ClosureDay.objects.create(partnership=closed, date=datetime.date(2026, 1, 2), reason="Closed")
    data = client_for(staff["agency_lead"]).get(api_url(agency, "&kind=dataset")).json()
    dues = {i["partnership_name"]: i["due_on"] for i in data["results"]}
    assert dues == {"Probation partnership 00": "2026-01-29",
                    "Probation partnership 01": "2026-01-30"}


@pytest.mark.django_db
def test_query_counts_are_pinned_and_the_same_for_1_and_12_partnerships(cast, client_for):
    one, one_staff = national(cast, "Cafcass", 1)
    twelve, twelve_staff = national(cast, "Probation", 12)
    counts = {}
    for agency, staff in ((one, one_staff), (twelve, twelve_staff)):
        client = client_for(staff["agency_lead"])
        client.get(page_url(agency))  # warm caches (content types)
        page, response = counted(client, page_url(agency))
        api, data = counted(client, api_url(agency))
        filtered, _ = counted(client, page_url(
            agency, f"?partnership={agency.designations.first().partnership_id}&due=overdue"))
        counts[agency.name] = (page, api, filtered)
    assert data.json()["count"] == 12 * 6
    assert "Showing 1 to 50 of 72" not in response.content.decode()  # 6 items: one page
    # Both: session and user (2), the agency (1), the user's grants on it (2), the dataset
    # due dates (2), the page of items and its count (2), the session's save (3). The page
    # also: the partnerships served (the select), and the layout's 9 (navigation, partnership
    # switcher, notifications); filtered, it checks the chosen partnership (1).
    assert counts == {"Cafcass": (21, 12, 22), "Probation": (21, 12, 22)}


@pytest.mark.django_db
def test_filters_and_pagination(cast, client_for):
    agency, staff = national(cast, "Probation", 12)
    client = client_for(staff["agency_lead"])
    first = client.get(api_url(agency)).json()
    assert first["count"] == 72 and len(first["results"]) == 50 and first["next"]
    second = client.get(api_url(agency, "&page=2")).json()
    assert len(second["results"]) == 22
    dues = [i["due_on"] for i in first["results"] + second["results"]]
    assert dues == sorted(dues)
    p = agency.designations.order_by("partnership__name").last().partnership
    only = client.get(api_url(agency, f"&partnership={p.pk}")).json()
    assert only["count"] == 6 and {i["partnership"] for i in only["results"]} == {p.pk}
    before = client.get(api_url(agency, "&due_before=2026-01-29")).json()
    assert {i["kind"] for i in before["results"]} == {"summary", "action"}
    overdue = client.get(api_url(agency, "&due=overdue&kind=dataset")).json()
    assert overdue["count"] == 12
    # The page: 50 rows, GOV.UK pagination keeping the filters, and the same filters.
    html = client.get(page_url(agency)).content.decode()
    assert "72 items, showing 1 to 50" in html and 'class="govuk-pagination"' in html
    html = client.get(page_url(agency, "?kind=action&page=1")).content.decode()
    assert "12 items" in html and "Probation challenge" not in html
    html = client.get(page_url(agency, "?due_before_0=29&due_before_1=1&due_before_2=2026"))
    assert "24 items" in html.content.decode()
    html = client.get(page_url(agency, f"?partnership={p.pk}")).content.decode()
    assert "6 items" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["&due_before=31/01/2026", "&due_before=2026-02-30",
                                   "&partnership=abc", "&kind=nope", "&due=soon", "&page=x"])
def test_bad_parameters_answer_400_naming_them(cast, client_for, query):
    agency, staff = national(cast, "Probation", 1)
    response = client_for(staff["agency_lead"]).get(api_url(agency, query))
    assert response.status_code == 400
    assert re.match(r"&(\w+)=", query).group(1) in response.json()


@pytest.mark.django_db
def test_bad_page_filters_show_errors(cast, client_for):
    agency, staff = national(cast, "Probation", 1)
    response = client_for(staff["agency_lead"]).get(page_url(agency, "?partnership=999999"))
    assert response.status_code == 200
    assert "Choose a partnership the agency serves" in response.content.decode()


@pytest.mark.django_db
def test_a_partnership_the_agency_does_not_serve_is_refused(cast, client_for):
    agency, staff = national(cast, "Probation", 1)
    response = client_for(staff["agency_lead"]).get(api_url(agency, f"&partnership={cast.p1.pk}"))
    assert response.status_code == 400 and "partnership" in response.json()


@pytest.mark.django_db
def test_another_agencys_portfolio_is_404(cast, client_for):
    agency, _ = national(cast, "Probation", 1)
    for user in (cast.lead_police, cast.bu_manager, cast.lsp, cast.outsider):
        client = client_for(user)
        assert client.get(page_url(agency)).status_code == 404
        assert client.get(api_url(agency)).status_code == 404
    assert client_for(cast.lead_police).get(api_url(agency, "x")).status_code == 400
    assert client_for(cast.lead_police).get(reverse("portfolio:api")).status_code == 400
    assert client_for(None).get(api_url(agency)).status_code == 401


@pytest.mark.django_db
def test_the_home_page_links_to_the_portfolio(cast, client_for):
    html = client_for(cast.lead_police).get(reverse("home")).content.decode()
    assert page_url(cast.police) in html
