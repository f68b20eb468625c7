from django import forms

from ..models import Delivery, NotificationKind


class UnreadFilter(forms.Form):
    unread = forms.BooleanField(label="Unread only", required=False)


class PreferencesForm(forms.Form):
    """One set of radios per kind of notification: how it reaches the person."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Delivery.choices, widget=forms.RadioSelect,
                initial=current[kind],
                error_messages={"required": f"Choose how you hear that {label[0].lower()}"
                                            f"{label[1:]}",
                                "invalid_choice": "Choose one of the ways shown"})
