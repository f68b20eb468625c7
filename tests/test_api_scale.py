"""Every API list answers in the same number of queries whether the caller takes part in one
partnership or in twelve (issue 14: a national agency such as CAFCASS serves ~150): what a
person sees across all their partnerships is decided in one query, not one per partnership.

The agency lead of a national agency, the business unit manager and the scrutineer each hold
their role in every partnership the national agency serves; each list's count is pinned."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse

from agencies.services import cycles
from governance.services import actions
from partnership.models import User
from partnership.services import people, structure

START = datetime.date(2020, 4, 1)


def api_lists():
    """Every API list route, from the routers (name ending "-list" under /api/)."""
    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern),
                                pattern.namespace or namespace)
            elif (prefix.startswith("api/") and (pattern.name or "").startswith("api-")
                  and pattern.name.endswith("-list")):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns, "", None)))


def national(cast, n):
    """A national agency (and a second one) designated in `n` new partnerships, each asking
    both for a Section 11 return and giving each an action; CAFCASS's lead, and the cast's
    business unit manager and scrutineer holding their roles in every one of them."""
    cafcass = structure.agency_create(name="CAFCASS", sector="health")
    probation = structure.agency_create(name="Probation Service", sector="police_justice")
    lead = User.objects.create_user("lead.cafcass@cast.example", "x", full_name="Lead Cafcass")
    partnerships = []
    for i in range(n):
        p = structure.partnership_create(name=f"Shire {i} Partnership", slug=f"shire-{i}",
                                         areas=[f"Shire {i}"])
        for agency in (cafcass, probation):
            structure.designation_create(partnership=p, agency=agency, kind="relevant_agency",
                                         start_date=START)
        people.membership_create(user=cast.bu_manager, partnership=p,
                                 role="business_unit_manager", start_date=START)
        people.membership_create(user=cast.scrutineer, partnership=p,
                                 role="independent_scrutineer", start_date=START)
        if i == 0:
            people.membership_create(user=lead, partnership=p, role="agency_lead",
                                     agency=cafcass, start_date=START)
        cycles.cycle_create(partnership=p, template=cast.s11_template, name=f"Shire {i} 2025",
                            opens_on=datetime.date(2025, 9, 1),
                            closes_on=datetime.date(2025, 12, 19),
                            agencies=[cafcass, probation])
        for agency in (cafcass, probation):
            actions.action_create(
                partnership=p, source="meeting", description=f"{agency.name} action {i}",
                owner_agency=agency, due_on=datetime.date(2026, 7, 1),
                created_by=cast.bu_manager)
        partnerships.append(p)
    return cafcass, probation, lead, partnerships


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return len(queries), response


def counts(client):
    for name in api_lists():  # warm the process's caches (content types, permissions)
        client.get(reverse(name))
    return {name: count(client, reverse(name))[0] for name in api_lists()}


# Queries per API list (no ?partnership=), the same for 1 partnership as for 12.
LEAD = {
    "api-agency-list": 9, "api-child-protection-team-list": 8, "api-inbox-list": 7,
    "api-partnership-list": 8, "arrangements:api-version-list": 10,
    "funding:api-contribution-list": 9, "funding:api-year-list": 14,
    "governance:api-action-list": 11, "governance:api-group-list": 9,
    "governance:api-meeting-list": 9, "reviews:api-national-review-list": 8,
    "reviews:api-notification-list": 9, "reviews:api-practice-review-list": 8,
    "reviews:api-rapid-review-list": 9, "reviews:api-recommendation-list": 8,
    "s11:api-cycle-list": 11, "s11:api-return-list": 13, "scrutiny:api-activity-list": 8,
    "scrutiny:api-challenge-list": 10, "scrutiny:api-dataset-measure-list": 9,
    "scrutiny:api-dataset-return-list": 9,
}
PARTNERSHIP_ROLE = {
    "api-agency-list": 9, "api-child-protection-team-list": 9, "api-inbox-list": 7,
    "api-partnership-list": 8, "arrangements:api-version-list": 10,
    "funding:api-contribution-list": 11, "funding:api-year-list": 13,
    "governance:api-action-list": 11, "governance:api-group-list": 11,
    "governance:api-meeting-list": 12, "reviews:api-national-review-list": 9,
    "reviews:api-notification-list": 11, "reviews:api-practice-review-list": 9,
    "reviews:api-rapid-review-list": 12, "reviews:api-recommendation-list": 9,
    "s11:api-cycle-list": 11, "s11:api-return-list": 16, "scrutiny:api-activity-list": 11,
    "scrutiny:api-challenge-list": 12, "scrutiny:api-dataset-measure-list": 11,
    "scrutiny:api-dataset-return-list": 11,
}
MANAGER = PARTNERSHIP_ROLE
SCRUTINEER = {**PARTNERSHIP_ROLE, "api-inbox-list": 6}  # no notifications of their own


def test_every_api_list_is_pinned():
    assert set(api_lists()) == set(LEAD) == set(PARTNERSHIP_ROLE)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 12])
def test_api_lists_cost_the_same_in_1_or_12_partnerships(cast, client_for, n):
    _, _, lead, _ = national(cast, n)
    assert counts(client_for(lead)) == LEAD
    assert counts(client_for(cast.bu_manager)) == MANAGER
    assert counts(client_for(cast.scrutineer)) == SCRUTINEER


def rows(client, name, **query):
    return client.get(reverse(name), query).json()["results"]


@pytest.mark.django_db
def test_the_national_lead_sees_its_agency_in_every_partnership_and_no_other(cast, client_for):
    cafcass, probation, lead, partnerships = national(cast, 12)
    ids = {p.pk for p in partnerships}
    client = client_for(lead)

    returns = rows(client, "s11:api-return-list")
    assert [r["agency"] for r in returns] == [cafcass.pk]  # one return shared by all 12
    assert {q["partnership"] for q in returns[0]["requests"]} == ids
    assert {c["partnership"] for c in rows(client, "s11:api-cycle-list")} == ids
    found = rows(client, "governance:api-action-list")
    assert sorted(a["partnership"] for a in found) == sorted(ids)
    assert {a["owner_agency"] for a in found} == {cafcass.pk}
    # ?partnership= narrows to one of theirs; another's answers 404.
    one = partnerships[5]
    narrowed = rows(client, "governance:api-action-list", partnership=one.pk)
    assert [(a["partnership"], a["owner_agency"]) for a in narrowed] == [(one.pk, cafcass.pk)]
    assert client.get(reverse("governance:api-action-list"),
                      {"partnership": cast.p2.pk}).status_code == 404
    assert rows(client, "reviews:api-practice-review-list") == []  # not a review reader

    manager = client_for(cast.bu_manager)
    found = rows(manager, "governance:api-action-list", partnership=one.pk)
    assert {a["owner_agency"] for a in found} == {cafcass.pk, probation.pk}
    requests = {(q["partnership"], r["agency"]) for r in rows(manager, "s11:api-return-list")
                for q in r["requests"]}
    assert {(p, a) for p in ids for a in (cafcass.pk, probation.pk)} <= requests
    assert cast.p2.pk not in {p for p, _ in requests}  # not the manager's partnership
