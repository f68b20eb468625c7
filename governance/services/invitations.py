"""E-mailed calendar invitations to a meeting (governance/calendars.py writes the files).

The business unit sends them to every current member of the group who has an active account;
each person's MeetingInvitation keeps the revision (SEQUENCE) they last received. A change to
the meeting's time, place or link, or its adjournment, sends an update (same UID, higher
SEQUENCE) to everyone holding an invitation; its cancellation sends them a METHOD:CANCEL.
Sending is a background job queued once the transaction commits. Neither the e-mail nor its
calendar file holds anything about a confidential item (calendars.py's rule)."""

import logging
import smtplib
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import KombuError

from partnership import permissions as core
from partnership.errors import Invalid, WrongState
from partnership.models import User
from partnership.services.common import locked

from .. import calendars
from ..models import GroupMember, Meeting, MeetingInvitation, MeetingStatus
from ..tasks import meeting_invitations_send

logger = logging.getLogger(__name__)


def invitees(meeting):
    """Who an invitation goes to: the group's members today who have an active account."""
    seats = GroupMember.objects.active().filter(group=meeting.group_id, user__isnull=False)
    return User.objects.filter(pk__in=seats.values("user"), is_active=True).order_by(
        "full_name", "email")


def _queue(meeting_id, *, invite=False):
    """Send the job once the transaction commits. A broker that cannot take it is logged:
    the meeting's change stands, and the next send catches everyone up."""

    def send():
        try:
            meeting_invitations_send.delay(meeting_id, invite)
        except (KombuError, OSError):
            logger.exception("Meeting %s: the calendar invitations job could not be queued",
                             meeting_id)

    transaction.on_commit(send, robust=True)


@transaction.atomic
def invitations_request(*, meeting):
    """Queue invitations to the members of a planned meeting still to come. Returns the
    people they go to."""
    locked(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise WrongState(f"The meeting is {meeting.get_status_display().lower()}: invitations "
                         "are sent only for a planned meeting")
    if meeting.starts_at <= timezone.now():
        raise WrongState("The meeting has already started: invitations are sent only for a "
                         "meeting still to come")
    people = list(invitees(meeting))
    if not people:
        raise Invalid(f"Nobody who sits on {meeting.group.name} has an account on the portal: "
                      "there is nobody to invite")
    _queue(meeting.pk, invite=True)
    return people


def updates_queue(meeting):
    """After a change: queue the update (or cancellation) for those holding an invitation."""
    if meeting.invitations.filter(cancelled=False).exists():
        _queue(meeting.pk)


def invitations_send(*, meeting_id, invite=False):
    """The job: e-mail each person who holds an invitation older than the meeting's revision
    (a cancellation, once cancelled), and with `invite` each invitee without one. Returns how
    many e-mails were sent."""
    meeting = (Meeting.objects.select_related("group__partnership")
               .prefetch_related("group__shared_with").filter(pk=meeting_id).first())
    if meeting is None:
        return 0
    held = {i.user_id: i for i in meeting.invitations.select_related("user")}
    due = [i.user for i in held.values() if not i.cancelled and (
        meeting.status == MeetingStatus.CANCELLED or i.sequence < meeting.sequence)]
    if invite and meeting.status == MeetingStatus.PLANNED:
        due += [user for user in invitees(meeting) if user.pk not in held]
    return sum(_send_one(meeting, user) for user in due if user.is_active)


def _send_one(meeting, user):
    """One person's e-mail, recorded with the revision sent, in one transaction: a failed
    send records nothing (the next send tries again)."""
    try:
        with transaction.atomic():
            row = (MeetingInvitation.objects.select_for_update()
                   .filter(meeting=meeting, user=user).first())
            cancelling = meeting.status == MeetingStatus.CANCELLED
            if row is not None and (row.cancelled or (
                    not cancelling and row.sequence >= meeting.sequence)):
                return 0  # sent meanwhile
            slug = calendars.slug_for(meeting.group, core.partnerships_for(user))
            method, body = calendars.invitation_ics(meeting, slug, user)
            MeetingInvitation.objects.update_or_create(meeting=meeting, user=user, defaults={
                "sequence": meeting.sequence, "sent_at": timezone.now(),
                "cancelled": method == "CANCEL"})
            _message(meeting, user, slug, method, body, update=row is not None).send()
    except IntegrityError:  # another job recorded this person's first invitation meanwhile
        return 0
    except (smtplib.SMTPException, OSError):
        logger.exception("Meeting %s: the calendar invitation to user %s was not sent",
                         meeting.pk, user.pk)
        return 0
    return 1


def _message(meeting, user, slug, method, body, *, update):
    context = {
        "meeting": meeting, "user": user, "method": method, "update": update,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "link": calendars.meeting_url(meeting, slug), "service_name": settings.SERVICE_NAME,
    }
    message = EmailMessage(
        subject=render_to_string("emails/meeting-invitation-subject.txt", context).strip(),
        body=render_to_string("emails/meeting-invitation-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
    part = MIMEText(body.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
    message.attach(part)
    return message
