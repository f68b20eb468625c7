"""Deadline reminders: one e-mail per record, deadline and kind of reminder ("due soon",
then "overdue"), never twice; to the business unit (and for an agency summary, to that
agency's leads); with no child data at all.

In the cast on Mon 5 Jan 2026, P1's partners are late to be informed (due Tue 30 Dec
2025); the summaries of agency A and the police are due on Fri 9 Jan 2026 (4 working days
away) and the rapid review on Thu 15 Jan 2026. P2's case (aware Mon 3 Nov 2025) was due to
be notified and partners informed by Mon 10 Nov 2025."""

import datetime
import smtplib

import pytest
from django.core import mail

from partnership.models import Notification, NotificationKind, ReminderSent
from partnership.services import people
from reviews.services import notifications, rapid, reminders
from reviews.tasks import review_reminders_send

pytestmark = pytest.mark.django_db

D = datetime.date
BU = ["bu_manager@cast.example", "bu_officer@cast.example"]


def sent(today):
    mail.outbox.clear()
    count = reminders.reminders_send(today=today)
    assert count == len(mail.outbox)
    return list(mail.outbox)


def about(message):
    """(what, due date line) of a reminder, read from its body."""
    lines = message.body.splitlines()
    return lines[2]


def test_each_reminder_is_sent_once(cast):
    first = sent(D(2026, 1, 5))
    # P1: partners not informed (late); P2: Panel not notified, partners not informed (late).
    assert sorted((m.to[0] if m.to == ["bu_p2@cast.example"] else "p1", about(m)) for m in first) == [
        ("bu_p2@cast.example", "Inform the safeguarding partners"),
        ("bu_p2@cast.example", "Notify the national Panel"),
        ("p1", "Inform the safeguarding partners"),
    ]
    assert all(m.subject == "Overdue: a case review deadline needs your attention" for m in first)
    assert sent(D(2026, 1, 5)) == []
    assert sent(D(2026, 1, 6)) == []
    assert ReminderSent.objects.count() == 3


def test_due_soon_then_overdue_are_separate_reminders(cast):
    sent(D(2026, 1, 5))
    # Wed 7 Jan 2026: the summaries (Fri 9 Jan) are 2 working days away.
    soon = sent(D(2026, 1, 7))
    assert sorted(about(m) for m in soon) == [
        "Agency summary (Agency A Academy)", "Agency summary (Shires Police)"]
    for message in soon:
        assert message.subject == "A case review deadline needs your attention"
        assert "Due on Friday 9 January 2026: in 2 working days." in message.body
    assert sent(D(2026, 1, 8)) == []  # still due soon: already reminded
    # Tue 13 Jan 2026: the summaries are late (overdue, a new reminder each) and the rapid
    # review (Thu 15 Jan) is due soon.
    later = {about(m): m for m in sent(D(2026, 1, 13))}
    assert sorted(later) == ["Agency summary (Agency A Academy)",
                             "Agency summary (Shires Police)",
                             "Send the rapid review to the Panel"]
    overdue = later["Agency summary (Shires Police)"]
    assert overdue.subject.startswith("Overdue")
    assert "Was due on Friday 9 January 2026: 2 working days ago." in overdue.body
    assert not later["Send the rapid review to the Panel"].subject.startswith("Overdue")
    assert sent(D(2026, 1, 14)) == []
    assert sent(D(2026, 1, 15)) == []  # the rapid review is due today: reminded already
    [late] = sent(D(2026, 1, 16))
    assert about(late) == "Send the rapid review to the Panel"
    assert late.subject.startswith("Overdue")
    assert sent(D(2026, 2, 16)) == []


def test_recipients(cast):
    by_agency = {}
    for message in sent(D(2026, 1, 14)):
        if "Northshire" in message.body:
            by_agency[about(message)] = sorted(message.to)
        else:
            assert message.to == ["bu_p2@cast.example"]
    assert by_agency["Inform the safeguarding partners"] == BU
    # Overdue summaries: the reminder e-mail goes to the business unit; each agency's lead
    # is told by a notification (delivered as they chose), not by a second e-mail.
    assert by_agency["Agency summary (Agency A Academy)"] == BU
    assert by_agency["Agency summary (Shires Police)"] == BU
    told = set(Notification.objects.filter(kind=NotificationKind.SUMMARY_OVERDUE)
               .values_list("recipient__email", flat=True))
    assert told == {"lead_a@cast.example", "lead_police@cast.example"}


def test_leavers_and_deactivated_accounts_get_nothing(cast):
    people.user_deactivate(user=cast.bu_officer)
    people.membership_end(membership=cast.lead_a_membership, end_date=D(2026, 1, 1))
    for message in sent(D(2026, 1, 14)):
        assert "bu_officer@cast.example" not in message.to
        assert "lead_a@cast.example" not in message.to
        assert "bu_manager@cast.example" in message.to or message.to == ["bu_p2@cast.example"]


def test_nothing_for_what_is_done(cast):
    notifications.notification_update(notification=cast.case1,
                                      partners_informed_on=D(2025, 12, 23))
    rapid.summary_save(summary=cast.summary_a, user=cast.lead_a, involvement="Seen twice",
                       analysis="Learning", version=cast.summary_a.version, submit=True)
    notifications.notification_update(notification=cast.case_p2, notified_on=D(2025, 11, 7),
                                      partners_informed_on=D(2025, 11, 7))
    assert sorted(about(m) for m in sent(D(2026, 1, 14))) == [
        "Agency summary (Shires Police)", "Send the rapid review to the Panel"]


def test_a_moved_deadline_is_a_new_one(cast):
    assert len(sent(D(2026, 1, 5))) == 3
    # The date the local authority became aware is corrected: notify_by moves.
    notifications.notification_update(notification=cast.case_p2, la_aware_on=D(2025, 11, 10))
    assert sorted(about(m) for m in sent(D(2026, 1, 5))) == [
        "Inform the safeguarding partners", "Notify the national Panel"]


def test_no_child_data_in_any_email(cast):
    messages = sent(D(2026, 1, 7)) + sent(D(2026, 1, 14)) + sent(D(2026, 1, 16))
    assert len(messages) >= 6
    for message in messages:
        text = message.subject + message.body
        for secret in ("CNRY-CHILD-NAME", "Child A", "CNRY-CASE-P2", "CNRY-RR-FACTS",
                       "CNRY-SUMMARY", "2022"):
            assert secret not in text
        assert "http://" in message.body or "https://" in message.body
        assert "/p/p1/reviews/" in message.body or "/p/p2/reviews/" in message.body


def test_a_failed_send_is_tried_again_next_time(cast, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert reminders.reminders_send(today=D(2026, 1, 5)) == 0
    assert ReminderSent.objects.count() == 0
    monkeypatch.undo()
    assert len(sent(D(2026, 1, 5))) == 3


def test_no_one_to_remind_records_nothing(cast):
    cast.bu_p2.is_active = False
    cast.bu_p2.save()
    assert all(m.to != ["bu_p2@cast.example"] for m in sent(D(2026, 1, 5)))
    assert not ReminderSent.objects.filter(key__startswith="notify-panel:").exists()


def test_the_daily_task(cast, settings):
    """Eager in tests: today (well after the cast's dates) everything in the cast is late."""
    mail.outbox.clear()
    assert review_reminders_send.delay().get() == 6
    assert len(mail.outbox) == 6
    assert review_reminders_send.delay().get() == 0
    assert len(mail.outbox) == 6
