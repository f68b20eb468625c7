"""Reads about people's second factors."""

from allauth.mfa.models import Authenticator

DEVICES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_device(user):
    """Whether the person has an authenticator app, passkey or security key set up."""
    return Authenticator.objects.filter(user_id=user.pk, type__in=DEVICES).exists()


def device_kinds(user):
    """The kinds of second factor the person has (Authenticator.Type values)."""
    return set(Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True))


def people_with_second_factor(memberships):
    """The ids of the people, among those holding `memberships`, who have an authenticator
    app, passkey or security key set up (one query for a whole list)."""
    return set(Authenticator.objects.filter(
        user_id__in={m.user_id for m in memberships}, type__in=DEVICES,
    ).values_list("user_id", flat=True))


def second_factors(user):
    """What the person has set up, by kind: e.g. {"Authenticator app": 1, "Passkey or
    security key": 2, "Recovery codes": 1}."""
    labels = {Authenticator.Type.TOTP: "Authenticator app",
              Authenticator.Type.WEBAUTHN: "Passkey or security key",
              Authenticator.Type.RECOVERY_CODES: "Recovery codes"}
    kinds = {}
    for kind in Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True):
        kinds[labels[kind]] = kinds.get(labels[kind], 0) + 1
    return kinds
