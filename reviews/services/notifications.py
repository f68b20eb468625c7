"""Serious incident notifications with their children (1 to 4, the DfE's characteristics),
the restricted child record and case grants.

The notification's own pseudonym names the case and stays as it was entered; its age band
and looked_after describe the case as a whole and follow its children once it has any: the
age band of the child in position 1, looked after when any child is. A notification
recorded before the children were collected has none until they are added."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnership import dates
from partnership.errors import Invalid
from partnership.models import Partnership
from partnership.services.common import locked, model_update

from ..models import (
    MAX_CHILDREN,
    AgeBand,
    CaseGrant,
    ChildRecord,
    IncidentType,
    LegalStatus,
    Notification,
    NotifiedChild,
)

NOTIFY_DAYS = 5  # working days from the local authority becoming aware (statutory)
REVIEW_DAYS = 15  # working days from the date the Panel was notified (statutory)
MAX_GRANT_DAYS = 90
FIELDS = ("pseudonym", "age_band", "incident_type", "looked_after", "summary", "incident_on",
          "la_aware_on", "notified_on", "panel_reference", "partners_informed_on", "closed_on")
CHILD_FIELDS = ("legal_name", "date_of_birth", "address", "nhs_number")
# A notified child's answers, in the order of the DfE's notification form.
CHARACTERISTICS = ("pseudonym", "age_band", "sex", "ethnicity", "disability", "legal_status",
                   "placement", "known_to_agencies", "abuse_or_neglect", "home_local_authority")
NO_RAPID_REVIEW = ("No rapid review is needed for the death of a care leaver: it is notified "
                   "to the Panel, but the guidance asks for no rapid review (Working Together "
                   "2023, updated 2024).")
TOO_MANY = f"A notification covers up to {MAX_CHILDREN} children of the same incident"
TOO_FEW = "Add the child, or each child (up to 4), the notification is about"


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


def child_errors(incident_type, fields):
    """What is wrong with a child's answers for this type of incident, by field: the death of
    a care leaver is of a care leaver aged 18 to 24, and only it has that age band."""
    errors = {}
    care_leaver = incident_type == IncidentType.CARE_LEAVER_DEATH
    if care_leaver and fields.get("age_band") != AgeBand.CARE_LEAVER:
        errors["age_band"] = ("The death of a care leaver is notified for a care leaver aged "
                              "18 to 24: choose 18 to 24")
    if not care_leaver and fields.get("age_band") == AgeBand.CARE_LEAVER:
        errors["age_band"] = ("18 to 24 is only for the death of a care leaver: choose the "
                              "child's age band, or that type of incident")
    if care_leaver and fields.get("legal_status") != LegalStatus.CARE_LEAVER:
        errors["legal_status"] = "The death of a care leaver: choose care leaver"
    return errors


def rapid_review_refusal(notification):
    """Why the notification needs no rapid review (None when it does)."""
    if notification.incident_type == IncidentType.CARE_LEAVER_DEATH:
        return NO_RAPID_REVIEW
    return None


def _case_from_children(notification):
    """The case's age band and looked_after, from its children (when it has any)."""
    children = list(notification.children.order_by("position"))
    if not children:
        return
    notification.age_band = children[0].age_band
    notification.looked_after = any(c.legal_status == LegalStatus.LOOKED_AFTER for c in children)
    notification.save(update_fields=["age_band", "looked_after"])


def _check_children(incident_type, children):
    if not children:
        raise Invalid({"children": TOO_FEW})
    if len(children) > MAX_CHILDREN:
        raise Invalid({"children": f"{TOO_MANY}: remove {len(children) - MAX_CHILDREN}"})
    problems = [f"Child {number}: {message}"
                for number, child in enumerate(children, start=1)
                for message in child_errors(incident_type, child).values()]
    if problems:
        raise Invalid({"children": problems})


def _children_write(notification, children):
    notification.children.all().delete()
    for position, fields in enumerate(children, start=1):
        child = NotifiedChild(notification=notification, position=position)
        model_update(child, fields, CHARACTERISTICS)
    _case_from_children(notification)


