"""Reads of a person's API tokens: only ever their own (the caller passes the user)."""

from django.utils import timezone

from ..models import ApiToken


def live_tokens(user):
    """The person's tokens that have not expired, newest first (one query)."""
    return ApiToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created", "-id")
