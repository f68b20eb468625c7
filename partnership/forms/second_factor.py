"""The partnership's setting for its agency staff's second factor."""

from django import forms

REQUIRED, OPTIONAL = "required", "optional"


class AgencyStaffSecondFactorForm(forms.Form):
    second_factor = forms.ChoiceField(
        label="Second factor for agency leads and contributors",
        choices=[(REQUIRED, "Required"), (OPTIONAL, "Optional")],
        widget=forms.RadioSelect,
        help_text="Required: they set up an authenticator app or a passkey at their next "
                  "sign-in. Optional: they may set one up. The business unit, partners, "
                  "chair, scrutineer, chief officers and anyone with access to a case always "
                  "need one.",
        error_messages={"required": "Choose whether agency leads and contributors need a "
                                    "second factor",
                        "invalid_choice": "Choose required or optional"})

    def required(self):
        return self.cleaned_data["second_factor"] == REQUIRED
