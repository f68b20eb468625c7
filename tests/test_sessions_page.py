""""Your sessions": allauth.usersessions records every signed-in session (from the portal's
sign-in page and from a test's force_login alike); the page lists the person's live ones;
signing out everywhere else, or everywhere, ends them for real."""

from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership.models import User
from partnership.services.sessions import NO_ADDRESS, device_description

from .cast import PASSWORD

pytestmark = pytest.mark.django_db

CHROME_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/131.0.0.0 Safari/537.36")
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/131.0.2903.86"
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture
def person(db):
    return User.objects.create_user("person@cast.example", PASSWORD, full_name="Pat Person")


def signed_in(user, agent=CHROME_WINDOWS, ip="10.0.0.1"):
    """A browser signed in through the portal's sign-in page."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    return client


@pytest.mark.parametrize("agent,device", [
    (CHROME_WINDOWS, "Chrome on Windows"), (SAFARI_IPHONE, "Safari on iOS"),
    (EDGE_WINDOWS, "Edge on Windows"), (FIREFOX_LINUX, "Firefox on Linux"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/18.1 Safari/605.1.15", "Safari on macOS"),
    ("curl/8.5.0", "An unknown device"), ("", "An unknown device"),
])
def test_devices_are_described_plainly(agent, device):
    assert device_description(agent) == device


def test_the_sign_in_page_records_the_session(person):
    client = signed_in(person, SAFARI_IPHONE, "192.0.2.7")
    row = UserSession.objects.get(user=person)
    assert row.session_key == client.session.session_key
    assert (row.ip, row.user_agent) == ("192.0.2.7", SAFARI_IPHONE)


def test_a_session_begun_without_a_network_address_is_recorded_too(person, settings):
    """A session made by code (the test client's force_login) has its row from the start, so
    "sign out everywhere" and a second factor's reset end it too; "last seen" is written at
    most once a minute (not three queries on every request)."""
    settings.SESSION_SEEN_EVERY_SECONDS = 60
    client = Client(HTTP_USER_AGENT=FIREFOX_LINUX)
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    row = UserSession.objects.get(user=person)
    assert row.session_key == client.session.session_key and row.ip == NO_ADDRESS
    client.get(reverse("home"))
    assert UserSession.objects.get(user=person).last_seen_at == row.last_seen_at
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.get(reverse("home"))
    assert UserSession.objects.get(user=person).last_seen_at > row.last_seen_at


def test_the_page_lists_each_session_and_marks_this_one(person):
    here = signed_in(person, CHROME_WINDOWS, "10.0.0.1")
    signed_in(person, SAFARI_IPHONE, "192.0.2.7")
    other = User.objects.create_user("other@cast.example", PASSWORD, full_name="Other")
    signed_in(other, FIREFOX_LINUX, "203.0.113.9")
    home = here.get(reverse("home")).content.decode()
    assert reverse("usersessions_list") in home  # linked from where the person starts
    body = here.get(reverse("usersessions_list")).content.decode()
    assert body.count("<h2 class=\"govuk-summary-card__title\">") == 2
    assert "Chrome on Windows <strong class=\"govuk-tag govuk-tag--green\">This device" in body
    assert "Safari on iOS" in body and "192.0.2.7" in body and "10.0.0.1" in body
    assert "Firefox" not in body and "203.0.113.9" not in body  # another person's
    assert "Sign out everywhere else" in body and "Sign out everywhere" in body


def test_sessions_that_ended_are_not_listed_and_their_rows_go(person):
    here = signed_in(person)
    there = signed_in(person, SAFARI_IPHONE)
    Session.objects.filter(session_key=there.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1))
    body = here.get(reverse("usersessions_list")).content.decode()
    assert "Safari" not in body
    assert list(UserSession.objects.filter(user=person).values_list("session_key", flat=True)) \
        == [here.session.session_key]


def test_the_list_s_queries_do_not_grow_with_sessions(person):
    here = signed_in(person)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert here.get(reverse("usersessions_list")).status_code == 200
        counts.append(len(queries))
        for n in range(4):
            signed_in(person, SAFARI_IPHONE, f"192.0.2.{n + 10}")
    assert counts[0] == counts[1]


def test_sign_out_everywhere_else_ends_the_others_for_real(person):
    here = signed_in(person)
    there = signed_in(person, SAFARI_IPHONE)
    elsewhere = signed_in(person, FIREFOX_LINUX)
    keys = {c.session.session_key for c in (there, elsewhere)}
    confirm = here.get(reverse("usersessions_end_others"))
    assert "Sign out everywhere else" in confirm.content.decode()
    response = here.post(reverse("usersessions_end_others"))
    assert response["Location"] == reverse("usersessions_list")
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert list(UserSession.objects.filter(user=person).values_list("session_key", flat=True)) \
        == [here.session.session_key]
    assert "Signed out of 2 other sessions." in here.get(response["Location"]).content.decode()
    for client in (there, elsewhere):
        assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert here.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_ends_this_one_too(person):
    here = signed_in(person)
    there = signed_in(person, SAFARI_IPHONE)
    response = here.post(reverse("usersessions_end_all"))
    assert response["Location"] == reverse("signed-out")
    assert not UserSession.objects.filter(user=person).exists()
    assert not Session.objects.filter(
        session_key__in=[there.session.session_key]).exists()
    for client in (here, there):
        assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_signing_out_ends_the_session_s_row(person):
    here = signed_in(person)
    there = signed_in(person, SAFARI_IPHONE)
    key = here.session.session_key
    assert here.post(reverse("logout")).status_code == 302
    assert not UserSession.objects.filter(session_key=key).exists()
    assert UserSession.objects.filter(session_key=there.session.session_key).exists()


def test_keep_alive_answers_the_time_left(person, settings):
    here = signed_in(person)
    response = here.post(reverse("usersessions_keep_alive"))
    assert response.status_code == 200
    assert 0 < response.json()["seconds_left"] <= settings.SESSION_COOKIE_AGE
    settings.SESSION_ABSOLUTE_TIMEOUT = 60  # the absolute timeout comes first
    assert here.post(reverse("usersessions_keep_alive")).json()["seconds_left"] <= 60
    assert Client().post(reverse("usersessions_keep_alive"))["Location"].startswith(
        reverse("login"))
