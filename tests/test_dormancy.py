"""Dormant accounts (issue 15, acceptance "dormant deactivation"): warned once at 76 days
unused, deactivated at 90, a sign-in in between starts the count again; pending invitations,
accounts already long unused, the last superuser; the nightly task."""

import datetime

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership import tasks
from partnership.models import User
from partnership.services.dormancy import dormancy_sweep

from .cast import PASSWORD

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def day(n, hour=3):
    """The nightly run `n` days after T0 (at 03:00, as the beat schedule has it)."""
    return T0.replace(hour=hour) + datetime.timedelta(days=n)


def sweep_on(n):
    with time_machine.travel(day(n), tick=False):
        return dormancy_sweep()


def sign_in(user):
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response
    return client


@pytest.fixture
def person(db):
    """Made and signed in at T0."""
    with time_machine.travel(T0, tick=False):
        user = User.objects.create_user("person@cast.example", PASSWORD, full_name="Pat Person")
        sign_in(user)
    return user


def test_warned_once_at_76_days_and_deactivated_at_90(person, mailoutbox):
    assert sweep_on(75) == {"deactivated": 0, "warned": 0}
    assert sweep_on(76) == {"deactivated": 0, "warned": 1}
    [mail] = mailoutbox
    assert mail.to == [person.email]
    assert mail.subject == f"Your {settings.SERVICE_NAME} account will be closed on 31 May 2026"
    assert "sign in before 31 May 2026" in mail.body
    assert settings.SITE_URL.rstrip("/") + reverse("login") in mail.body
    person.refresh_from_db()
    assert person.dormancy_warned_at == day(76)
    assert sweep_on(77) == {"deactivated": 0, "warned": 0}  # once only
    assert sweep_on(89) == {"deactivated": 0, "warned": 0}
    assert len(mailoutbox) == 1
    assert sweep_on(90) == {"deactivated": 1, "warned": 0}
    person.refresh_from_db()
    assert not person.is_active
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.changes_dict["is_active"] == ["True", "False"]
    assert entry.additional_data["event"] == "dormant account deactivated"
    assert entry.additional_data["last_used"].startswith("2026-03-02T09:00")


def test_a_sign_in_in_between_starts_the_count_again(person, mailoutbox):
    sweep_on(76)
    with time_machine.travel(day(80, hour=10), tick=False):
        sign_in(person)
    person.refresh_from_db()
    assert person.dormancy_warned_at is None
    assert sweep_on(90) == {"deactivated": 0, "warned": 0}
    assert sweep_on(80 + 75) == {"deactivated": 0, "warned": 0}
    assert sweep_on(80 + 76) == {"deactivated": 0, "warned": 1}  # the next spell, warned again
    assert len(mailoutbox) == 2
    assert sweep_on(80 + 90) == {"deactivated": 1, "warned": 0}


def test_a_reactivated_account_is_warned_again_before_it_closes_again(person, mailoutbox):
    sweep_on(76)
    sweep_on(90)
    User.objects.filter(pk=person.pk).update(is_active=True)  # the platform admin
    assert sweep_on(91) == {"deactivated": 0, "warned": 1}
    assert sweep_on(104)["deactivated"] == 0
    assert sweep_on(105)["deactivated"] == 1


def test_a_session_seen_lately_counts_as_use(person):
    UserSession.objects.create(user=person, ip="10.0.0.1", session_key="k" * 32,
                               user_agent="", last_seen_at=day(70))
    assert sweep_on(90) == {"deactivated": 0, "warned": 0}
    assert sweep_on(70 + 76)["warned"] == 1


def test_an_invitation_never_accepted_counts_from_the_invitation(db, settings, mailoutbox):
    with time_machine.travel(T0, tick=False):
        invited = User.objects.create_user("invited@cast.example", None, full_name="Invited")
    assert sweep_on(76)["warned"] == 1
    assert "ask your partnership's business unit" in mailoutbox[0].body
    assert sweep_on(90)["deactivated"] == 1
    invited.refresh_from_db()
    assert not invited.is_active


def test_a_pending_invitation_outlives_its_link(db, settings):
    settings.INVITATION_TIMEOUT = 120 * 24 * 60 * 60  # a deployment's 120-day links
    with time_machine.travel(T0, tick=False):
        User.objects.create_user("invited@cast.example", None, full_name="Invited")
    assert sweep_on(76)["warned"] == 1
    assert sweep_on(110)["deactivated"] == 0
    assert sweep_on(120)["deactivated"] == 0  # its link works until 09:00
    assert sweep_on(121)["deactivated"] == 1


def test_accounts_already_long_unused_are_warned_before_they_are_closed(person, mailoutbox):
    assert sweep_on(200) == {"deactivated": 0, "warned": 1}
    assert "sign in before 2 October 2026" in mailoutbox[0].body  # 14 days on
    assert sweep_on(213)["deactivated"] == 0
    assert sweep_on(214)["deactivated"] == 1


def test_the_last_active_superuser_is_kept(db):
    with time_machine.travel(T0, tick=False):
        first = User.objects.create_superuser("first@cast.example", PASSWORD, full_name="First")
    with time_machine.travel(day(1, hour=9), tick=False):
        second = User.objects.create_superuser("second@cast.example", PASSWORD, full_name="Two")
    sweep_on(80)
    assert sweep_on(100)["deactivated"] == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)  # the one used last stays


def test_dormant_superusers_go_while_another_is_active(db):
    with time_machine.travel(T0, tick=False):
        dormant = User.objects.create_superuser("old@cast.example", PASSWORD, full_name="Old")
    with time_machine.travel(day(60, hour=9), tick=False):
        User.objects.create_superuser("new@cast.example", PASSWORD, full_name="New")
    sweep_on(80)
    assert sweep_on(100)["deactivated"] == 1
    dormant.refresh_from_db()
    assert not dormant.is_active


def test_the_warning_s_queries_do_not_grow_with_people(db, mailoutbox):
    def made(n, start):
        with time_machine.travel(T0 + datetime.timedelta(days=start), tick=False):
            for i in range(n):
                User.objects.create_user(f"p{start}-{i}@cast.example", None, full_name="P")

    counts = []
    for start, n in ((0, 2), (10, 6)):
        made(n, start)
        with time_machine.travel(day(start + 76), tick=False), \
                CaptureQueriesContext(connection) as queries:
            assert dormancy_sweep()["warned"] == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_nightly_task_runs_the_sweep(person, mailoutbox):
    assert settings.CELERY_BEAT_SCHEDULE["dormant-accounts"]["task"] == \
        "partnership.tasks.dormancy_sweep"
    with time_machine.travel(day(76), tick=False):
        assert tasks.dormancy_sweep.delay().get() == {"deactivated": 0, "warned": 1}
    with time_machine.travel(day(90), tick=False):
        assert tasks.dormancy_sweep.delay().get() == {"deactivated": 1, "warned": 0}
    assert not User.objects.get(pk=person.pk).is_active
