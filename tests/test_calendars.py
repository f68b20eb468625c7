"""Calendar files (RFC 5545) of meetings and the private calendar feed: what goes in them,
what never does (confidential items), and the feed's secret address."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance import calendars
from governance.models import CalendarFeed
from governance.services import calendars as feed_services
from governance.services import groups, meetings

from .cast import START

pytestmark = pytest.mark.django_db


def events(content):
    return {str(e["uid"]): e for e in Calendar.from_ical(content).walk("VEVENT")}


def meeting_ics(client_for, user, meeting, slug="p1"):
    return client_for(user).get(reverse("governance:meeting-ics", kwargs={"slug": slug, "pk": meeting.pk}))


# --- One meeting's file -------------------------------------------------------------------

def test_meeting_file_parses_back(cast, client_for, settings):
    settings.SITE_URL = "https://portal.example"
    response = meeting_ics(client_for, cast.bu_manager, cast.meeting1)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="meeting-2025-06-03')
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == str(cast.meeting1.uid)
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == datetime.datetime(2025, 6, 3, 10, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2025, 6, 3, 12, 0, tzinfo=datetime.UTC)
    assert b"DTSTART:20250603T100000Z" in response.content  # UTC, no time zone block needed
    assert str(event["summary"]) == "Executive"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]) == f"https://portal.example/p/p1/meetings/{cast.meeting1.pk}/"
    assert "1. Budget CNRY-ITEM-PUBLIC" in str(event["description"])


@pytest.mark.parametrize("who", ["bu_manager", "lsp", "dsp", "lead_a", "scrutineer"])
def test_confidential_items_never_go_into_a_calendar(cast, client_for, who):
    """Not even for the group's members: a calendar file leaves the portal."""
    response = meeting_ics(client_for, cast.users[who], cast.meeting1)
    assert response.status_code == 200
    assert b"CNRY-CONF-ITEM" not in response.content
    assert b"CNRY-DRAFT-MINUTES" not in response.content
    assert b"Case paper" not in response.content
    assert "Budget CNRY-ITEM-PUBLIC" in str(events(response.content)[str(cast.meeting1.uid)][
        "description"])


def test_meeting_file_is_only_for_those_who_see_the_meeting(cast, client_for):
    assert meeting_ics(client_for, cast.chief_a, cast.meeting1).status_code == 404
    assert meeting_ics(client_for, cast.bu_p2, cast.meeting1).status_code == 404
    assert meeting_ics(client_for, cast.bu_manager, cast.meeting_p2).status_code == 404
    assert meeting_ics(client_for, cast.bu_p2, cast.meeting_p2, slug="p2").status_code == 200
    anon = meeting_ics(client_for, None, cast.meeting1)
    assert anon.status_code == 302 and anon["Location"].startswith(reverse("login"))


def test_a_change_of_time_bumps_the_sequence(cast, client_for):
    meetings.meeting_update(meeting=cast.meeting1,
                            starts_at=datetime.datetime(2025, 6, 10, 13, 30, tzinfo=datetime.UTC))
    event = events(meeting_ics(client_for, cast.lsp, cast.meeting1).content)[str(cast.meeting1.uid)]
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2025, 6, 10, 13, 30,
                                                        tzinfo=datetime.UTC)
    # An edit that changes nothing for calendars keeps the sequence.
    meetings.meeting_update(meeting=cast.meeting1, location="")
    event = events(meeting_ics(client_for, cast.lsp, cast.meeting1).content)[str(cast.meeting1.uid)]
    assert event["sequence"] == 1


def test_cancelled_meeting(cast, client_for):
    meetings.meeting_update(meeting=cast.meeting2, location="County Hall")
    meetings.meeting_cancel(meeting=cast.meeting2, reason="Too few members")
    content = meeting_ics(client_for, cast.lsp, cast.meeting2).content
    assert str(Calendar.from_ical(content)["method"]) == "CANCEL"
    event = events(content)[str(cast.meeting2.uid)]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 2
    assert str(event["summary"]) == "Cancelled: Executive"
    assert str(event["location"]) == "County Hall"
    assert "Cancelled: Too few members" in str(event["description"])


