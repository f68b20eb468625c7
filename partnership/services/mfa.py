"""Writes about second factors: the business unit resetting a person's, and the partnership's
setting for its agency staff. Who must have one: partnership.permissions.mfa_required."""

from allauth.mfa.models import Authenticator
from allauth.usersessions.adapter import get_adapter as usersessions_adapter
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

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
