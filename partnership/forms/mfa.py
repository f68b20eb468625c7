"""allauth's second-factor forms with the GOV.UK wording (settings.MFA_FORMS): labels, and
error messages that say what to do. allauth does the checking (codes, rate limit, keys)."""

from allauth.account import forms as account
from allauth.mfa.base import forms as base
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp
from allauth.mfa.webauthn import forms as webauthn
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from ..selectors.second_factor import device_kinds

ENTER_CODE = "Enter the 6-digit code from your authenticator app"
ENTER_CODE_OR_RECOVERY = f"{ENTER_CODE}, or a recovery code"
INCORRECT = "The code is not right. Enter the code your authenticator app shows now, or a " \
            "recovery code you have not used"
KEY_REFUSED = "Your passkey or security key was not recognised. Try it again, or enter a code"
TOO_MANY = "You have made too many wrong attempts. Wait {minutes} minutes and try again"
NOT_ADDED = "Your passkey or security key was not added. Select ‘Add a passkey or security " \
            "key’ and use it when your browser asks"


def code_field(label, required=ENTER_CODE):
    return forms.CharField(
        label=label, error_messages={"required": required},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "spellcheck": "false"}))


def reworded(error, incorrect=INCORRECT):
    """allauth's ValidationError, its message in the portal's words (same code). Wrong codes
    are limited per person (settings.ACCOUNT_RATE_LIMITS["login_failed"])."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = {"incorrect_code": incorrect,
               "incorrect_password": "The password is not right",
               "too_many_login_attempts": TOO_MANY.format(minutes=minutes),
               "rate_limited": TOO_MANY.format(minutes=minutes)}.get(error.code, error.message)
    return ValidationError(message, code=error.code)


class WordedCode:
    """clean_code as allauth's, with the portal's messages."""

    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            raise reworded(error) from None


class SecondFactor(WordedCode):
    @cached_property
    def kinds(self):
        """The kinds of second factor the person has (for the page's choices)."""
        return device_kinds(self.user)

    @property
    def has_app(self):
        return Authenticator.Type.TOTP in self.kinds


class AuthenticateForm(SecondFactor, base.AuthenticateForm):
    code = code_field("Code", ENTER_CODE_OR_RECOVERY)


class ReauthenticateForm(SecondFactor, base.ReauthenticateForm):
    code = code_field("Code", ENTER_CODE_OR_RECOVERY)


class ActivateTOTPForm(WordedCode, totp.ActivateTOTPForm):
    code = code_field("Code from your authenticator app")

    @property
    def secret_groups(self):
        """The secret in groups of four letters, for typing into an app by hand."""
        return " ".join(self.secret[i:i + 4] for i in range(0, len(self.secret), 4))


class AuthenticateWebAuthnForm(webauthn.AuthenticateWebAuthnForm):
    def clean_credential(self):
        try:
            return super().clean_credential()
        except ValidationError as error:
            raise reworded(error, KEY_REFUSED) from None


class AddWebAuthnForm(webauthn.AddWebAuthnForm):
    name = forms.CharField(
        label="Name", required=False, max_length=100,
        help_text="To tell your keys apart, for example ‘Work laptop’ or ‘Blue security key’")

    def clean(self):
        """Any failure of the key's answer (missing, malformed, refused) is one message for
        the whole form: the answer is a hidden field the person never sees."""
        try:
            cleaned = super().clean()
        except ValidationError:
            cleaned = None
        if cleaned is None or self._errors.pop("credential", None):
            raise ValidationError(NOT_ADDED, code="not_added")
        return cleaned


class EditWebAuthnForm(webauthn.EditWebAuthnForm):
    name = forms.CharField(label="Name", max_length=100,
                           error_messages={"required": "Enter a name for the key"})


class PasswordReauthenticateForm(account.ReauthenticateForm):
    """Confirming the password again (settings.ACCOUNT_FORMS)."""

    password = forms.CharField(
        label="Password", strip=False, error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def clean_password(self):
        try:
            return super().clean_password()
        except ValidationError as error:
            raise reworded(error) from None