def test_online_meeting_has_its_link(cast, client_for):
    meetings.meeting_update(meeting=cast.meeting2, online_link="https://meet.example/exec")
    event = events(meeting_ics(client_for, cast.lsp, cast.meeting2).content)[str(cast.meeting2.uid)]
    assert str(event["location"]) == "https://meet.example/exec"
    assert "Join online: https://meet.example/exec" in str(event["description"])


# --- The private feed --------------------------------------------------------------------

def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def upcoming(cast):
    """Meetings around today (the cast's own are in 2025), one too old for the feed."""
    other = groups.group_create(partnership=cast.p1, name="Learning subgroup",
                                group_type="subgroup", frequency="quarterly", start_date=START)
    groups.member_add(group=other, user=cast.chief_a, agency=cast.agency_a, role_label="Head")
    made = {
        "exec_next": meetings.meeting_create(group=cast.exec_group, starts_at=soon(14)),
        "exec_recent": meetings.meeting_create(group=cast.exec_group, starts_at=soon(-30)),
        "exec_old": meetings.meeting_create(group=cast.exec_group, starts_at=soon(-200)),
        "learning": meetings.meeting_create(group=other, starts_at=soon(20)),
        "p2": meetings.meeting_create(group=cast.group_p2, starts_at=soon(7)),
    }
    meetings.item_add(meeting=made["exec_next"], title="Case CNRY-CONF-ITEM", confidential=True)
    meetings.item_add(meeting=made["exec_next"], title="Annual report")
    return made


def make_feed(client_for, user):
    """Make a feed through its page; returns the secret shown on it."""
    response = client_for(user).post(reverse("governance:calendar-feed-reset"), follow=True)
    assert response.redirect_chain == [(reverse("governance:calendar-feed"), 302)]
    found = re.search(rb"/calendar/feed/([A-Za-z0-9_-]+)\.ics", response.content)
    assert found, "the new feed address is shown"
    return found.group(1).decode()


def fetch(client_for, secret):
    return client_for(None).get(reverse("governance:calendar-feed-ics", kwargs={"secret": secret}))


def feed_uids(client_for, secret):
    response = fetch(client_for, secret)
    assert response.status_code == 200
    return set(events(response.content))


def uids(*meetings_):
    return {str(m.uid) for m in meetings_}


def test_feed_holds_the_meetings_of_your_groups(cast, client_for, upcoming):
    secret = make_feed(client_for, cast.lsp)
    response = fetch(client_for, secret)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"CNRY-CONF-ITEM" not in response.content
    calendar = Calendar.from_ical(response.content)
    assert "Meetings" in str(calendar["x-wr-calname"])
    assert set(events(response.content)) == uids(upcoming["exec_next"], upcoming["exec_recent"])
    assert "Annual report" in str(events(response.content)[str(upcoming["exec_next"].uid)][
        "description"])


@pytest.mark.parametrize("who,expected", [
    ("lead_a", ["exec_next", "exec_recent"]),  # a seat on the executive
    ("chief_a", ["learning"]),  # a seat on the learning subgroup only
    ("bu_officer", ["exec_next", "exec_recent", "learning"]),  # every group of P1
    ("chair", []),  # sees the meetings in the portal, but sits on no group
    ("lead_x", ["p2"]),
    ("bu_p2", ["p2"]),
])
def test_feed_contents_for_each_person(cast, client_for, upcoming, who, expected):
    secret = make_feed(client_for, cast.users[who])
    assert feed_uids(client_for, secret) == uids(*(upcoming[key] for key in expected))


def test_feed_includes_groups_shared_with_your_partnership(cast, client_for, settings):
    settings.SITE_URL = "https://portal.example"
    joint = groups.group_create(partnership=cast.p2, name="Joint CDOP", group_type="panel",
                                frequency="quarterly", shared_with=[cast.p1], start_date=START)
    meeting = meetings.meeting_create(group=joint, starts_at=soon(10))
    secret = make_feed(client_for, cast.bu_manager)
    event = events(fetch(client_for, secret).content)[str(meeting.uid)]
    assert str(event["url"]) == f"https://portal.example/p/p1/meetings/{meeting.pk}/"


