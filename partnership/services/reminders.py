"""Sending a deadline reminder once, for every app's daily reminder job.

The ReminderSent row is inserted and the e-mail sent in one transaction: a failed send
records nothing (the next run tries again), and two runs at once cannot both send (the
unique key stops the second). A crash after the mail server accepted the message but
before the commit would send that one reminder again the next day: a rare duplicate is
preferred to a statutory reminder silently lost."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from ..models import ReminderSent
from .notifications import notify

logger = logging.getLogger(__name__)


def send_once(key, recipients, template, context):
    """E-mail `recipients` from templates/emails/<template>-subject.txt and -body.txt,
    unless the reminder `key` was already sent. Returns 1 if sent, else 0."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key, recipients=len(recipients))
            EmailMessage(
                subject=render_to_string(f"emails/{template}-subject.txt", context).strip(),
                body=render_to_string(f"emails/{template}-body.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL, to=recipients,
            ).send()
    except IntegrityError:  # another run sent it meanwhile
        return 0
    except (smtplib.SMTPException, OSError):  # nothing recorded: the next run tries again
        logger.exception("Could not send the reminder %s", key)
        return 0
    return 1


def notify_once(key, *, recipients, **notification):
    """Make the notification (services.notifications.notify) unless the reminder `key` was
    already made: the ReminderSent row and the notifications are written in one
    transaction. Returns 1 if made, else 0 (already made, or no one to tell)."""
    recipients = list(recipients)
    if not recipients:
        return 0
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key, recipients=len(recipients))
            notify(recipients=recipients, **notification)
    except IntegrityError:  # another run made it meanwhile
        return 0
    return 1
