"""Signing in, lockout, idle timeout, signing out and password reset."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnership.models import User

from .cast import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return User.objects.create_user("person@cast.example", PASSWORD, full_name="Pat Person")


def sign_in(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password},
                       REMOTE_ADDR=ip)


def test_sign_in_with_e_mail_address_in_any_case(client, person):
    response = sign_in(client, "Person@CAST.example")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("email,password", [
    ("person@cast.example", "wrong password entirely"),
    ("nobody@cast.example", PASSWORD),
    ("not-an-email", PASSWORD),
    ("", ""),
])
def test_bad_credentials_get_the_same_clear_message(client, person, email, password):
    response = sign_in(client, email, password)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "_auth_user_id" not in client.session


def test_wrong_password_message_is_specific(client, person):
    body = sign_in(client, "person@cast.example", "wrong password entirely").content.decode()
    assert "Enter a correct e-mail address and password" in body
    same = sign_in(client, "nobody@cast.example", "wrong password entirely").content.decode()
    assert "Enter a correct e-mail address and password" in same


def test_lockout_is_keyed_on_the_account_not_the_address(client, person, settings):
    other = User.objects.create_user("colleague@cast.example", PASSWORD, full_name="Colleague")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong password entirely")
    locked = sign_in(client, person.email)  # even the right password is refused now
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert "Other people in your organisation can still sign in" in locked.content.decode()
    # A colleague behind the same shared address is not affected.
    assert sign_in(client, other.email).status_code == 302
    assert other.pk == int(client.session["_auth_user_id"])


def test_a_successful_sign_in_resets_the_failure_count(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "wrong password entirely")
    assert sign_in(client, person.email).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "wrong password entirely")
    assert sign_in(client, person.email).status_code == 302


def test_closed_accounts_cannot_sign_in(client, person):
    person.is_active = False
    person.save()
    response = sign_in(client, person.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_idle_session_times_out(client, person, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    sign_in(client, person.email)
    session = Session.objects.get()
    first_expiry = session.expire_date
    client.get(reverse("home"))
    assert Session.objects.get().expire_date >= first_expiry  # activity extends it
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_is_post_only_and_ends_the_session(client, person):
    sign_in(client, person.email)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("signed-out")
    assert not Session.objects.exists()
    assert client.get(reverse("home")).status_code == 302


def test_signed_in_pages_are_not_cached(client, person):
    sign_in(client, person.email)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]


def test_password_reset_round_trip(client, person):
    response = client.post(reverse("password_reset"), {"email": "PERSON@cast.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "a brand new passphrase",
                                      "new_password2": "a brand new passphrase"})
    assert response.status_code == 302
    assert sign_in(client, person.email, "a brand new passphrase").status_code == 302
    # The link is spent.
    assert "This link has expired" in Client().get(link, follow=True).content.decode()


def test_password_reset_says_nothing_about_unknown_addresses(client, person):
    known = client.post(reverse("password_reset"), {"email": person.email}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@cast.example"},
                          follow=True)
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


def test_password_reset_rejects_a_bad_address_clearly(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_weak_passwords_are_refused(client, person):
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def Client():  # noqa: N802 - a fresh anonymous client
    from django.test import Client as DjangoClient

    return DjangoClient()


def test_sign_out_clears_what_the_browser_kept(client, person):
    sign_in(client, person.email)
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_sessions_end_after_the_absolute_lifetime(client, person, settings):
    sign_in(client, person.email)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session["signed_in_at"] -= settings.SESSION_ABSOLUTE_TIMEOUT + 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # signed out for good
