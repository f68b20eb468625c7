"""E-mails for notifications: one per notification delivered at once. They carry the
message and a link, never child data."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import Notification


def emails_send(notification_ids):
    """Send each unsent notification once (marked sent in the same transaction as its row
    lock, so two workers never send one twice)."""
    for pk in notification_ids:
        with transaction.atomic():
            notification = (Notification.objects.select_for_update()
                            .select_related("recipient", "partnership")
                            .filter(pk=pk, emailed_at__isnull=True).first())
            if notification is None or not notification.recipient.is_active:
                continue
            context = {"notification": notification, "service_name": settings.SERVICE_NAME,
                       "link": settings.SITE_URL.rstrip("/") + notification.link}
            send_mail(
                subject=render_to_string("emails/notification-subject.txt", context).strip(),
                message=render_to_string("emails/notification-body.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.recipient.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
