"""Section 11 reminders: for each request whose return is not yet submitted, 10 and 5
working days before the deadline, on the day, and once when overdue (the first working day
after it); each (request, deadline, rule) sent once, however often the job runs; to the
agency's leads, and when overdue to its chief officers and the business unit too; a granted
extension is a new deadline with its own reminders.

In the cast, P1's cycle1 asks agency A (a draft: lead_a, chief_a, contributor_a) and the
police (submitted) by Fri 19 Dec 2025: 10 working days before is Fri 5 Dec, 5 before is
Fri 12 Dec, and the first working day after is Mon 22 Dec. P2's cycle2 asks the police (the
same submitted return) and agency X (a draft: lead_x) by Fri 30 Jan 2026: Fri 16 Jan, Fri
23 Jan, Mon 2 Feb."""

import datetime
import smtplib

import pytest
from django.core import mail

from agencies.services import cycles, reminders, returns
from agencies.tasks import s11_reminders_send
from partnership.dates import local
from partnership.models import ReminderSent

from .conftest import at_noon

pytestmark = pytest.mark.django_db

D = datetime.date
LEAD_A = ["lead_a@cast.example"]
OVERDUE_A = ["bu_manager@cast.example", "bu_officer@cast.example", "chief_a@cast.example",
             "lead_a@cast.example"]


def sent(today):
    mail.outbox.clear()
    count = reminders.reminders_send(today=today)
    assert count == len(mail.outbox)
    return [(m.to, m.subject) for m in mail.outbox]


def test_the_rule_dates_are_working_days(cast):
    calendar = local(cast.p1)
    assert calendar.subtract(D(2025, 12, 19), 10) == D(2025, 12, 5)
    assert calendar.subtract(D(2025, 12, 19), 5) == D(2025, 12, 12)
    assert calendar.add(D(2025, 12, 19), 1) == D(2025, 12, 22)
    due = D(2025, 12, 19)
    assert [reminders.rule_due(calendar, due, day) for day in (
        D(2025, 12, 4), D(2025, 12, 5), D(2025, 12, 11), D(2025, 12, 12), D(2025, 12, 19),
        D(2025, 12, 20), D(2025, 12, 22), D(2026, 3, 1))] == [
        None, "before-10", "before-10", "before-5", "on-the-day", None, "overdue", "overdue"]


def test_each_rule_is_sent_once_to_the_agency_lead(cast):
    assert sent(D(2025, 12, 4)) == []
    assert sent(D(2025, 12, 5)) == [(LEAD_A, "Due on 19 December 2025: Agency A Academy's return "
                                              "for P1 Section 11 2025")]
    body = mail.outbox[0].body
    assert "in 10 working days" in body and "/p/p1/section-11/cycles/" in body
    assert "CNRY" not in body
    assert sent(D(2025, 12, 5)) == []  # the same day again
    assert sent(D(2025, 12, 8)) == []  # still the 10-day rule
    assert sent(D(2025, 12, 12)) == [(LEAD_A, "Due on 19 December 2025: Agency A Academy's return "
                                               "for P1 Section 11 2025")]
    assert "in 5 working days" in mail.outbox[0].body
    assert sent(D(2025, 12, 19)) == [(LEAD_A, "Due today: Agency A Academy's return for "
                                               "P1 Section 11 2025")]
    assert sent(D(2025, 12, 20)) == []  # a Saturday: overdue waits for the next working day
    assert sent(D(2025, 12, 22)) == [(OVERDUE_A, "Overdue: Agency A Academy's return for "
                                                  "P1 Section 11 2025")]
    assert sent(D(2025, 12, 23)) == []
    assert sent(D(2026, 1, 12)) == []
    assert sorted(ReminderSent.objects.filter(key__startswith=f"s11:{cast.request_a.pk}:")
                  .values_list("key", flat=True)) == [
        f"s11:{cast.request_a.pk}:2025-12-19:{rule}"
        for rule in ("before-10", "before-5", "on-the-day", "overdue")]


