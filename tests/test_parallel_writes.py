"""Parallel writes through the API (issue 13): people saving the same record at the same time.

Each test releases N threads at once (a barrier), each with its own Django test Client and
its own database connection, against the WSGI handler; every request commits for real
(`transaction=True`). What must hold: every write answered 2xx is in the database
afterwards (two people who change different fields both keep their change; of two who change
the same field, one of the values stands), a loser is told 409 when the client's version is
stale (Section 11 answers) or when someone else created the same record first, and nothing
answers 500.

The database: on PostgreSQL, the test database itself. On SQLite the suite's test database is
in memory with a shared cache, which locks tables rather than the file and ignores the busy
timeout, so it says nothing about `make run`'s `db.sqlite3`. There the `database` fixture
points the default alias at a SQLite *file* for the test: a copy of the migrated test database
(sqlite3's backup API, so no migrations run), opened with the settings' own OPTIONS
(IMMEDIATE transactions, WAL, busy timeout), one connection per thread; the in-memory database
is put back afterwards. In process rather than a server subprocess: the same fixture and
assertions serve both backends, the cast is built with the ORM, and nothing can be left
running.
"""

import datetime
import sqlite3
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, connections, transaction
from django.db.models import QuerySet
from django.test import Client

from agencies.models import Answer, Return
from funding import services as funding
from funding.models import Contribution, FinancialYear
from partnership.errors import Conflict
from partnership.models import Agency
from partnership.services import api_tokens, structure
from reviews.models import Notification

from . import cast as cast_module

pytestmark = pytest.mark.django_db(transaction=True)

N = 7
ROUNDS = 3


