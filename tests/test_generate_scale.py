"""manage.py generate_scale (a deployment N times the demo, for scripts/bench) at a tiny
factor on SQLite, and scripts/bench's list of routes."""

import io
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from agencies.models import Request, Return
from governance.models import Attendance
from partnership import scale
from partnership.models import (
    Agency,
    AgencyGroupObjectPermission,
    Designation,
    Partnership,
    PartnershipGroupObjectPermission,
    User,
)
from partnership.services import access

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import bench_routes  # noqa: E402

pytestmark = pytest.mark.django_db
PASSWORD = "a-scale-password-14"


@pytest.fixture(scope="module")
def _deployment(django_db_setup, django_db_blocker):
    """Generated once for the module, in a transaction rolled back at its end."""
    with (django_db_blocker.unblock(),
          override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
          transaction.atomic()):
        out = io.StringIO()
        call_command("generate_scale", factor=0.1, partnerships=3, password=PASSWORD,
                     allow_sqlite=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def deployment(_deployment, db):
    return _deployment


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the refusal is of SQLite")
def test_it_refuses_sqlite_unless_allowed(db):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_scale", factor=0.1, password=PASSWORD)


def test_what_it_builds(deployment):
    assert Partnership.objects.count() == 3
    cafcass = Agency.objects.get(name="CAFCASS")
    for name in scale.NATIONAL:  # national agencies take part in every partnership
        assert Designation.objects.active().filter(agency__name=name).count() == 3
    plan = scale.Plan.of(0.1, 3)
    assert Agency.objects.count() == 2 + plan.police + plan.icbs + plan.trusts + 3 * plan.local
    # one return a year for CAFCASS, shared by the three partnerships that ask it
    assert Return.objects.filter(agency=cafcass).count() == scale.YEARS
    assert Request.objects.filter(agency=cafcass).count() == 3 * scale.YEARS
    assert Attendance.objects.exists()
    for email in scale.PERSONAS.values():
        assert email in deployment


def test_its_grants_are_those_the_services_write(deployment):
    def rows():
        return (set(AgencyGroupObjectPermission.objects.values_list(
                    "group__name", "permission_id", "content_object_id")),
                set(PartnershipGroupObjectPermission.objects.values_list(
                    "group__name", "permission_id", "content_object_id")),
                set(User.groups.through.objects.values_list("user_id", "group__name")))

    made = rows()
    access.access_sync_all()
    assert rows() == made
    assert all(made)


def sign_in(client, email):
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_personas_sign_in_and_see_their_lists(deployment, client):
    slug = Partnership.objects.order_by("pk").first().slug
    sign_in(client, scale.PERSONAS["manager"])
    agencies = client.get(reverse("agency-list", kwargs={"slug": slug}))
    assert agencies.status_code == 200
    assert "Area 001 Council" in agencies.content.decode()
    assert client.get(reverse("s11:return-list", kwargs={"slug": slug})).status_code == 200
    client.logout()
    sign_in(client, scale.PERSONAS["scrutineer"])
    assert client.get(reverse("scrutiny:challenge-list", kwargs={"slug": slug})).status_code == 200
    client.logout()
    sign_in(client, scale.PERSONAS["national_lead"])
    api = client.get(reverse("s11:api-return-list"))
    assert api.status_code == 200
    assert {r["agency"] for r in api.json()["results"]} == {Agency.objects.get(name="CAFCASS").pk}


@pytest.mark.db_agnostic
def test_the_benchmark_measures_every_list():
    measured = {name for name, _ in bench_routes.pages()} | set(bench_routes.api_lists())
    lists = {name for route, name in bench_routes.walk() if bench_routes.is_list(route, name)}
    assert lists and lists <= measured, f"scripts/bench misses {sorted(lists - measured)}"
    assert {"s11:return-list", "scrutiny:dashboard", "governance:attendance-export-csv",
            "s11:api-return-list"} <= measured
