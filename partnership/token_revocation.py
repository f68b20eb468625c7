"""All of a person's API tokens end when their password is changed or reset, when their
account is deactivated, or when a second factor of theirs (an authenticator app, a passkey or
security key) is removed. Receivers of model signals, so that every path is caught: the
password-reset page, the platform admin, `manage.py changepassword`, allauth's pages,
partnership.services.people.user_deactivate, the nightly dormant-account job, a person removing
their own authenticator (allauth) and the business unit resetting someone's second factor
(partnership.services.mfa). Connected in PartnershipConfig.ready()."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from .selectors.second_factor import DEVICES
from .services.api_tokens import tokens_revoke_all


def user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Django's User.set_password() keeps the new password in `_password` until the save that
    stores it (AbstractBaseUser.save); a hash upgraded at sign-in clears it first, so only a
    real change counts. A save that writes is_active=False deactivates. A new account has no
    tokens yet."""
    if created:
        return
    password_changed = getattr(instance, "_password", None) is not None
    deactivated = not instance.is_active and (update_fields is None or "is_active" in update_fields)
    if password_changed or deactivated:
        tokens_revoke_all(user_id=instance.pk)


def authenticator_deleted(sender, instance, **kwargs):
    """A deleted row, however it went (allauth's removal page, the business unit's reset):
    recovery codes alone do not count, they come and go with the others."""
    if instance.type in DEVICES:
        tokens_revoke_all(user_id=instance.user_id)


def connect():
    post_save.connect(user_saved, sender=settings.AUTH_USER_MODEL,
                      dispatch_uid="api-tokens-user-saved")
    post_delete.connect(authenticator_deleted, sender=Authenticator,
                        dispatch_uid="api-tokens-authenticator-deleted")
