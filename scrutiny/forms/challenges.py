"""Forms of the challenge log. They check the input; scrutiny/services/challenges.py checks
the workflow."""

from django import forms

from partnership import periods, uploads
from partnership.forms import GovukDateField

from ..models import Judgement
from ..selectors.indicators import CHOICES

TEXT = {"rows": 5}
FILE_HINT = "Optional. A PDF, Word, Excel or OpenDocument file."


def _attachment():
    return forms.FileField(label="Attach a file", required=False, help_text=FILE_HINT,
                           error_messages={"empty": "The selected file is empty",
                                           "invalid": "Select a file"})


def _checked(upload):
    return uploads.check_upload(upload) if upload else None


class ChallengeForm(forms.Form):
    subject = forms.CharField(max_length=200, error_messages={
        "required": "Enter the subject",
        "max_length": "The subject must be 200 characters or fewer"})
    detail = forms.CharField(label="The challenge", widget=forms.Textarea(TEXT),
                             error_messages={"required": "Enter the challenge"})
    agencies = forms.ModelMultipleChoiceField(
        label="Partners it is addressed to", queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partner",
                        "invalid_choice": "Choose partners from the list",
                        "invalid_pk_value": "Choose partners from the list"})
    due_on = GovukDateField(label="Response due", required=False)
    attachment = _attachment()
    # What it is about, when raised from an indicator's page (carried, not typed).
    indicator = forms.ChoiceField(choices=[("", ""), *CHOICES], required=False,
                                  widget=forms.HiddenInput, error_messages={
                                      "invalid_choice": "Choose an indicator of the dashboard"})
    period = forms.CharField(max_length=20, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies, default_due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["due_on"].help_text = (
            f"Leave blank for the default: {default_due:%-d %B %Y} (20 working days).")

    def clean_attachment(self):
        return _checked(self.cleaned_data.get("attachment"))

    def clean_period(self):
        text = self.cleaned_data["period"]
        return periods.parse(text) if text else None


class ResponseForm(forms.Form):
    response = forms.CharField(label="Response", widget=forms.Textarea(TEXT),
                               error_messages={"required": "Enter the response"})
    attachment = _attachment()

    def clean_attachment(self):
        return _checked(self.cleaned_data.get("attachment"))


class JudgementForm(forms.Form):
    judgement = forms.ChoiceField(label="Judgement", choices=Judgement.choices,
                                  widget=forms.RadioSelect, error_messages={
                                      "required": "Choose the judgement",
                                      "invalid_choice": "Choose one of the judgements"})
    text = forms.CharField(label="Reasons", widget=forms.Textarea(TEXT),
                           error_messages={"required": "Enter the reasons for the judgement"})
