"""Forms of the challenge log. They check the input; scrutiny/services/challenges.py checks
the workflow."""

from django import forms

from partnership.forms import GovukDateField

from ..models import Judgement

TEXT = {"rows": 5}


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

    def __init__(self, *args, agencies, default_due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.fields["due_on"].help_text = (
            f"Leave blank for the default: {default_due:%-d %B %Y} (20 working days).")


class ResponseForm(forms.Form):
    response = forms.CharField(label="Response", widget=forms.Textarea(TEXT),
                               error_messages={"required": "Enter the response"})


class JudgementForm(forms.Form):
    judgement = forms.ChoiceField(label="Judgement", choices=Judgement.choices,
                                  widget=forms.RadioSelect, error_messages={
                                      "required": "Choose the judgement",
                                      "invalid_choice": "Choose one of the judgements"})
    text = forms.CharField(label="Reasons", widget=forms.Textarea(TEXT),
                           error_messages={"required": "Enter the reasons for the judgement"})
