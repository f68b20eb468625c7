"""Hardening (issue 13) of signing in and of what anyone may ask without signing in: the
lockout counts an account whatever the letter case of its e-mail address (the pages, the API
token endpoint, the platform admin); password-reset links come from SITE_URL; the token
endpoint and the password-reset form are limited per client address."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from partnership.models import User

from .cast import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "wrong password entirely"
VARIANTS = ["chief.constable@nyscp.example", "Chief.Constable@nyscp.example",
            "CHIEF.CONSTABLE@NYSCP.EXAMPLE", " chief.constable@NYSCP.example "]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # throttle counts live in the cache
    yield
    cache.clear()


@pytest.fixture
def chief(db):
    return User.objects.create_user(VARIANTS[0], PASSWORD, full_name="Chris Whitby")


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}
    return set_rates


def page_sign_in(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password},
                       REMOTE_ADDR="10.1.0.1")


def token(client, email, password=PASSWORD, ip="10.1.0.2"):
    return client.post(reverse("api-token"), {"username": email, "password": password},
                       content_type="application/json", REMOTE_ADDR=ip)


def admin_sign_in(client, email, password=PASSWORD):
    return client.post(reverse("admin:login"), {"username": email, "password": password,
                                                "next": reverse("admin:index")},
                       REMOTE_ADDR="10.1.0.3")


# ------------------------------------------------------------ 1. lockout and letter case
@pytest.mark.parametrize("variant", VARIANTS[1:])
def test_a_locked_account_stays_locked_in_any_letter_case(client, chief, settings, variant):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page_sign_in(client, VARIANTS[0], WRONG)
    assert page_sign_in(client, VARIANTS[0]).status_code == 429
    # Another spelling of the same address, with the right password, is locked too...
    assert page_sign_in(client, variant).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... and so is the API's token endpoint.
    response = token(client, variant)
    assert response.status_code == 429 and "token" not in response.json()


def test_failures_in_different_letter_cases_count_for_one_account(client, chief, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page_sign_in(client, VARIANTS[attempt % len(VARIANTS)], WRONG)
    assert page_sign_in(client, VARIANTS[0]).status_code == 429


def test_token_failures_in_different_letter_cases_lock_the_account(client, chief, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert token(client, VARIANTS[attempt % len(VARIANTS)], WRONG).status_code == 400
    token(client, VARIANTS[-1], WRONG)  # the failure that locks the account
    assert token(client, "Chief.CONSTABLE@nyscp.example").status_code == 429
    assert page_sign_in(client, VARIANTS[0]).status_code == 429


def test_the_token_endpoint_accepts_any_letter_case_when_not_locked(client, chief):
    response = token(client, "Chief.Constable@NYSCP.example")
    assert response.status_code == 200 and response.json()["token"]


def test_the_platform_admin_sign_in_is_locked_in_any_letter_case(client, settings):
    User.objects.create_superuser("platform@nyscp.example", PASSWORD, full_name="Platform")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        admin_sign_in(client, ["platform@nyscp.example", "Platform@NYSCP.example"][attempt % 2],
                      WRONG)
    assert admin_sign_in(client, "PLATFORM@nyscp.example").status_code == 429
    assert "_auth_user_id" not in client.session


# ------------------------------------------------------------ 16. reset links and limits
def test_password_reset_links_use_site_url_not_the_host_header(client, chief, settings):
    settings.SITE_URL = "https://portal.example"
    settings.ALLOWED_HOSTS = ["*"]
    response = client.post(reverse("password_reset"), {"email": VARIANTS[0]},
                           HTTP_HOST="attacker.example", REMOTE_ADDR="10.1.0.4")
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "attacker.example" not in body
    assert re.search(r"https://portal\.example/accounts/reset/\S+/\S+/", body)


def test_password_reset_requests_are_limited_per_address(client, chief, rates):
    rates(password_reset="2/hour")
    for _ in range(2):
        assert client.post(reverse("password_reset"), {"email": VARIANTS[0]},
                           REMOTE_ADDR="10.1.0.5").status_code == 302
    refused = client.post(reverse("password_reset"), {"email": VARIANTS[0]},
                          REMOTE_ADDR="10.1.0.5")
    assert refused.status_code == 429
    assert "Too many password reset requests have come from your address" in (
        refused.content.decode())
    assert len(mail.outbox) == 2  # nothing sent for the refused request
    # Another address is not affected.
    assert client.post(reverse("password_reset"), {"email": VARIANTS[0]},
                       REMOTE_ADDR="10.1.0.6").status_code == 302
    assert len(mail.outbox) == 3


def test_the_token_endpoint_is_limited_per_address(client, chief, rates):
    rates(auth_token="3/minute")
    for _ in range(3):
        assert token(client, VARIANTS[0], ip="10.1.0.7").status_code == 200
    refused = token(client, VARIANTS[0], ip="10.1.0.7")
    assert refused.status_code == 429
    assert "Too many sign-in requests from your address" in refused.json()["detail"]
    assert "Retry-After" in refused
    assert token(client, VARIANTS[0], ip="10.1.0.8").status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(client, chief, rates):
    rates(auth_token="2/minute")
    for n in range(2):
        client.post(reverse("api-token"), {"username": VARIANTS[0], "password": PASSWORD},
                    content_type="application/json", REMOTE_ADDR="10.1.0.9",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    refused = client.post(reverse("api-token"), {"username": VARIANTS[0], "password": PASSWORD},
                          content_type="application/json", REMOTE_ADDR="10.1.0.9",
                          HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert refused.status_code == 429
