"""manage.py generate_scale (a deployment N times the demo, for scripts/bench) at a tiny
factor on SQLite, and scripts/bench's list of routes."""

import datetime
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
from partnership import dates, scale, scale_reviews, scale_scrutiny
from partnership.models import (
    Agency,
    AgencyGroupObjectPermission,
    Designation,
    Partnership,
    PartnershipGroupObjectPermission,
    User,
)
from partnership.services import access
from reviews.models import (
    AgencySummary,
    Notification,
    PracticeReview,
    PracticeSignOff,
    RapidReview,
    Recommendation,
    ReviewSignOff,
)
from scrutiny.models import (
    Consultation,
    ConsultationResponse,
    DatasetReturn,
    Measure,
    ScrutinyActivity,
)

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


def review_counts():
    return {model.__name__: model.objects.count() for model in (
        Notification, RapidReview, AgencySummary, ReviewSignOff, PracticeReview, PracticeSignOff,
        Recommendation, Measure, DatasetReturn, Consultation, ConsultationResponse,
        ScrutinyActivity)}


def test_case_reviews_and_scrutiny_records_in_proportion(deployment):
    counts = review_counts()
    # every year of each of the three partnerships, the current one up to today
    assert 3 * (scale.YEARS - 1) * scale_reviews.NOTIFICATIONS_A_YEAR < counts["Notification"] \
        <= 3 * scale.YEARS * scale_reviews.NOTIFICATIONS_A_YEAR
    assert counts["Measure"] == 3 * len(scale_scrutiny.MEASURES)
    assert counts["ScrutinyActivity"] == 3 * scale.YEARS * len(scale_scrutiny.ACTIVITY_TYPES)
    assert counts["Consultation"] >= 3 * (scale.YEARS - 1) * 2
    assert counts["DatasetReturn"] >= 3 * (scale.YEARS - 1) * 4 * 5
    assert counts["AgencySummary"] == counts["RapidReview"] * scale_reviews.SUMMARIES
    assert counts["Recommendation"] == counts["PracticeReview"] * scale_reviews.RECOMMENDATIONS
    assert all(counts.values()), counts
    # as the services make them: no rapid review for a care leaver's death; deadlines in
    # working days; three partners sign every decision; summaries asked of the partnership's
    # own agencies
    assert not RapidReview.objects.filter(notification__incident_type="care_leaver_death")
    case = Notification.objects.filter(rapid_review__decision="practice_review").first()
    assert case.notify_by == dates.statutory_deadline(case.la_aware_on, 5)
    assert case.rapid_review.due_on == dates.statutory_deadline(case.notified_on, 15)
    assert ReviewSignOff.objects.count() == 3 * RapidReview.objects.exclude(decision="").count()
    assert not ReviewSignOff.objects.exclude(signed_by__email__startswith="partner.")
    closed = Notification.objects.filter(closed_on__isnull=False)
    assert closed.exists()
    assert not closed.filter(closed_on__gt=datetime.date.today())
    assert not Notification.objects.filter(la_aware_on__gt=datetime.date.today())
    assert case.rapid_review.practice_review.sign_offs.filter(stage="commissioning").count() == 3
    for summary in AgencySummary.objects.select_related("rapid_review__notification")[:50]:
        assert Designation.objects.active().filter(
            partnership=summary.rapid_review.notification.partnership_id,
            agency=summary.agency_id).exists()
        assert summary.requested_on <= summary.due_on <= summary.rapid_review.due_on


def test_the_personas_see_the_new_lists(deployment, client):
    slug = Partnership.objects.order_by("pk").first().slug
    sign_in(client, scale.PERSONAS["manager"])
    for route, shown in (("reviews:case-list", "N-"), ("reviews:practice-review-list", "Child "),
                         ("reviews:recommendation-list", "Recommendation 1"),
                         ("scrutiny:dataset-return-list", "Area 001 Council"),
                         ("scrutiny:consultation-list", "Relevant agencies consultation")):
        page = client.get(reverse(route, kwargs={"slug": slug}))
        assert page.status_code == 200, route
        assert shown in page.content.decode(), route
    client.logout()
    sign_in(client, scale.PERSONAS["scrutineer"])
    page = client.get(reverse("scrutiny:activity-list", kwargs={"slug": slug}))
    assert page.status_code == 200
    assert "audit" in page.content.decode()


def test_only_reviews_adds_them_once(deployment):
    before = review_counts()
    for model in (Recommendation, PracticeReview, Notification, DatasetReturn, Measure,
                  Consultation, ScrutinyActivity):  # as a run that made none
        model.objects.filter(partnership__slug="area-002").delete()
    assert Notification.objects.exists()
    out = io.StringIO()
    call_command("generate_scale", only="reviews", allow_sqlite=True, stdout=out)
    assert review_counts() == before  # area-002's again; the others left alone
    call_command("generate_scale", only="reviews", allow_sqlite=True, stdout=out)
    assert review_counts() == before
    assert "nothing to add" in out.getvalue()


def test_the_benchmarks_case_review_and_scrutiny_pages_open_on_its_records(deployment, client):
    slug = Partnership.objects.order_by("pk").first().slug
    names = [name for name, extra in bench_routes.pages()
             if extra is None and name.split(":")[0] in ("reviews", "scrutiny")]
    assert "reviews:case-list" in names
    for persona in ("manager", "scrutineer"):
        sign_in(client, scale.PERSONAS[persona])
        for name in names:
            status = client.get(reverse(name, kwargs={"slug": slug})).status_code
            assert status in (200, 302, 403), (persona, name, status)
        client.logout()
