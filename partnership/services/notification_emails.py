"""E-mails for notifications: one per notification delivered at once, and one daily digest
per person for those delivered in the digest. They carry the message and a link, never
child data.

They go through GOV.UK Notify when GOVUK_NOTIFY_API_KEY is set (one Notify template whose
subject is ((subject)) and body ((body)): GOVUK_NOTIFY_TEMPLATE_ID), otherwise through
Django's mail (SMTP by EMAIL_URL). A send that fails is logged and the notification stays
unsent: the next digest run sends it (an "at once" one left unsent for RETRY_AFTER joins the
person's digest). Nothing here raises into the request or the job that made the
notification."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import Delivery, Notification, User

logger = logging.getLogger(__name__)

RETRY_AFTER = datetime.timedelta(hours=1)  # an "at once" e-mail still unsent is retried


def email_deliver(*, to, subject, body):
    """Send one e-mail by GOV.UK Notify or Django's mail, as configured; raises when the
    outside service refuses or cannot be reached."""
    if settings.GOVUK_NOTIFY_API_KEY:
        from notifications_python_client.notifications import NotificationsAPIClient

        client = NotificationsAPIClient(settings.GOVUK_NOTIFY_API_KEY, timeout=20)
        client.send_email_notification(
            email_address=to, template_id=settings.GOVUK_NOTIFY_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body})
    else:
        send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL,
                  recipient_list=[to])


def _link(notification):
    return settings.SITE_URL.rstrip("/") + notification.link


def emails_send(notification_ids):
    """Send each unsent notification once (marked sent in the same transaction as its row
    lock, so two workers never send one twice). Returns how many were sent."""
    sent = 0
    for pk in notification_ids:
        try:
            with transaction.atomic():
                notification = (Notification.objects.select_for_update(of=("self",))
                                .select_related("recipient", "partnership")
                                .filter(pk=pk, emailed_at__isnull=True).first())
                if notification is None or not notification.recipient.is_active:
                    continue
                context = {"notification": notification, "service_name": settings.SERVICE_NAME,
                           "link": _link(notification)}
                email_deliver(
                    to=notification.recipient.email,
                    subject=render_to_string("emails/notification-subject.txt", context).strip(),
                    body=render_to_string("emails/notification-body.txt", context))
                notification.emailed_at = timezone.now()
                notification.save(update_fields=["emailed_at"])
                sent += 1
        except Exception:  # any outside failure: logged, left unsent for the digest run
            logger.exception("Notification %s: the e-mail could not be sent", pk)
    return sent


def _due_for_digest(now):
    """Unsent notifications for the digest: those delivered in it, and "at once" ones whose
    e-mail failed (still unsent after RETRY_AFTER)."""
    return Notification.objects.filter(
        Q(delivery=Delivery.DIGEST) | Q(delivery=Delivery.IMMEDIATE,
                                        created_at__lt=now - RETRY_AFTER),
        emailed_at__isnull=True, recipient__is_active=True)


def digest_send(now=None):
    """One e-mail to each person listing their unsent digest notifications, which are then
    marked sent. Each person's rows are locked while their e-mail goes, so two runs at once
    send each notification once; a second run sends nothing new. Returns how many e-mails
    were sent."""
    now = now or timezone.now()
    people = (_due_for_digest(now).order_by("recipient_id")
              .values_list("recipient_id", flat=True).distinct())
    sent = 0
    for user_id in list(people):
        try:
            with transaction.atomic():
                rows = list(_due_for_digest(now).filter(recipient_id=user_id)
                            .select_for_update(of=("self",)).select_related("partnership")
                            .order_by("created_at", "pk"))
                if not rows:  # another run sent them meanwhile
                    continue
                user = User.objects.get(pk=user_id)
                context = {"notifications": [(n, _link(n)) for n in rows], "user": user,
                           "service_name": settings.SERVICE_NAME,
                           "inbox": settings.SITE_URL.rstrip("/") + reverse("notifications")}
                email_deliver(
                    to=user.email,
                    subject=render_to_string("emails/notification-digest-subject.txt",
                                             context).strip(),
                    body=render_to_string("emails/notification-digest-body.txt", context))
                Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
                sent += 1
        except Exception:  # any outside failure: logged, left unsent for the next run
            logger.exception("The notification digest for person %s could not be sent", user_id)
    return sent