@transaction.atomic
def notification_create(*, partnership, created_by, themes=(), children=None, **fields):
    """Record a notification. The pages and the API always give `children` (1 to 4 dicts of
    CHARACTERISTICS); only a notification made without the DfE's children (as before they
    were collected) leaves it out."""
    _check_dates(fields)
    if children is not None:
        _check_children(fields.get("incident_type"), children)
    notification = Notification(
        partnership=partnership, created_by=created_by,
        reference=_next_reference(partnership, fields["la_aware_on"].year),
        notify_by=dates.statutory_deadline(fields["la_aware_on"], NOTIFY_DAYS))
    if children:
        fields = {**fields, "age_band": children[0]["age_band"]}
    model_update(notification, fields, FIELDS)
    notification.themes.set(themes)
    if children:
        _children_write(notification, children)
    return notification


def _check_type_change(notification, incident_type, *, checked):
    """A new type of incident must fit the children (unless `checked`: new ones are given)."""
    if incident_type == notification.incident_type:
        return
    if incident_type == IncidentType.CARE_LEAVER_DEATH and hasattr(notification, "rapid_review"):
        raise Invalid({"incident_type": "A rapid review has started: the case cannot become "
                                        "the death of a care leaver, which has none"})
    if checked:
        return
    wrong = [child.pseudonym for child in notification.children.all()
             if child_errors(incident_type, {name: getattr(child, name)
                                             for name in CHARACTERISTICS})]
    if wrong:
        raise Invalid({"incident_type": f"Change {', '.join(wrong)} first: their age band or "
                                        "legal status does not fit this type of incident"})


@transaction.atomic
def notification_update(*, notification, themes=None, children=None, **fields):
    """Change the notification; `children`, when given, replaces its children (1 to 4, in
    order), checked against the type of incident it will have."""
    locked(notification)
    current = {name: getattr(notification, name) for name in FIELDS}
    _check_dates({**current, **fields})
    incident_type = fields.get("incident_type", notification.incident_type)
    if children is not None:
        _check_children(incident_type, children)
    _check_type_change(notification, incident_type, checked=children is not None)
    if "la_aware_on" in fields:
        notification.notify_by = dates.statutory_deadline(fields["la_aware_on"], NOTIFY_DAYS)
    review = getattr(notification, "rapid_review", None)
    if review is not None and fields.get("notified_on", notification.notified_on) is None:
        raise Invalid({"notified_on": "A rapid review has started: the date the Panel "
                                      "was notified cannot be removed"})
    model_update(notification, fields, FIELDS, also=("notify_by",))
    if themes is not None:
        notification.themes.set(themes)
    if children is not None:
        _children_write(notification, children)
    if review is not None and notification.notified_on:
        review.due_on = dates.statutory_deadline(notification.notified_on, REVIEW_DAYS)
        review.save(update_fields=["due_on"])
    return notification


@transaction.atomic
def notified_child_add(*, notification, **fields):
    """Add a child to the notification, after the others (up to MAX_CHILDREN)."""
    locked(notification)
    count = notification.children.count()
    if count >= MAX_CHILDREN:
        raise Invalid(f"{TOO_MANY}: this one already has {count}. Record another "
                      "notification for another incident")
    errors = child_errors(notification.incident_type, fields)
    if errors:
        raise Invalid(errors)
    child = model_update(NotifiedChild(notification=notification, position=count + 1),
                         fields, CHARACTERISTICS)
    _case_from_children(notification)
    return child


@transaction.atomic
def notified_child_update(*, child, **fields):
    notification = locked(child.notification)
    current = {name: getattr(child, name) for name in CHARACTERISTICS}
    errors = child_errors(notification.incident_type, {**current, **fields})
    if errors:
        raise Invalid(errors)
    model_update(child, fields, CHARACTERISTICS)
    _case_from_children(notification)
    return child


@transaction.atomic
def notified_child_remove(*, child):
    """Remove a child; the others move up (positions stay 1..n). The last one stays."""
    notification = locked(child.notification)
    others = list(notification.children.exclude(pk=child.pk).order_by("position"))
    if not others:
        raise Invalid("A notification is about at least one child: change this child's "
                      "answers instead, or add the right child before removing this one")
    child.delete()
    for position, other in enumerate(others, start=1):
        if other.position != position:
            NotifiedChild.objects.filter(pk=other.pk).update(position=position)
    _case_from_children(notification)
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
