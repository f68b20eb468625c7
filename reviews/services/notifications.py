"""Serious incident notifications, the restricted child record and case grants."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnership import dates
from partnership.errors import Invalid
from partnership.models import Partnership
from partnership.services.common import locked, model_update

from ..models import CaseGrant, ChildRecord, Notification

NOTIFY_DAYS = 5  # working days from the local authority becoming aware (statutory)
REVIEW_DAYS = 15  # working days from the date the Panel was notified (statutory)
MAX_GRANT_DAYS = 90
FIELDS = ("pseudonym", "age_band", "incident_type", "looked_after", "incident_on", "la_aware_on",
          "notified_on", "panel_reference", "partners_informed_on", "closed_on")
CHILD_FIELDS = ("legal_name", "date_of_birth", "address", "nhs_number")


def _check_dates(fields):
    aware = fields.get("la_aware_on")
    errors = {}
    if aware is None:
        errors["la_aware_on"] = "Enter the date the local authority became aware"
    else:
        if fields.get("incident_on") and fields["incident_on"] > aware:
            errors["incident_on"] = ("The date of the incident must be on or before the date "
                                     "the local authority became aware")
        for name, label in (("notified_on", "the Panel was notified"),
                            ("partners_informed_on", "partners were informed")):
            if fields.get(name) and fields[name] < aware:
                errors[name] = (f"The date {label} must be on or after the date the local "
                                "authority became aware")
        if aware > timezone.localdate():
            errors["la_aware_on"] = "The date the local authority became aware must be today or in the past"
    if errors:
        raise Invalid(errors)


def _next_reference(partnership, year):
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    prefix = f"N-{partnership.pk}-{year}-"
    last = Notification.objects.filter(reference__startswith=prefix).aggregate(
        n=Max("reference"))["n"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"


@transaction.atomic
def notification_create(*, partnership, created_by, themes=(), **fields):
    _check_dates(fields)
    notification = Notification(
        partnership=partnership, created_by=created_by,
        reference=_next_reference(partnership, fields["la_aware_on"].year),
        notify_by=dates.statutory_deadline(fields["la_aware_on"], NOTIFY_DAYS))
    model_update(notification, fields, FIELDS)
    notification.themes.set(themes)
    return notification


@transaction.atomic
def notification_update(*, notification, themes=None, **fields):
    locked(notification)
    current = {name: getattr(notification, name) for name in FIELDS}
    _check_dates({**current, **fields})
    if "la_aware_on" in fields:
        notification.notify_by = dates.statutory_deadline(fields["la_aware_on"], NOTIFY_DAYS)
    review = getattr(notification, "rapid_review", None)
    if review is not None and fields.get("notified_on", notification.notified_on) is None:
        raise Invalid({"notified_on": "A rapid review has started: the date the Panel "
                                      "was notified cannot be removed"})
    model_update(notification, fields, FIELDS, also=("notify_by",))
    if themes is not None:
        notification.themes.set(themes)
    if review is not None and notification.notified_on:
        review.due_on = dates.statutory_deadline(notification.notified_on, REVIEW_DAYS)
        review.save(update_fields=["due_on"])
    return notification


@transaction.atomic
def child_record_save(*, notification, **fields):
    record = ChildRecord.objects.filter(notification=notification).first() \
        or ChildRecord(notification=notification)
    if fields.get("date_of_birth") and fields["date_of_birth"] > timezone.localdate():
        raise Invalid({"date_of_birth": "The date of birth must be in the past"})
    return model_update(record, fields, CHILD_FIELDS)


@transaction.atomic
def grant_create(*, notification, user, purpose, days, granted_by):
    """Give a named person access to the case's identifying details for `days` days."""
    errors = {}
    if not purpose.strip():
        errors["purpose"] = "Enter why they need to see who the child is"
    if not 1 <= days <= MAX_GRANT_DAYS:
        errors["days"] = f"A grant lasts between 1 and {MAX_GRANT_DAYS} days"
    if not user.is_active:
        errors["user"] = f"{user} no longer has an active account"
    if errors:
        raise Invalid(errors)
    return CaseGrant.objects.create(
        notification=notification, user=user, purpose=purpose.strip(), granted_by=granted_by,
        expires_at=timezone.now() + datetime.timedelta(days=days))


@transaction.atomic
def grant_revoke(*, grant):
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
    return grant
