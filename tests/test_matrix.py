"""The role x route matrix test (security.md AC-01): every route of the project, for every
member of the cast, answers exactly what tests/matrix.py says; a denied or invalid write
changes nothing; a new route without an entry in the matrix fails the run."""

import json

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from partnership.models import AccessEvent, User
from partnership.permissions import mfa_required

from . import (
    matrix_api_access,
    matrix_arrangements,
    matrix_calendars,
    matrix_child_protection,
    matrix_funding_payments,
    matrix_governance,
    matrix_groups,
    matrix_inbox,
    matrix_lcspr,
    matrix_lifecycle,
    matrix_mfa,
    matrix_mfa_reset,
    matrix_minutes_template,
    matrix_notifications,
    matrix_organisations,
    matrix_plans,
    matrix_portfolio,
    matrix_practice,
    matrix_records,
    matrix_reviews,
    matrix_reviews_api,
    matrix_s11_analysis,
    matrix_s11_api,
    matrix_s11_cycles,
    matrix_s11_questions,
    matrix_s11_send_back,
    matrix_scrutiny_activities,
    matrix_scrutiny_challenge_files,
    matrix_scrutiny_dashboard,
    matrix_scrutiny_dataset,
    matrix_scrutiny_reports,
    matrix_section11,
    matrix_sessions,
    matrix_sso,
)
from .cast import CANARIES, USERS
from .conftest import second_factor_set_up, signed_in_with_second_factor
from .matrix import ADMIN_NAMESPACE
from .matrix import CASES as CORE_CASES

pytestmark = pytest.mark.db_agnostic

WROTE = (201, 202, 204, 302, 303)
# Each area keeps its cases in its own module (tests/matrix_*.py).
CASES = [*CORE_CASES, *matrix_governance.CASES, *matrix_groups.CASES, *matrix_calendars.CASES,
         *matrix_plans.CASES, *matrix_reviews.CASES, *matrix_practice.CASES,
         *matrix_reviews_api.CASES, *matrix_section11.CASES, *matrix_s11_cycles.CASES,
         *matrix_s11_analysis.CASES, *matrix_s11_api.CASES, *matrix_s11_send_back.CASES,
         *matrix_scrutiny_dashboard.CASES,
         *matrix_scrutiny_dataset.CASES, *matrix_scrutiny_activities.CASES,
         *matrix_scrutiny_reports.CASES, *matrix_scrutiny_challenge_files.CASES,
         *matrix_lifecycle.CASES,
         *matrix_records.CASES, *matrix_minutes_template.CASES, *matrix_lcspr.CASES,
         *matrix_organisations.CASES,
         *matrix_arrangements.CASES, *matrix_child_protection.CASES,
         *matrix_notifications.CASES, *matrix_funding_payments.CASES, *matrix_inbox.CASES,
         *matrix_s11_questions.CASES, *matrix_sessions.CASES, *matrix_mfa_reset.CASES,
         *matrix_api_access.CASES,
         *matrix_mfa.CASES, *matrix_sso.CASES, *matrix_portfolio.CASES]


@pytest.fixture(scope="module")
def _second_factors(_module_cast, django_db_blocker):
    """Everyone in the cast who must have a second factor has an authenticator app (for the
    module, as the cast): {user pk: authenticator}."""
    built, _ = _module_cast
    with django_db_blocker.unblock():
        return {user.pk: second_factor_set_up(user) for user in built.users.values()
                if user is not None and mfa_required(User.objects.get(pk=user.pk))}


@pytest.fixture
def client_for(client_for, settings, _second_factor_off, _second_factors):
    """The matrix runs with second factors enforced (MFA_ENFORCED): the clients of those who
    must have one are signed in with it, as after a code at sign-in."""
    settings.MFA_ENFORCED = True

    def make(user):
        client = client_for(user)
        if user is not None and user.pk in _second_factors:
            signed_in_with_second_factor(client, user, _second_factors[user.pk])
        return client

    return make


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def discovered_routes():
    routes = set()
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace.startswith(f"{ADMIN_NAMESPACE}:"):
            continue
        assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it and add it to the matrix"
        routes.add(namespace + pattern.name)
    return routes


