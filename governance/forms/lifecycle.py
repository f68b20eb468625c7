"""Forms of a meeting's life: the reason it was cancelled or adjourned."""

from django import forms

from ..services.lifecycle import REASON_MAX


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone who can see the meeting will see the reason.",
        error_messages={"required": "Enter the reason",
                        "max_length": f"The reason must be {REASON_MAX} characters or fewer"})

    def __init__(self, *args, what, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = f"Why was the meeting {what}?"
        self.fields["reason"].error_messages["required"] = f"Enter why the meeting was {what}"
