"""Self-assessment items on the home page: agency leads' returns to complete or amend,
chief officers' returns to sign off, the business unit's extension requests and overdue
returns; each in the partnership it belongs to, in a number of queries that does not grow
with the returns."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies import home
from agencies.services import cycles, returns
from partnership import registry

pytestmark = pytest.mark.django_db

D = datetime.date


def titles(user, partnership):
    return [task.title for task in home.assessment_tasks(user, partnership)]


def complete(cast, assessment, user):
    assessment.refresh_from_db()
    version = assessment.version
    for standard in cast.s11_template.standards.all():
        returns.answer_save(assessment=assessment, standard=standard, user=user, version=version,
                            rating=3, narrative="Met")
        returns.evidence_add(assessment=assessment, standard=standard, user=user,
                             version=version + 1, title="Policy", link="https://a.example/p")
        version += 2
    assessment.refresh_from_db()
    return assessment


def test_agency_lead_completes_their_own_returns(cast):
    overdue = timezone.localdate() > D(2025, 12, 19)
    [task] = home.assessment_tasks(cast.lead_a, cast.p1)
    assert task.title == "Complete the Agency A Academy Section 11 return"
    assert task.url == reverse("s11:return", args=[cast.p1.slug, cast.return_a.pk])
    assert task.description == ("P1 Section 11 2025. "
                                f"{'Was due' if overdue else 'Due'} 19 December 2025.")
    assert task.overdue == overdue
    assert home.assessment_tasks(cast.lead_a, cast.p2) == []
    # Contributors answer, but completing the return is the lead's task; the police's
    # return is submitted; other people have nothing to complete.
    for who in ("contributor_a", "chief_a", "lead_police", "scrutineer", "lsp", "outsider"):
        assert titles(cast.users[who], cast.p1) == [], who
    assert titles(cast.lead_x, cast.p2) == ["Complete the Agency X Charity Section 11 return"]


def test_returned_return_and_sign_off(cast):
    assert titles(cast.chief_a, cast.p1) == []
    assessment = complete(cast, cast.return_a, cast.lead_a)
    returns.submit(assessment=assessment, user=cast.lead_a, version=assessment.version)
    assert titles(cast.lead_a, cast.p1) == []
    [task] = home.assessment_tasks(cast.chief_a, cast.p1)
    assert task.title == "Sign off the Agency A Academy Section 11 return"
    assert task.url == reverse("s11:return", args=[cast.p1.slug, cast.return_a.pk])
    assert task.description.startswith("P1 Section 11 2025. Submitted ")
    returns.send_back(assessment=assessment, user=cast.bu_manager,
                      reason="Add the training figures for 2025")
    assert titles(cast.chief_a, cast.p1) == []
    [task] = home.assessment_tasks(cast.lead_a, cast.p1)
    assert task.title == "The Agency A Academy Section 11 return was sent back for amendment"
    assert task.description.endswith("“Add the training figures for 2025”")


def test_business_unit_sees_extensions_and_overdue_returns(cast):
    overdue_p1 = timezone.localdate() > D(2025, 12, 19)
    bu = {t.title: t for t in home.assessment_tasks(cast.bu_manager, cast.p1)}
    if overdue_p1:
        task = bu.pop("Overdue returns in the P1 Section 11 2025")
        assert task.count == 1 and task.overdue  # agency A's draft; the police submitted
        assert task.url == reverse("s11:cycle", args=[cast.p1.slug, cast.cycle1.pk])
    assert bu == {}
    cycles.extension_ask(request=cast.request_a, user=cast.lead_a, until=D(2026, 12, 31),
                         reason="Our lead is on leave")
    bu = {t.title: t for t in home.assessment_tasks(cast.bu_officer, cast.p1)}
    task = bu["Extension requests waiting for a decision"]
    assert task.count == 1
    assert task.url == reverse("s11:extension-list", args=[cast.p1.slug])
    # Nothing of P1's in P2, and partners do not run cycles.
    p2 = titles(cast.bu_p2, cast.p2)
    assert "Extension requests waiting for a decision" not in p2
    assert all("P1" not in title for title in p2)
    assert titles(cast.scrutineer, cast.p1) == []


def count(user, partnership):
    with CaptureQueriesContext(connection) as queries:
        tasks = home.assessment_tasks(user, partnership)
    return len(queries), tasks


def more_cycles(cast, n):
    for i in range(n):
        cycle = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template,
                                    name=f"Extra {i} {cycles.Cycle.objects.count()}",
                                    opens_on=D(2024, 1, 1), closes_on=D(2024, 3, 1),
                                    agencies=[cast.agency_a, cast.police])
        request = cycle.requests.get(agency=cast.agency_a)
        cycles.extension_ask(request=request, user=cast.lead_a, until=D(2024, 4, 1),
                             reason="Leave")


@pytest.mark.parametrize("who", ["lead_a", "chief_a", "bu_manager"])
def test_queries_do_not_grow(cast, who):
    user = cast.users[who]
    more_cycles(cast, 1)
    count(user, cast.p1)
    few, _ = count(user, cast.p1)
    more_cycles(cast, 5)
    many, tasks = count(user, cast.p1)
    assert few == many, f"{few} queries for a few returns, {many} for more"
    if who == "lead_a":
        assert len(tasks) == 7
    if who == "bu_manager":
        assert {t.title: t.count for t in tasks}["Extension requests waiting for a decision"] == 6


@pytest.fixture
def s11_home():
    registry.register_home(home.assessment_tasks)


def test_home_page_lists_them(cast, client_for, s11_home):
    page = client_for(cast.lead_a).get("/").content.decode()
    assert "Complete the Agency A Academy Section 11 return" in page
    assert "Complete the Shires Police" not in page
    assert "Complete the" not in client_for(cast.scrutineer).get("/").content.decode()