def test_every_route_is_in_the_matrix():
    in_matrix = {case.name for case in CASES}
    missing = discovered_routes() - in_matrix
    assert not missing, f"routes with no expected outcome in tests/matrix.py: {sorted(missing)}"
    stale = in_matrix - discovered_routes()
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"


def test_every_case_covers_the_whole_cast():
    for case in CASES:
        assert set(case.expected) == set(USERS), case.id()


def snapshot():
    """Everything a write through these routes could change: every row of the project's
    apps (reads are logged in AccessEvent, which a refused write may add to)."""
    rows = [list(User.objects.order_by("pk").values_list("pk", "email", "password", "is_active"))]
    for label in ("partnership", "governance", "funding", "reviews", "agencies", "scrutiny",
                  "arrangements"):
        for model in apps.get_app_config(label).get_models():
            if model not in (User, AccessEvent) and not model._meta.auto_created:
                rows.append(list(model.objects.order_by("pk").values()))
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.id() for case in CASES])
def test_route(case, cast, client_for):
    kwargs = case.kwargs(cast) if case.kwargs else {}
    url = reverse(case.name, kwargs=kwargs) + case.query.format(p1=cast.p1.pk)
    data = case.data(cast) if callable(case.data) else case.data
    failures = []
    writes = case.method != "get"
    before = None  # the data as it stands: taken again only after a write that succeeded
    for who in USERS:
        client = client_for(cast.users[who])
        if writes and before is None:
            before = snapshot()
        send = getattr(client, case.method)
        if case.json:
            response = send(url, data=json.dumps(data or {}), content_type="application/json")
        else:
            response = send(url, data=data or {})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        leaked = [token for token, allowed in CANARIES.items()
                  if who not in allowed and token in body]
        if leaked:
            failures.append(f"{who}: saw {leaked}")
        expected = case.expected[who]
        if response.status_code != expected:
            failures.append(f"{who}: expected {expected}, got {response.status_code}")
            before = None
            continue
        if response.status_code == 302 and who == "anon" and case.name not in (
            "logout", "partnership-switch"
        ):
            assert response["Location"].startswith(reverse("login")), (case.id(), who)
        # A write that did not succeed (refused, or a form shown again with its errors)
        # changes nothing.
        if writes and response.status_code not in WROTE:
            assert snapshot() == before, f"{case.id()}: {who} changed data with a refused write"
        elif writes:
            before = None
    assert not failures, f"{case.id()} {url}:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_admin_is_for_platform_staff_only(cast, client_for):
    """Every admin page sends anyone who is not platform staff to the admin sign-in."""
    admin_urls = []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace.startswith(f"{ADMIN_NAMESPACE}:") and pattern.name:
            names = pattern.pattern.regex.groupindex
            kwargs = dict.fromkeys(names, "1")
            if "app_label" in names:
                kwargs["app_label"] = "partnership"
            if "content_type_id" in names:
                continue  # the shortcut view redirects anyone; it reveals nothing itself
            try:
                admin_urls.append(reverse(namespace + pattern.name, kwargs=kwargs))
            except NoReverseMatch:  # patterns with converters a sample "1" cannot fill
                continue
    assert len(admin_urls) > 20
    for who in ("anon", "bu_manager", "lead_a"):
        client = client_for(cast.users[who])
        for url in admin_urls:
            response = client.get(url)
            if url.endswith("/login/") or url.endswith("/logout/"):
                continue
            assert response.status_code == 302, (who, url, response.status_code)
            assert "/login/" in response["Location"], (who, url)
    staff = cast.bu_manager
    staff.is_staff = True
    staff.save()
    assert client_for(staff).get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_canaries_show_where_they_are_allowed(cast, client_for):
    """The leak check above only means something if the tokens do reach the pages."""
    p2_people = client_for(cast.bu_p2).get(reverse("people", kwargs={"slug": cast.p2.slug}))
    assert "CNRY-TITLE-X" in p2_people.content.decode()
    detail = client_for(cast.lead_a).get(
        reverse("agency-detail", kwargs={"slug": cast.p1.slug, "pk": cast.agency_a.pk}))
    assert "CNRY-AGENCY-A" in detail.content.decode()
    listing = client_for(cast.bu_p2).get(reverse("api-agency-list")).content.decode()
    assert "CNRY-POLICE" in listing and "CNRY-AGENCY-X" in listing and "CNRY-ICB-2" in listing