@pytest.fixture
def database(transactional_db, tmp_path):
    """The database the threads write to (see the module docstring)."""
    if connection.vendor != "sqlite":
        yield connection.vendor
        return
    original = connections["default"]
    original.ensure_connection()
    path = tmp_path / "parallel.sqlite3"
    copy = sqlite3.connect(path)
    original.connection.backup(copy)
    copy.close()
    in_memory = connections.settings["default"]
    connections.settings["default"] = {**in_memory, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield "sqlite file"
    finally:
        connections["default"].close()
        connections.settings["default"] = in_memory
        connections["default"] = original


@pytest.fixture
def world(database, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with transaction.atomic():
        c = cast_module.build()
        c.tokens = {key: api_tokens.token_create(user=c.users[key])[1]
                    for key in ("bu_manager", "lead_a")}
    return c


def race(calls):
    """Run each call (a function of a test Client) in its own thread, all released together.
    Returns their responses (or the exception a call raised) in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        client = Client(raise_request_exception=False)
        try:
            barrier.wait(timeout=10)
            results[i] = call(client)
        except BaseException as error:  # noqa: BLE001 - reported by the assertions
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results


def statuses(results):
    return [getattr(r, "status_code", repr(r)) for r in results]


def patch(token, url, data):
    return lambda client: client.patch(url, data, content_type="application/json",
                                       HTTP_AUTHORIZATION=f"Token {token}")


def post(token, url, data):
    return lambda client: client.post(url, data, content_type="application/json",
                                      HTTP_AUTHORIZATION=f"Token {token}")


# ---------------------------------------------------------------- different fields, one record

def test_contribution_fields_patched_in_parallel_all_survive(world):
    url = f"/api/funding/contributions/{world.contribution_a.pk}/"
    for round_ in range(ROUNDS):
        day = datetime.date(2025, 5, 1 + round_)
        changes = [
            {"agreed": f"10{round_}.01"},
            {"earmark": f"CDOP {round_}"},
            {"invoice_date": day.isoformat()},
            {"invoiced": f"20{round_}.02"},
            {"invoice_reference": f"INV-{round_}"},
            {"due_on": day.isoformat()},
            {"in_kind": f"Rooms {round_}"},
        ]
        results = race([patch(world.tokens["bu_manager"], url, change) for change in changes])
        assert statuses(results) == [200] * N, statuses(results)
        row = Contribution.objects.get(pk=world.contribution_a.pk)
        assert (row.agreed, row.earmark, row.invoice_date, row.invoice_amount,
                row.invoice_reference, row.due_on, row.in_kind) == (
            Decimal(f"10{round_}.01"), f"CDOP {round_}", day, Decimal(f"20{round_}.02"),
            f"INV-{round_}", day, f"Rooms {round_}"), f"round {round_}"


def test_payments_recorded_in_parallel_all_count(world):
    """Several people record payments against one contribution at once: each payment is
    kept, and what was received is their sum (kept in step under the contribution's lock)."""
    url = f"/api/funding/contributions/{world.contribution_police.pk}/payments/"
    for round_ in range(ROUNDS):
        payments = [{"amount": f"{i + 1}.0{round_}", "received_on": "2025-05-01"}
                    for i in range(N)]
        results = race([post(world.tokens["bu_manager"], url, p) for p in payments])
        assert statuses(results) == [201] * N, statuses(results)
    row = Contribution.objects.get(pk=world.contribution_police.pk)
    expected = sum(Decimal(f"{i + 1}.0{r}") for i in range(N) for r in range(ROUNDS))
    assert row.payments.count() == N * ROUNDS
    assert row.received_amount == expected == sum(p.amount for p in row.payments.all())


def test_agency_fields_patched_in_parallel_all_survive(world):
    url = f"/api/agencies/{world.agency_a.pk}/"
    for round_ in range(ROUNDS):
        sector = ("health", "education")[round_ % 2]
        changes = [{"name": f"Agency A Academy {round_}"}, {"sector": sector},
                   {"description": f"CNRY-AGENCY-A {round_}"},
                   {"website": f"https://a{round_}.example"}]
        results = race([patch(world.tokens["bu_manager"], url, change) for change in changes])
        assert statuses(results) == [200] * len(changes), statuses(results)
        row = Agency.objects.get(pk=world.agency_a.pk)
        assert (row.name, row.sector, row.description, row.website) == (
            f"Agency A Academy {round_}", sector, f"CNRY-AGENCY-A {round_}",
            f"https://a{round_}.example"), f"round {round_}"


def test_year_fields_patched_in_parallel_all_survive(world):
    url = f"/api/funding/years/{world.year1.pk}/"
    for round_ in range(ROUNDS):
        changes = [{"declared_budget": f"100{round_}.00"}, {"notes": f"Notes {round_}"},
                   {"variance_reason": f"Reason {round_}"}]
        results = race([patch(world.tokens["bu_manager"], url, change) for change in changes])
        assert statuses(results) == [200] * len(changes), statuses(results)
        row = FinancialYear.objects.get(pk=world.year1.pk)
        assert (row.declared_budget, row.notes, row.variance_reason) == (
            Decimal(f"100{round_}.00"), f"Notes {round_}", f"Reason {round_}"), f"round {round_}"


def test_notification_fields_patched_in_parallel_all_survive(world):
    """Seven fields of one notification, each sent by its own PATCH at the same moment (the
    age band and "looked after" now come from its children: two other fields stand in)."""
    url = f"/api/reviews/notifications/{world.case1.pk}/"
    for round_ in range(ROUNDS):
        day = datetime.date(2025, 12, 19 + round_)
        incident_type = ("death", "serious_harm")[round_ % 2]
        changes = [{"pseudonym": f"Child A{round_}"}, {"summary": f"What happened {round_}"},
                   {"incident_type": incident_type},
                   {"closed_on": None if round_ % 2 else day.isoformat()},
                   {"incident_on": datetime.date(2025, 12, 1 + round_).isoformat()},
                   {"panel_reference": f"CSPN-000{round_}"},
                   {"partners_informed_on": day.isoformat()}]
        results = race([patch(world.tokens["bu_manager"], url, change) for change in changes])
        assert statuses(results) == [200] * N, statuses(results)
        row = Notification.objects.get(pk=world.case1.pk)
        assert (row.pseudonym, row.summary, row.incident_type, row.closed_on,
                row.incident_on, row.panel_reference, row.partners_informed_on) == (
            f"Child A{round_}", f"What happened {round_}", incident_type,
            None if round_ % 2 else day, datetime.date(2025, 12, 1 + round_),
            f"CSPN-000{round_}", day), f"round {round_}"


# ---------------------------------------------------------------- the same field

@pytest.mark.parametrize("what", ["contribution", "agency", "year"])
def test_same_field_patched_in_parallel_one_value_stands(world, what):
    url, field, model, pk = {
        "contribution": (f"/api/funding/contributions/{world.contribution_a.pk}/", "earmark",
                         Contribution, world.contribution_a.pk),
        "agency": (f"/api/agencies/{world.agency_a.pk}/", "description", Agency,
                   world.agency_a.pk),
        "year": (f"/api/funding/years/{world.year1.pk}/", "notes", FinancialYear,
                 world.year1.pk),
    }[what]
    values = [f"value {i}" for i in range(N)]
    results = race([patch(world.tokens["bu_manager"], url, {field: value}) for value in values])
    assert statuses(results) == [200] * N, statuses(results)
    assert getattr(model.objects.get(pk=pk), field) in values


# ---------------------------------------------------------------- versioned records: 409

def test_section11_answers_from_one_version_one_wins_the_rest_409(world):
    assessment = Return.objects.get(pk=world.return_a.pk)
    standard = world.s11_standard1
    url = f"/api/section11/returns/{assessment.pk}/answers/"
    narratives = [f"Answer {i}" for i in range(N)]
    results = race([post(world.tokens["lead_a"], url, {
        "standard_id": standard.pk, "rating": 3, "narrative": narrative,
        "version": assessment.version}) for narrative in narratives])
    codes = statuses(results)
    assert sorted(codes) == [201] + [409] * (N - 1), codes
    winner = narratives[codes.index(201)]
    assessment.refresh_from_db()
    assert assessment.version == world.return_a.version + 1
    assert Answer.objects.get(assessment=assessment, standard=standard).narrative == winner
    assert {r.json()["version"] for r in results if r.status_code == 409} == {assessment.version}


# ---------------------------------------------------------------- creates: unique constraints

@pytest.mark.parametrize("what", ["contribution", "year"])
def test_duplicate_creates_in_parallel_make_one_record_and_never_500(world, what):
    if what == "contribution":
        url, data = "/api/funding/contributions/", {
            "year": world.year1.pk, "agency": world.council1.pk, "agreed": "1.00"}
        made = Contribution.objects.filter(year=world.year1, agency=world.council1)
    else:
        url, data = "/api/funding/years/", {
            "partnership": world.p1.pk, "start_year": 2026, "declared_budget": "1.00"}
        made = FinancialYear.objects.filter(partnership=world.p1, start_year=2026)
    results = race([post(world.tokens["bu_manager"], url, data) for _ in range(N)])
    codes = statuses(results)
    assert codes.count(201) == 1 and set(codes) <= {201, 400, 409}, codes
    assert made.count() == 1


def test_a_create_beaten_to_the_unique_constraint_is_a_conflict(world):
    """The race a parallel test can only make likely, made certain: the checks before the
    insert see nothing (as when the other writer has not committed yet), the insert breaks
    the unique constraint, and the service answers Conflict (409), not an IntegrityError
    (500). The transaction stays usable: the insert ran in a savepoint."""
    real_exists = QuerySet.exists
    asked = []

    def exists(queryset):
        if queryset.model is Contribution:
            asked.append(queryset)
            if len(asked) <= 2:  # the service's check, then full_clean's
                return False
        return real_exists(queryset)

    with transaction.atomic():
        with mock.patch.object(QuerySet, "exists", exists), pytest.raises(Conflict):
            funding.contribution_create(year=world.year1, agency=world.agency_a,
                                        agreed=Decimal("1.00"))
        assert Contribution.objects.filter(year=world.year1, agency=world.agency_a).count() == 1


def test_renaming_an_agency_to_a_name_just_taken_is_a_conflict(world):
    """Two agencies renamed to the same name at once: the rename that loses to the unique
    name answers Conflict (409), not an IntegrityError (500)."""
    real_exists = QuerySet.exists
    asked = []

    def exists(queryset):
        if queryset.model is Agency:
            asked.append(queryset)
            if len(asked) == 1:  # full_clean's unique check, before the other commits
                return False
        return real_exists(queryset)

    with transaction.atomic():
        with mock.patch.object(QuerySet, "exists", exists), pytest.raises(Conflict):
            structure.agency_update(agency=world.agency_a, name=world.police.name)
        assert Agency.objects.filter(name=world.police.name).count() == 1
