"""Each person's notifications (issue 17, item 9): the page (newest first, read and unread,
the unread filter, pages of 25), marking one or all read, the count in every page's header,
the choice per kind of how they arrive, the API (list, filter, read), and the e-mails: at
once after the commit, or in one daily digest that never sends twice, through Django's mail
or GOV.UK Notify; never a detail of a child."""

import json
import re
import smtplib

import pytest
import responses
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import Delivery, Notification, NotificationKind, NotificationPreference
from partnership.services import notification_emails
from partnership.services.notifications import notify, preferences_save
from partnership.tasks import notification_digest_send

pytestmark = pytest.mark.django_db

INBOX = "/notifications/"
KIND = NotificationKind.CHALLENGE_RAISED


def tell(user, message="A challenge is raised to Shires Police", link="/p/p1/", **kwargs):
    [row] = notify(kind=KIND, recipients=[user], message=message, link=link, **kwargs)
    return row


def fresh(cast, who="lead_a"):
    """The person with no notifications of their own (the cast's events made some)."""
    user = cast.users[who]
    Notification.objects.filter(recipient=user).delete()
    return user


def test_the_page_lists_only_your_own_newest_first(cast, client_for):
    user = fresh(cast)
    tell(user, "First event")
    tell(user, "Second event")
    tell(cast.lead_police, "Someone else's event")
    page = client_for(user).get(INBOX).content.decode()
    assert page.index("Second event") < page.index("First event")
    assert "Someone else's event" not in page
    assert page.count("govuk-tag--blue\">Unread") == 2
    assert "2 notifications" in page


def test_the_header_shows_the_unread_count_on_every_page(cast, client_for):
    user = fresh(cast)
    for n in range(3):
        tell(user, f"Event {n}")
    home = client_for(user).get(reverse("home")).content.decode()
    assert re.search(r'href="/notifications/"[^>]*>Notifications <strong class="govuk-tag '
                     r'govuk-tag--blue">3<span class="govuk-visually-hidden"> unread', home)


def test_unread_only_and_mark_one_read(cast, client_for):
    user = fresh(cast)
    old, new = tell(user, "Old event"), tell(user, "New event")
    client = client_for(user)
    response = client.post(reverse("notification-read", args=[old.pk]), {"unread": "on"})
    assert response.status_code == 302 and response["Location"] == INBOX + "?unread=on"
    old.refresh_from_db()
    assert old.read_at is not None
    unread = client.get(INBOX, {"unread": "on"}).content.decode()
    assert "New event" in unread and "Old event" not in unread
    everything = client.get(INBOX).content.decode()
    assert "Old event" in everything and 'govuk-tag--grey">Read' in everything
    new.refresh_from_db()
    assert new.read_at is None


