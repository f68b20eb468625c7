"""load_demo and second factors (issue 15): without --totp-secret the demo people have none
and the sign-in list says who sets one up at first sign-in; with it, every demo person has an
authenticator app with that secret."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management import CommandError, call_command
from django.urls import reverse

from partnership.demo import PEOPLE

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def demo(demo_data, db):
    return demo_data


def listed(out, email):
    return re.search(rf"^  {re.escape(email)} .*$", out, re.MULTILINE).group(0)


def test_without_a_secret_nobody_has_one_and_the_list_says_who_needs_one(demo):
    emails = [person[0] for person in PEOPLE]
    assert not Authenticator.objects.filter(user__email__in=emails).exists()
    assert listed(demo, "manager@nyscp.example").endswith(" *")
    assert listed(demo, "dcs@nyscp.example").endswith(" *")
    assert listed(demo, "chief.officer.police@nyscp.example").endswith(" *")
    assert not listed(demo, "lead.police@nyscp.example").endswith(" *")  # optional in NY
    assert "set up an authenticator app or a passkey at their first sign-in" in demo
    assert "--totp-secret" in demo


def test_with_a_secret_everyone_signs_in_with_its_code(demo, client, settings):
    settings.MFA_ENFORCED = True
    out = io.StringIO()
    call_command("load_demo", "--password", DEMO_PASSWORD, "--totp-secret",
                 SECRET.lower(), stdout=out)
    for email, *_ in PEOPLE:
        assert Authenticator.objects.filter(user__email=email, type="totp").count() == 1, email
    assert " *" not in out.getvalue() and "secret you gave" in out.getvalue()
    response = client.post(reverse("login"), {"username": "manager@nyscp.example",
                                              "password": DEMO_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(SECRET, next(yield_hotp_counters_from_time())))
    assert client.post(reverse("mfa_authenticate"), {"code": code})["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("secret", ["not base32!", "JBSWY3DP", "JBSWY3DPEHPK3PX"])
def test_a_secret_that_is_not_base32_is_refused(secret):
    with pytest.raises(CommandError, match="--totp-secret must be a base32 secret"):
        call_command("load_demo", "--password", DEMO_PASSWORD, "--totp-secret", secret,
                     stdout=io.StringIO())
