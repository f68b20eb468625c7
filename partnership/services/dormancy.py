"""Dormant accounts: the nightly job warns by e-mail whoever has not used their account for
DORMANT_ACCOUNT_DAYS - DORMANT_WARNING_DAYS days, once, and deactivates the account at
DORMANT_ACCOUNT_DAYS, through the same service as the business unit's deactivation.

"Used" is the latest of: the last sign-in (`last_login`), the last request of any of their
sessions still on record (allauth.usersessions' `last_seen_at`), and the day the account was
made (`date_joined`: an invited person who never signed in counts from their invitation).
API tokens are not counted: knox records no last use.

- A pending invitation (never signed in) is never deactivated before its link expires
  (INVITATION_TIMEOUT), should that ever be longer than DORMANT_ACCOUNT_DAYS.
- No account is deactivated sooner than DORMANT_WARNING_DAYS (by date) after its warning,
  whatever its age, so that accounts already long unused when this first runs are warned
  first too.
- Signing in clears the warning (`dormancy_warning_clear`), so the next spell of disuse
  is warned again; so does deactivation, so that an account reactivated in the platform
  admin is warned again before it is closed again.
- Platform staff too, except that the last active superuser is never deactivated: nobody
  else could then reach the platform admin to reactivate anyone, the deployment's own
  included, short of a shell on the server (`createsuperuser`).
"""

import datetime

from allauth.usersessions.models import UserSession
from auditlog.context import set_extra_data
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import User
from .people import user_deactivate


def _last_used():
    seen = (UserSession.objects.filter(user_id=OuterRef("pk")).order_by("-last_seen_at")
            .values("last_seen_at")[:1])
    return Greatest("date_joined", Coalesce("last_login", "date_joined"),
                    Coalesce(Subquery(seen), "date_joined"))


def _active_with_last_used():
    return User.objects.filter(is_active=True).annotate(last_used=_last_used())


def _days(days):
    return datetime.timedelta(days=days)


def _used_before(today, days):
    """Last used on or before the day `days` days before `today` (local days: the job is
    nightly, so whatever the hour they last used it, people are counted by the day)."""
    day = today - _days(days - 1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def dormant_accounts(*, now):
    """Active accounts due to be deactivated at `now` (one query)."""
    today = timezone.localdate(now)
    dormant_before = _used_before(today, settings.DORMANT_ACCOUNT_DAYS)
    link_expired_before = now - datetime.timedelta(seconds=settings.INVITATION_TIMEOUT)
    return _active_with_last_used().filter(
        Q(last_login__isnull=False) | Q(last_used__lt=link_expired_before),
        last_used__lt=dormant_before,
        dormancy_warned_at__date__lte=today - _days(settings.DORMANT_WARNING_DAYS))


def dormancy_warn(*, now):
    """E-mail a warning to each account unused for DORMANT_ACCOUNT_DAYS -
    DORMANT_WARNING_DAYS days and not yet warned, and note when. Returns how many."""
    today = timezone.localdate(now)
    warn_before = _used_before(
        today, settings.DORMANT_ACCOUNT_DAYS - settings.DORMANT_WARNING_DAYS)
    people = list(_active_with_last_used().filter(
        last_used__lt=warn_before, dormancy_warned_at__isnull=True))
    if not people:
        return 0
    earliest = today + _days(settings.DORMANT_WARNING_DAYS)
    messages = [_warning(person, max(earliest, timezone.localdate(person.last_used)
                                     + _days(settings.DORMANT_ACCOUNT_DAYS)))
                for person in people]
    get_connection().send_messages(messages)
    User.objects.filter(pk__in=[person.pk for person in people]).update(dormancy_warned_at=now)
    return len(people)


def _warning(person, closes_on):
    context = {"user": person, "closes_on": closes_on,
               "unused_days": settings.DORMANT_ACCOUNT_DAYS,
               "link": settings.SITE_URL.rstrip("/") + reverse("login"),
               "service_name": settings.SERVICE_NAME}
    return EmailMessage(
        subject=render_to_string("emails/dormancy-warning-subject.txt", context).strip(),
        body=render_to_string("emails/dormancy-warning-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email])


def dormant_deactivate(*, now):
    """Deactivate every account due (see the module's docstring), each through
    people.user_deactivate and recorded in the audit log with why. Returns how many."""
    people = list(dormant_accounts(now=now).order_by("-last_used"))
    superusers = [person.pk for person in people if person.is_superuser]
    if superusers and not User.objects.filter(is_active=True, is_superuser=True).exclude(
            pk__in=superusers).exists():
        keep = superusers[0]  # the most recently used of them
        people = [person for person in people if person.pk != keep]
    for person in people:
        with set_extra_data({"additional_data": {
                "event": "dormant account deactivated",
                "last_used": person.last_used.isoformat(),
                "unused_days": settings.DORMANT_ACCOUNT_DAYS}}):
            user_deactivate(user=person)
    # Reactivated (in the platform admin), they are warned afresh, not closed that night.
    User.objects.filter(pk__in=[person.pk for person in people]).update(dormancy_warned_at=None)
    return len(people)


def dormancy_sweep(*, now=None):
    """The nightly job: deactivate who is due, then warn who will be. Returns the counts."""
    now = now or timezone.now()
    return {"deactivated": dormant_deactivate(now=now), "warned": dormancy_warn(now=now)}


def dormancy_warning_clear(sender, request, user, **kwargs):
    """Connected to user_logged_in in PartnershipConfig.ready(): the account is in use again,
    so a later spell of disuse is warned afresh."""
    if user.dormancy_warned_at is not None:
        User.objects.filter(pk=user.pk).update(dormancy_warned_at=None)
        user.dormancy_warned_at = None
