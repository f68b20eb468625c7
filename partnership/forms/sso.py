"""The sign-in page's "Sign in with your organisation's account": a work e-mail address whose
domain chooses the organisation's single sign-on provider (partnership/sso.py)."""

from django import forms

from .. import sso
from .accounts import normalise_username


class SingleSignOnForm(forms.Form):
    email = forms.EmailField(
        label="Work e-mail address",
        help_text="The address your organisation gave you",
        error_messages={"required": "Enter your work e-mail address",
                        "invalid": "Enter an e-mail address in the correct format, "
                                   "like name@example.org"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "sso-%s")  # beside the password form's fields
        super().__init__(*args, **kwargs)
        self.provider = None

    def clean_email(self):
        email = normalise_username(self.cleaned_data["email"])
        self.provider = sso.provider_for_email(email)
        if self.provider is None:
            raise forms.ValidationError(
                "Your organisation does not use single sign-on here. Sign in with your "
                "e-mail address and password instead")
        return email
