from django import forms
from django.contrib.auth.forms import AuthenticationForm


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

    error_messages = {
        "invalid_login": (
            "Enter a correct e-mail address and password. If you have forgotten your "
            "password, reset it."
        ),
        "inactive": "This account has been closed. Contact your partnership's business unit.",
    }
