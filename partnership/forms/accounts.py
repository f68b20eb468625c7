from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false",
                                       "autofocus": True}),
    )

    error_messages = {
        "invalid_login": (
            "Enter a correct e-mail address and password. If you have forgotten your "
            "password, reset it."
        ),
        "inactive": "This account has been closed. Contact your partnership's business unit.",
    }