def test_feed_secret_is_shown_once_and_only_its_hash_is_kept(cast, client_for):
    secret = make_feed(client_for, cast.lsp)
    assert len(secret) >= 43
    feed = CalendarFeed.objects.get(user=cast.lsp)
    assert feed.secret_hash == calendars.hash_secret(secret) and secret not in feed.secret_hash
    page = client_for(cast.lsp).get(reverse("governance:calendar-feed"))
    assert page.status_code == 200
    assert secret.encode() not in page.content
    assert b"Make a new address" in page.content


def test_the_new_address_is_shown_once(cast, client_for):
    client = client_for(cast.lsp)
    first = client.post(reverse("governance:calendar-feed-reset"), follow=True).content
    secret = re.search(rb"/calendar/feed/([A-Za-z0-9_-]+)\.ics", first).group(1)
    assert b"webcal://" in first
    assert secret not in client.get(reverse("governance:calendar-feed")).content
    # Not kept in the session once shown.
    from django.contrib.sessions.models import Session

    assert all(secret.decode() not in str(s.get_decoded()) for s in Session.objects.all())


def test_fetching_the_feed_notes_when(cast, client_for):
    secret = make_feed(client_for, cast.lsp)
    assert CalendarFeed.objects.get(user=cast.lsp).last_used_at is None
    fetch(client_for, secret)
    assert CalendarFeed.objects.get(user=cast.lsp).last_used_at is not None


def test_a_new_address_revokes_the_old_one(cast, client_for):
    old = make_feed(client_for, cast.lsp)
    new = make_feed(client_for, cast.lsp)
    assert old != new
    assert fetch(client_for, old).status_code == 404
    assert fetch(client_for, new).status_code == 200
    assert CalendarFeed.objects.filter(user=cast.lsp).count() == 1


def test_turning_the_feed_off(cast, client_for):
    secret = make_feed(client_for, cast.lsp)
    response = client_for(cast.lsp).post(reverse("governance:calendar-feed-revoke"))
    assert response.status_code == 302 and response["Location"] == reverse("governance:calendar-feed")
    assert fetch(client_for, secret).status_code == 404
    assert not CalendarFeed.objects.filter(user=cast.lsp).exists()
    page = client_for(cast.lsp).get(reverse("governance:calendar-feed"), follow=True)
    assert b"You do not have a calendar feed" in page.content


def test_one_persons_feed_is_not_anothers(cast, client_for, upcoming):
    lsp = make_feed(client_for, cast.lsp)
    chief = make_feed(client_for, cast.chief_a)
    client_for(cast.chief_a).post(reverse("governance:calendar-feed-revoke"))
    assert fetch(client_for, chief).status_code == 404
    assert fetch(client_for, lsp).status_code == 200


def test_an_inactive_persons_feed_answers_404(cast, client_for):
    secret = make_feed(client_for, cast.lsp)
    cast.lsp.is_active = False
    cast.lsp.save()
    assert fetch(client_for, secret).status_code == 404


@pytest.mark.parametrize("secret", ["x", "A" * 43, "-" * 300])
def test_unknown_secrets_answer_404(cast, client_for, secret):
    make_feed(client_for, cast.lsp)
    assert fetch(client_for, secret).status_code == 404


def test_feed_window_and_services(cast):
    """The service makes a secret of at least 256 bits; the feed starts 3 months back."""
    secret = feed_services.feed_create(user=cast.lsp)
    assert calendars.feed_for_secret(secret).user == cast.lsp
    on = datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC)
    assert [m.pk for m in calendars.feed_meetings(cast.lsp, now=on)] == [
        cast.meeting1.pk, cast.meeting2.pk]
    later = datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC)
    assert [m.pk for m in calendars.feed_meetings(cast.lsp, now=later)] == [cast.meeting2.pk]
    assert feed_services.feed_revoke(user=cast.lsp) is True
    assert feed_services.feed_revoke(user=cast.lsp) is False
    assert calendars.feed_for_secret(secret) is None


def test_feed_queries_do_not_grow_with_meetings(cast, client_for, upcoming):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secret = make_feed(client_for, cast.bu_manager)
    fetch(client_for, secret)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = fetch(client_for, secret)
        assert response.status_code == 200
        return len(queries), len(events(response.content))

    few, n = count()
    for i in range(15):
        meeting = meetings.meeting_create(group=cast.exec_group, starts_at=soon(30 + i))
        meetings.item_add(meeting=meeting, title=f"Item {i}")
    many, m = count()
    assert few == many and m == n + 15
