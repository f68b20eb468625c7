"""Reads of a person's notifications: only ever their own (the caller passes the user)."""

from ..models import Notification


def notification_list(user, *, unread=False):
    """The person's notifications, newest first (one query per page, whatever the rows)."""
    rows = Notification.objects.filter(recipient=user).select_related("partnership")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-pk")


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
