"""Writes to private calendar feeds. A person has at most one feed; making a new one
revokes the old address. Only the sha256 hash of the secret is stored, so the address
is shown once, when it is made."""

import secrets

from django.db import transaction
from django.utils import timezone

from ..calendars import hash_secret
from ..models import CalendarFeed


@transaction.atomic
def feed_create(*, user):
    """Make (or replace) the person's feed and return its secret, for showing once."""
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, secret_hash=hash_secret(secret))
    return secret


@transaction.atomic
def feed_revoke(*, user):
    """Stop the person's feed. Returns whether there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_used(*, feed):
    """Note when a calendar last fetched the feed (shown on the person's feed page)."""
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    feed.last_used_at = now
    return feed
