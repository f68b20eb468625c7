"""Writes about second factors: the business unit resetting a person's, and the partnership's
setting for its agency staff. Who must have one: partnership.permissions.mfa_required."""

import base64
import binascii

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.adapter import get_adapter as usersessions_adapter
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from ..errors import Invalid
from ..models import Partnership, User
from .common import locked


@transaction.atomic
def second_factor_reset(*, person, by, partnership):
    """Remove every second factor the person has (apps, passkeys, security keys, recovery
    codes), so that they set up a new one at their next sign-in; end their sessions, which
    were signed in with the old one; record it in the audit log against the person, with who
    did it and for which partnership; and e-mail them. Returns the kinds removed."""
    locked(person)
    authenticators = Authenticator.objects.filter(user_id=person.pk)
    removed = sorted(set(authenticators.values_list("type", flat=True)))
    authenticators.delete()  # each row's post_delete ends their API tokens (token_revocation)
    usersessions_adapter().end_sessions(UserSession.objects.filter(user_id=person.pk))
    LogEntry.objects.log_create(
        person, force_log=True, action=LogEntry.Action.UPDATE, actor=by,
        changes={"second factor": ["set up" if removed else "none", "reset"]},
        additional_data={"event": "second factor reset", "partnership": partnership.slug,
                         "removed": removed},
    )
    transaction.on_commit(lambda: _reset_email(person.pk, by.pk, partnership.pk))
    return removed


def _reset_email(user_id, by_id, partnership_id):
    from ..tasks import second_factor_reset_email

    second_factor_reset_email.delay(user_id, by_id, partnership_id)


def second_factor_reset_email_send(*, user_id, by_id, partnership_id):
    context = {
        "user": User.objects.get(pk=user_id),
        "by": User.objects.get(pk=by_id),
        "partnership": Partnership.objects.get(pk=partnership_id),
        "link": settings.SITE_URL.rstrip("/") + reverse("login"),
        "service_name": settings.SERVICE_NAME,
    }
    send_mail(
        subject=render_to_string("emails/second-factor-reset-subject.txt", context).strip(),
        message=render_to_string("emails/second-factor-reset-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[context["user"].email],
    )


@transaction.atomic
def agency_staff_mfa_set(*, partnership, required):
    """Whether the partnership's agency leads and contributors must have a second factor
    (everyone else who must have one always must). The change is in the audit log."""
    locked(partnership)
    partnership.agency_staff_mfa_required = required
    partnership.save(update_fields=["agency_staff_mfa_required"])
    return partnership


# What --totp-secret takes.
TOTP_KEY_FORMAT = (
    "a base32 secret (letters A to Z and digits 2 to 7, padded with = to a multiple of 8) "
    "of at least 16 characters, for example JBSWY3DPEHPK3PXP")


def totp_secret_clean(secret):
    """The secret as allauth reads it (upper case, no spaces), or Invalid."""
    secret = "".join(secret.split()).upper()
    try:
        valid = len(base64.b32decode(secret)) >= 10
    except (binascii.Error, ValueError):
        valid = False
    if not valid:
        raise Invalid({"totp_secret": f"Give {TOTP_KEY_FORMAT}."})
    return secret


@transaction.atomic
def authenticator_app_set(*, user, secret):
    """Give the person an authenticator app with this secret, in place of any they had (the
    demo people, load_demo --totp-secret)."""
    Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).delete()
    return TOTP.activate(user, totp_secret_clean(secret)).instance
