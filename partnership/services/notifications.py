"""Notifications: every app tells people about events through `notify`.

A notification is written in the caller's transaction (so it exists only if the event
does); e-mails for those delivered "at once" are queued to Celery after the commit
(partnership.tasks.notification_emails_send); the daily digest collects the rest.
"""

from django.db import transaction

from .. import roles
from ..models import (
    AgencyMembership,
    Delivery,
    Notification,
    NotificationPreference,
    PartnershipMembership,
)


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
    rows = Notification.objects.bulk_create([
        Notification(recipient_id=uid, partnership=partnership, kind=kind, message=message[:300],
                     link=link, delivery=chosen.get(uid, Delivery.IMMEDIATE))
        for uid in sorted(active)])
    at_once = [n.pk for n in rows if n.delivery == Delivery.IMMEDIATE]
    if at_once:
        from ..tasks import notification_emails_send

        transaction.on_commit(lambda: notification_emails_send.delay(at_once))
    return rows


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
