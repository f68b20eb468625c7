"""E-mailed calendar invitations (issue 18, item 8): sent by the business unit to the group's
members who have an account; a change of time, place or link and an adjournment send an
update (same UID, higher SEQUENCE), a cancellation a METHOD:CANCEL; nothing confidential in
any e-mail or calendar file."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance.models import MeetingInvitation
from governance.services import groups, invitations, lifecycle, meetings
from partnership.errors import Invalid, WrongState
from partnership.models import User

from .cast import START, pdf

pytestmark = pytest.mark.django_db

CANARY = "CNRY-INVITE-SECRET"


def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def meeting(cast):
    """A meeting of P1's executive in three weeks, with a public item and a confidential one
    whose title, notes and paper carry the canary."""
    made = meetings.meeting_create(group=cast.exec_group, starts_at=soon(21),
                                   location="County Hall")
    meetings.item_add(meeting=made, title="Budget for next year")
    secret = meetings.item_add(meeting=made, title=f"Child case {CANARY}", confidential=True,
                               notes=f"Notes {CANARY}")
    meetings.paper_add(item=secret, checked=pdf("secret.pdf"), title=f"Paper {CANARY}",
                       user=cast.bu_officer)
    return made


def invite_url(cast, meeting):
    return reverse("governance:meeting-invitations",
                   kwargs={"slug": cast.p1.slug, "pk": meeting.pk})


def sent():
    """The outbox so far, then emptied: [(recipient, method, calendar, message)]."""
    found = []
    for message in mail.outbox:
        [part] = message.attachments
        assert part.get_content_type() == "text/calendar"
        method = part.get_param("method")
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar["method"]) == method
        found.append((message.to[0], method, calendar, message))
    mail.outbox.clear()
    return found


def event_of(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def assert_nothing_confidential(found):
    for _, _, calendar, message in found:
        raw = message.message().as_bytes()
        assert CANARY.encode() not in raw
        assert CANARY not in message.subject and CANARY not in message.body
        assert CANARY.encode() not in calendar.to_ical()


def send_through_page(cast, client_for, meeting, capture, who="bu_officer"):
    with capture(execute=True):
        response = client_for(cast.users[who]).post(invite_url(cast, meeting))
    return response


def test_invitations_go_to_members_with_accounts(cast, client_for, meeting, settings,
                                                 django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portal.example"
    # Not invited: a seat without an account, an ended seat, an account turned off.
    gone = User.objects.create_user("gone@cast.example", "x-password-1", full_name="Gone")
    off = User.objects.create_user("off@cast.example", "x-password-1", full_name="Off",
                                   is_active=False)
    groups.member_add(group=cast.exec_group, user=gone, role_label="Left",
                      start_date=START, end_date=datetime.date(2024, 1, 1))
    groups.member_add(group=cast.exec_group, user=off, role_label="Off", start_date=START)
    page = client_for(cast.bu_officer).get(invite_url(cast, meeting))
    assert page.status_code == 200 and "Lsp" in page.content.decode()
    response = send_through_page(cast, client_for, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    found = sent()
    assert sorted(to for to, *_ in found) == sorted(
        u.email for u in (cast.lsp, cast.dsp, cast.lead_a))
    for to, method, calendar, message in found:
        assert method == "REQUEST"
        event = event_of(calendar)
        assert str(event["uid"]) == str(meeting.uid) and event["sequence"] == 0
        assert str(event["attendee"]) == f"mailto:{to}"
        assert str(event["organizer"]) == f"mailto:{settings.DEFAULT_FROM_EMAIL}"
        assert "Budget for next year" in str(event["description"])
        assert message.subject.startswith("Invitation: Executive")
        assert f"https://portal.example/p/p1/meetings/{meeting.pk}/" in message.body
        assert "County Hall" in message.body
    assert_nothing_confidential(found)
    rows = MeetingInvitation.objects.filter(meeting=meeting)
    assert {(r.user_id, r.sequence, r.cancelled) for r in rows} == {
        (u.pk, 0, False) for u in (cast.lsp, cast.dsp, cast.lead_a)}
    # Sending again reaches only those without the latest: a new member.
    newcomer = User.objects.create_user("new@cast.example", "x-password-1", full_name="New")
    groups.member_add(group=cast.exec_group, user=newcomer, role_label="New", start_date=START)
    send_through_page(cast, client_for, meeting, django_capture_on_commit_callbacks)
    assert [to for to, *_ in sent()] == ["new@cast.example"]


def test_a_change_sends_an_update_with_a_higher_sequence(cast, client_for, meeting,
                                                         django_capture_on_commit_callbacks):
    send_through_page(cast, client_for, meeting, django_capture_on_commit_callbacks)
    sent()
    later = meeting.starts_at + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_update(meeting=meeting, starts_at=later)
    found = sent()
    assert len(found) == 3
    for _, method, calendar, message in found:
        event = event_of(calendar)
        assert method == "REQUEST" and str(event["uid"]) == str(meeting.uid)
        assert event["sequence"] == 1
        assert event.decoded("dtstart") == later
        assert message.subject.startswith("Updated: Executive")
    assert_nothing_confidential(found)
    assert set(MeetingInvitation.objects.values_list("sequence", flat=True)) == {1}
    # A save that changes nothing a calendar shows sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_update(meeting=meeting, location="County Hall")
    assert mail.outbox == []
    # Nor does a change to a meeting nobody was invited to.
    other = meetings.meeting_create(group=cast.exec_group, starts_at=soon(40))
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_update(meeting=other, location="Elsewhere")
    assert mail.outbox == []


def test_a_cancellation_is_sent_as_method_cancel(cast, client_for, meeting,
                                                 django_capture_on_commit_callbacks):
    send_through_page(cast, client_for, meeting, django_capture_on_commit_callbacks)
    sent()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.bu_officer).post(
            reverse("governance:meeting-cancel", kwargs={"slug": "p1", "pk": meeting.pk}),
            {"reason": "Not enough business"})
    assert response.status_code == 302
    found = sent()
    assert len(found) == 3
    for _, method, calendar, message in found:
        event = event_of(calendar)
        assert method == "CANCEL" and str(event["status"]) == "CANCELLED"
        assert str(event["uid"]) == str(meeting.uid) and event["sequence"] == 1
        assert message.subject.startswith("Cancelled: Executive")
        assert "Not enough business" in message.body
    assert_nothing_confidential(found)
    assert set(MeetingInvitation.objects.values_list("cancelled", "sequence")) == {(True, 1)}
    # The meeting's own file is a cancellation too; nothing more is sent for it.
    download = client_for(cast.lsp).get(
        reverse("governance:meeting-ics", kwargs={"slug": "p1", "pk": meeting.pk}))
    assert str(Calendar.from_ical(download.content)["method"]) == "CANCEL"
    assert invitations.invitations_send(meeting_id=meeting.pk) == 0
    with pytest.raises(WrongState):
        invitations.invitations_request(meeting=meeting)


def test_an_adjournment_sends_an_update(cast, client_for, meeting,
                                        django_capture_on_commit_callbacks):
    send_through_page(cast, client_for, meeting, django_capture_on_commit_callbacks)
    sent()
    begun = meeting.starts_at + datetime.timedelta(minutes=30)
    with time_machine.travel(begun), django_capture_on_commit_callbacks(execute=True):
        lifecycle.meeting_adjourn(meeting=meeting, reason="The room flooded")
    found = sent()
    assert len(found) == 3
    for _, method, calendar, message in found:
        event = event_of(calendar)
        assert method == "REQUEST" and event["sequence"] == 1
        assert str(event["summary"]) == "Adjourned: Executive"
        assert "The room flooded" in str(event["description"])
        assert "The room flooded" in message.body
    assert_nothing_confidential(found)


def test_invitations_are_refused_for_meetings_past_or_without_accounts(
        cast, client_for, django_capture_on_commit_callbacks):
    past = meetings.meeting_create(group=cast.exec_group, starts_at=soon(-3))
    response = send_through_page(cast, client_for, past, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "already started" in response.content.decode()
    assert mail.outbox == [] and not MeetingInvitation.objects.exists()
    empty = groups.group_create(partnership=cast.p1, name="Empty panel", group_type="panel",
                                frequency="quarterly", start_date=START)
    groups.member_add(group=empty, agency=cast.agency_a, role_label="A post", start_date=START)
    lonely = meetings.meeting_create(group=empty, starts_at=soon(10))
    with pytest.raises(Invalid, match="nobody to invite"):
        invitations.invitations_request(meeting=lonely)


@pytest.mark.parametrize("who, code", [("bu_manager", 200), ("lsp", 403), ("dsp", 403),
                                       ("scrutineer", 403), ("chief_a", 404), ("bu_p2", 404)])
def test_only_the_business_unit_sends_invitations(cast, client_for, meeting, who, code,
                                                  django_capture_on_commit_callbacks):
    client = client_for(cast.users[who])
    assert client.get(invite_url(cast, meeting)).status_code == code
    detail = client.get(reverse("governance:meeting-detail",
                                kwargs={"slug": "p1", "pk": meeting.pk}))
    if detail.status_code == 200:
        assert (invite_url(cast, meeting) in detail.content.decode()) == (code == 200)
    if code != 200:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(invite_url(cast, meeting)).status_code == code
        assert mail.outbox == [] and not MeetingInvitation.objects.exists()


def test_a_failed_send_records_nothing_and_is_tried_again(cast, meeting, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert invitations.invitations_send(meeting_id=meeting.pk, invite=True) == 0
    assert not MeetingInvitation.objects.exists()
    monkeypatch.undo()
    assert invitations.invitations_send(meeting_id=meeting.pk, invite=True) == 3
    assert invitations.invitations_send(meeting_id=meeting.pk, invite=True) == 0
