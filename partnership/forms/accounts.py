from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


def normalise_username(value):
    """The one form of a sign-in name: e-mail addresses are matched without regard to case
    (User.objects.get_by_natural_key), so the lockout must count them the same way."""
    return value.strip().lower() if isinstance(value, str) else value


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the name django-axes counts failures and locks accounts by,
    normalised like the sign-in itself, so `Chief.Constable@...` is the same account as
    `chief.constable@...` in the pages, the API's token endpoint and the platform admin."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and field in credentials:
        raw = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get(field) if hasattr(data, "get") else None
    return normalise_username(raw)


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        error_messages={"required": "Enter your e-mail address",
                        "invalid": "Enter an e-mail address in the correct format, "
                                   "like name@example.org"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false",
                                       "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self):
        return normalise_username(self.cleaned_data.get("username"))

    error_messages = {
        "invalid_login": (
            "Enter a correct e-mail address and password. If you have forgotten your "
            "password, reset it."
        ),
        "inactive": "This account has been closed. Contact your partnership's business unit.",
    }