def test_submitted_returns_get_no_reminders(cast):
    for day in (D(2025, 12, 5), D(2025, 12, 22), D(2026, 1, 16), D(2026, 2, 2)):
        for to, _ in sent(day):
            assert "lead_police@cast.example" not in to


def test_overdue_goes_to_the_right_people_in_each_partnership(cast):
    sent(D(2025, 12, 22))
    messages = sent(D(2026, 2, 2))
    assert messages == [(["bu_p2@cast.example", "lead_x@cast.example"],
                         "Overdue: Agency X Charity's return for P2 Section 11 2025")]


def test_a_missed_day_sends_only_the_latest_rule(cast):
    assert [subject for _, subject in sent(D(2025, 12, 15))] == [
        "Due on 19 December 2025: Agency A Academy's return for P1 Section 11 2025"]
    assert ReminderSent.objects.get().key.endswith(":before-5")


def test_the_task_run_twice_sends_the_same_mails(cast, time_machine):
    time_machine.move_to(at_noon(D(2025, 12, 22)), tick=False)
    mail.outbox.clear()
    reminders_first = s11_reminders_send.delay().get()
    first = [(m.to, m.subject) for m in mail.outbox]
    assert reminders_first == 1
    assert first == [(OVERDUE_A, "Overdue: Agency A Academy's return for P1 Section 11 2025")]
    assert s11_reminders_send.delay().get() == 0
    assert [(m.to, m.subject) for m in mail.outbox] == first


def test_a_granted_extension_means_new_reminders(cast):
    assert [to for to, _ in sent(D(2025, 12, 22))] == [OVERDUE_A]
    extension = cycles.extension_ask(request=cast.request_a, user=cast.lead_a,
                                     until=D(2026, 1, 30), reason="New lead")
    assert sent(D(2025, 12, 23)) == []  # asked, not granted: the overdue reminder went already
    cycles.extension_decide(extension=extension, user=cast.bu_manager, granted=True)
    assert sent(D(2025, 12, 23)) == []  # the new deadline is weeks away
    new = sent(D(2026, 1, 16))
    assert (LEAD_A, "Due on 30 January 2026: Agency A Academy's return for "
                    "P1 Section 11 2025") in new
    assert sent(D(2026, 1, 16)) == []
    assert (OVERDUE_A, "Overdue: Agency A Academy's return for P1 Section 11 2025") in sent(
        D(2026, 2, 2))


def test_no_reminder_once_submitted_or_before_the_cycle_opens(cast):
    version = cast.return_a.version
    for standard in cast.s11_template.standards.all():
        returns.answer_save(assessment=cast.return_a, standard=standard, user=cast.lead_a,
                            version=version, rating=3, narrative="Done")
        version += 1
        returns.evidence_add(assessment=cast.return_a, standard=standard, user=cast.lead_a,
                             version=version, title="Policy", link="https://a.example/policy")
        version += 1
    returns.submit(assessment=cast.return_a, user=cast.lead_a, version=version)
    assert sent(D(2025, 12, 5)) == []
    assert sent(D(2025, 12, 22)) == []
    sent(D(2026, 2, 2))  # agency X's overdue reminder (P2)
    later = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template, name="2027",
                                opens_on=D(2027, 1, 4), closes_on=D(2027, 1, 8),
                                agencies=[cast.agency_a])
    assert later.requests.get().assessment != cast.return_a  # a new return for a new cycle
    assert sent(D(2027, 1, 1)) == []  # 5 working days before, but the cycle has not opened
    assert sent(D(2027, 1, 4)) == [(LEAD_A, "Due on 8 January 2027: Agency A Academy's return "
                                             "for 2027")]


def test_a_failed_send_is_tried_again_the_next_run(cast, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", refuse)
        assert reminders.reminders_send(today=D(2025, 12, 5)) == 0
    assert not ReminderSent.objects.exists()
    assert len(sent(D(2025, 12, 5))) == 1
