"""API tokens (django-rest-knox's, partnership.ApiToken): made by the API's sign-in
(POST /api/auth/token/, with the second factor's code when the person has one) or on the
person's API access page; the token itself is shown once (only its hash is kept). A token
ends when it expires (settings.API_TOKEN_DAYS after it was made), when its owner revokes it
(DELETE /api/auth/token/ with it, or the API access page), and all of a person's end at once
when their password changes or is reset, they are deactivated, or a second factor of theirs
is removed (partnership/token_revocation.py)."""

from allauth.mfa.base.forms import AuthenticateForm
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from knox.settings import knox_settings

from ..errors import Invalid
from ..models import ApiToken, User
from ..selectors.second_factor import has_device

ENTER_CODE = ("Enter the 6-digit code from your authenticator app, or a recovery code you "
              "have not used")
WRONG_CODE = ("The code is not right. Enter the code your authenticator app shows now, or a "
              "recovery code you have not used")
TOO_MANY = "You have entered a wrong code too many times. Wait {minutes} minutes and try again"


def second_factor_check(*, user, code, request):
    """The code for a person with a second factor: the current code of their authenticator
    app, or one of their recovery codes, which is spent (allauth checks it; a TOTP code is
    accepted once). Refused with a message on `code`; a wrong code also counts as a failed
    sign-in for the account (django-axes locks it after AXES_FAILURE_LIMIT; the caller sees
    request.axes_locked_out)."""
    if not code:
        raise Invalid({"code": ENTER_CODE})
    form = AuthenticateForm(user=user, data={"code": code})
    if not form.is_valid():
        user_login_failed.send(sender=__name__, credentials={"username": user.email},
                               request=request)
        [error] = form.errors.as_data()["code"]
        if error.code == "incorrect_code":
            raise Invalid({"code": WRONG_CODE})
        # allauth's own limit on wrong codes (ACCOUNT_RATE_LIMITS["login_failed"])
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        raise Invalid({"code": TOO_MANY.format(minutes=minutes)})
    form.authenticator.record_usage()


def _limit_check(user):
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and ApiToken.objects.filter(
            user=user, expiry__gt=timezone.now()).count() >= limit:
        raise Invalid(f"You already have {limit} API tokens. Revoke one you no longer use on "
                      "your API access page, then try again.")


@transaction.atomic
def token_create(*, user, name=""):
    """A new token for the person: (the ApiToken, the token itself, to show once). Refused
    when they already have REST_KNOX's TOKEN_LIMIT_PER_USER tokens that have not expired."""
    # Two requests at once cannot both pass the limit (the user may be request.user, lazy).
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    _limit_check(user)
    return ApiToken.objects.create(user=user, name=name.strip())


def token_sign_in(*, user, code, name, request):
    """The API's sign-in, after the password: a person with a second factor (selectors:
    has_device) also gives its code. The limit is checked before a recovery code is spent."""
    if has_device(user):
        _limit_check(user)
        second_factor_check(user=user, code=code, request=request)
    return token_create(user=user, name=name)


def token_revoke(*, token):
    token.delete()


def tokens_revoke_all(*, user_id):
    """End every token of the person. Returns how many there were."""
    deleted, _ = ApiToken.objects.filter(user_id=user_id).delete()
    return deleted