def test_opening_one_marks_it_read_and_goes_to_its_page(cast, client_for):
    user = fresh(cast)
    row = tell(user, link="/p/p1/actions/")
    response = client_for(user).post(reverse("notification-read", args=[row.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/p/p1/actions/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_another_persons_notification_is_404(cast, client_for):
    theirs = tell(cast.lead_police)
    for pk in (theirs.pk, 999999):
        assert client_for(cast.lead_a).post(
            reverse("notification-read", args=[pk]), {"open": "1"}).status_code == 404
        assert client_for(cast.lead_a).post(
            reverse("api-inbox-read", args=[pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_is_only_yours(cast, client_for):
    user = fresh(cast)
    tell(user), tell(user)
    theirs = tell(cast.lead_police)
    client = client_for(user)
    response = client.post(reverse("notifications-read-all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_page_is_paginated_with_fixed_queries(cast, client_for, django_assert_max_num_queries):
    user = fresh(cast)
    client = client_for(user)
    tell(user, "Event one")
    client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    for n in range(60):
        tell(user, f"Event number {n}")
    with django_assert_max_num_queries(len(few)):
        page = client.get(INBOX).content.decode()
    assert "61 notifications, showing 1 to 25" in page and "Event number 59" in page
    assert 'aria-label="Page 3"' in page
    last = client.get(INBOX, {"page": 3}).content.decode()
    assert "Event one" in last and "showing 51 to 61" in last


def test_preferences_are_saved_per_kind_and_used(cast, client_for):
    user = fresh(cast)
    client = client_for(user)
    page = client.get(reverse("notification-preferences")).content.decode()
    assert page.count('type="radio"') == 3 * len(NotificationKind.values)
    assert "In a daily e-mail digest" in page
    choices = dict.fromkeys(NotificationKind.values, Delivery.IMMEDIATE)
    choices[KIND] = Delivery.DIGEST
    choices[NotificationKind.ACTION_DUE] = Delivery.PORTAL
    response = client.post(reverse("notification-preferences"), choices)
    assert response.status_code == 302
    assert tell(user).delivery == Delivery.DIGEST
    [due] = notify(kind=NotificationKind.ACTION_DUE, recipients=[user], message="x", link="/")
    assert due.delivery == Delivery.PORTAL


def test_preferences_refuse_what_is_not_a_choice(cast, client_for):
    user = fresh(cast)
    choices = dict.fromkeys(NotificationKind.values, Delivery.DIGEST)
    choices[KIND] = "pigeon"
    response = client_for(user).post(reverse("notification-preferences"), choices)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Choose one of the ways shown" in page
    assert not NotificationPreference.objects.filter(user=user).exists()
    with pytest.raises(Exception, match="no such kind"):
        preferences_save(user=user, choices={"made-up": Delivery.DIGEST})


def test_api_lists_your_own_with_the_unread_filter(cast, client_for):
    user = fresh(cast)
    first, second = tell(user, "First"), tell(user, "Second")
    tell(cast.lead_police, "Not yours")
    client = client_for(user)
    client.post(reverse("api-inbox-read", args=[first.pk]))
    body = client.get(reverse("api-inbox-list")).json()
    assert body["count"] == 2
    assert [row["message"] for row in body["results"]] == ["Second", "First"]
    assert body["results"][1]["read"] is True and body["results"][0]["read_at"] is None
    assert body["results"][0]["kind"] == KIND and body["results"][0]["link"] == "/p/p1/"
    unread = client.get(reverse("api-inbox-list"), {"unread": "true"}).json()
    assert [row["id"] for row in unread["results"]] == [second.pk]
    assert client.get(reverse("api-inbox-list"), {"unread": "maybe"}).status_code == 400


def test_api_read_answers_the_row(cast, client_for):
    user = fresh(cast)
    row = tell(user)
    response = client_for(user).post(reverse("api-inbox-read", args=[row.pk]))
    assert response.status_code == 200 and response.json()["read"] is True
    assert client_for(None).get(reverse("api-inbox-list")).status_code == 401


def test_api_list_queries_do_not_grow(cast, client_for, django_assert_max_num_queries):
    user = fresh(cast)
    client = client_for(user)
    tell(user)
    client.get(reverse("api-inbox-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("api-inbox-list"))
    for n in range(40):
        tell(user, f"Event {n}")
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("api-inbox-list")).json()["count"] == 41


# ---------------------------------------------------------------- e-mails

def test_at_once_is_emailed_after_the_commit_with_no_child_data(
        cast, mailoutbox, django_capture_on_commit_callbacks):
    user = fresh(cast)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row = tell(user, "Agency A Academy is asked for its summary for case N-1-2025-001",
                   link="/p/p1/reviews/rapid/1/", partnership=cast.p1)
        assert mailoutbox == []  # nothing before the commit
    [message] = mailoutbox
    assert message.to == [user.email]
    assert message.subject == "Agency A Academy is asked for its summary for case N-1-2025-001"
    assert "http://127.0.0.1:8000/p/p1/reviews/rapid/1/" in message.body
    assert "Northshire Safeguarding Children Partnership" in message.body
    for secret in ("CNRY-CHILD-NAME", "Child A", "CNRY-RR-FACTS", "CNRY-SUMMARY"):
        assert secret not in message.subject + message.body
    row.refresh_from_db()
    assert row.emailed_at is not None
    assert notification_emails.emails_send([row.pk]) == 0  # never twice


def test_portal_only_is_never_emailed(cast, mailoutbox, django_capture_on_commit_callbacks):
    user = fresh(cast)
    preferences_save(user=user, choices={KIND: Delivery.PORTAL})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tell(user)
    assert mailoutbox == []
    assert notification_emails.digest_send() == 0


def test_the_digest_sends_one_email_per_person_once(cast, mailoutbox):
    Notification.objects.all().delete()
    for who in ("lead_a", "lead_police"):
        preferences_save(user=cast.users[who], choices={KIND: Delivery.DIGEST})
    tell(cast.lead_a, "One"), tell(cast.lead_a, "Two"), tell(cast.lead_police, "Three")
    mailoutbox.clear()
    assert notification_digest_send.delay().get() == 2
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {cast.lead_a.email, cast.lead_police.email}
    mine = by_person[cast.lead_a.email]
    assert "2 notifications" in mine.subject
    assert "One" in mine.body and "Two" in mine.body and "Three" not in mine.body
    assert "http://127.0.0.1:8000/notifications/" in mine.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert notification_digest_send.delay().get() == 0  # running again sends nothing new
    assert len(mailoutbox) == 2


def test_a_failed_send_is_logged_and_left_for_the_next_run(cast, monkeypatch, caplog):
    Notification.objects.all().delete()
    preferences_save(user=cast.lead_a, choices={KIND: Delivery.DIGEST})
    row = tell(cast.lead_a)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("partnership.services.notification_emails.send_mail", refuse)
    assert notification_emails.digest_send() == 0
    assert notification_emails.emails_send([row.pk]) == 0
    assert "could not be sent" in caplog.text
    row.refresh_from_db()
    assert row.emailed_at is None
    monkeypatch.undo()
    assert notification_emails.digest_send() == 1


NOTIFY_KEY = "portal-test-" + "26785a09-ab16-4eb0-8407-a37497a57506" + "-" \
             + "3d844edf-8d35-48ac-975b-e847b4f122b0"
NOTIFY_URL = re.compile(r"https://api\.notifications\.service\.gov\.uk/v2/notifications/email")


@responses.activate
def test_gov_uk_notify_when_configured(cast, settings, mailoutbox,
                                       django_capture_on_commit_callbacks):
    """Only the HTTP call to Notify is replaced: the client signs and sends the request."""
    settings.GOVUK_NOTIFY_API_KEY = NOTIFY_KEY
    settings.GOVUK_NOTIFY_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    responses.post(NOTIFY_URL, json={"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}, status=201)
    user = fresh(cast)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row = tell(user, "Papers are published", link="/p/p1/meetings/1/pack/")
    [call] = responses.calls
    sent = json.loads(call.request.body)
    assert sent["email_address"] == user.email
    assert sent["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert sent["personalisation"]["subject"] == "Papers are published"
    assert "/p/p1/meetings/1/pack/" in sent["personalisation"]["body"]
    assert call.request.headers["Authorization"].startswith("Bearer ")
    assert mailoutbox == []  # not through Django's mail
    row.refresh_from_db()
    assert row.emailed_at is not None


@responses.activate
def test_gov_uk_notify_refusing_leaves_it_unsent(cast, settings):
    settings.GOVUK_NOTIFY_API_KEY = NOTIFY_KEY
    settings.GOVUK_NOTIFY_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    responses.post(NOTIFY_URL, json={"errors": [{"error": "RateLimitError"}]}, status=429)
    row = tell(fresh(cast))
    assert notification_emails.emails_send([row.pk]) == 0
    row.refresh_from_db()
    assert row.emailed_at is None
