"""Notifications: every app tells people about events through `notify`.

A notification is written in the caller's transaction (so it exists only if the event
does); e-mails for those delivered "at once" are queued to Celery after the commit
(partnership.tasks.notification_emails_send); the daily digest collects the rest.
"""

import contextlib
import contextvars
import logging

from django.db import transaction
from django.utils import timezone

from .. import roles
from ..errors import Invalid
from ..models import (
    AgencyMembership,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
    PartnershipMembership,
)

logger = logging.getLogger(__name__)


_unmailed = contextvars.ContextVar("notifications_unmailed", default=False)


@contextlib.contextmanager
def unmailed():
    """Within it, notifications are made for the portal only, never e-mailed (load_demo:
    the demo's history is not news to anyone)."""
    token = _unmailed.set(True)
    try:
        yield
    finally:
        _unmailed.reset(token)


def notify(*, kind, recipients, message, link, partnership=None):
    """Tell each active person in `recipients` (users or user ids, repeats ignored) that
    `message` happened; `link` is the path of the page it is about. Returns the rows."""
    user_ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if not user_ids:
        return []
    chosen = dict(NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind)
                  .values_list("user_id", "delivery"))
    from ..models import User

    active = User.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True)
    emailed_at = timezone.now() if _unmailed.get() else None
    rows = Notification.objects.bulk_create([
        Notification(recipient_id=uid, partnership=partnership, kind=kind, message=message[:300],
                     link=link, delivery=chosen.get(uid, Delivery.IMMEDIATE),
                     emailed_at=emailed_at)
        for uid in sorted(active)])
    at_once = [n.pk for n in rows if n.delivery == Delivery.IMMEDIATE and not n.emailed_at]
    if at_once:
        transaction.on_commit(lambda: _queue(at_once))
    return rows


def _queue(notification_ids):
    """Queue the e-mails; a queue that cannot be reached leaves them unsent, for the daily
    digest run to send (partnership/services/notification_emails.py), never an error for
    the request that made them."""
    from ..tasks import notification_emails_send

    try:
        notification_emails_send.delay(notification_ids)
    except Exception:
        logger.exception("Notifications %s: the e-mails could not be queued", notification_ids)


def agency_people(agency, perm, on=None):
    """The active people of an agency whose agency role carries `perm` (for example
    roles.SUBMIT_AGENCY_RETURNS: its leads; roles.SIGN_OFF_AGENCY_RETURNS: its chief
    officers)."""
    codes = [r.code for r in roles.AGENCY_ROLES if perm in r.agency_perms]
    return list(AgencyMembership.objects.active(on).filter(
        agency=agency, role__in=codes, user__is_active=True)
        .values_list("user_id", flat=True).distinct())


def partnership_people(partnership, perm, on=None):
    """The active people of a partnership whose partnership role carries `perm` (for
    example roles.MANAGE_ASSESSMENTS: its business unit)."""
    codes = [r.code for r in roles.PARTNERSHIP_ROLES if perm in r.partnership_perms]
    return list(PartnershipMembership.objects.active(on).filter(
        partnership=partnership, role__in=codes, user__is_active=True)
        .values_list("user_id", flat=True).distinct())


def notification_read(*, notification):
    """Mark one notification read (the first reading counts: reading it again changes
    nothing)."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_read_all(*, user):
    """Mark all the person's unread notifications read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now())


def preferences(user):
    """{kind: delivery} for every kind: the person's choice, or e-mail at once."""
    chosen = dict(user.notification_preferences.values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in NotificationKind.values}


@transaction.atomic
def preferences_save(*, user, choices):
    """Save the person's delivery for each kind in `choices` ({kind: delivery}); a kind or
    a delivery that does not exist is refused (Invalid, naming the kind) and nothing is
    saved. Notifications already made keep the delivery they were made with."""
    errors = {}
    for kind, delivery in choices.items():
        if kind not in NotificationKind.values:
            errors[kind] = "There is no such kind of notification"
        elif delivery not in Delivery.values:
            errors[kind] = "Choose how this kind of notification reaches you"
    if errors:
        raise Invalid(errors)
    for kind, delivery in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery})
    return preferences(user)
