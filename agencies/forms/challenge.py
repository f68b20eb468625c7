"""Forms for challenge (peer review) events and their follow-up actions."""

from django import forms

from partnership.forms.dates import GovukDateField


class ChallengeEventForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label="Cycle", queryset=None, empty_label="Choose a cycle",
        error_messages={"required": "Choose the cycle the event challenges",
                        "invalid_choice": "Choose one of the partnership's cycles"})
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example 'Section 11 challenge day'.",
                            error_messages={"required": "Enter the event's title",
                                            "max_length": "The title must be 200 characters or fewer"})
    held_on = GovukDateField(label="Date", help_text="For example, 27 3 2026",
                             error_messages={"required": "Enter the date of the event"})
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies invited", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the agencies invited",
                        "invalid_choice": "Choose agencies of this partnership",
                        "invalid_pk_value": "Choose agencies of this partnership"})
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 5}),
                              required=False,
                              help_text="What the event found: themes, good practice, areas for "
                                        "development.")

    def __init__(self, *args, cycles, agencies, **kwargs):
        """`agencies`: those that may be invited (the view offers at most PICKER_MAX at
        once, pickers.offer_in)."""
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["agencies"].queryset = agencies


class ChallengeEventEditForm(forms.Form):
    title = ChallengeEventForm.base_fields["title"]
    held_on = ChallengeEventForm.base_fields["held_on"]
    outcome = ChallengeEventForm.base_fields["outcome"]


class FollowUpForm(forms.Form):
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "Describe the action"})
    owner_agency = forms.ModelChoiceField(
        label="Owner agency", queryset=None, empty_label="Choose an agency",
        error_messages={"required": "Choose the agency that owns the action",
                        "invalid_choice": "Choose one of the partnership's agencies"})
    due_on = GovukDateField(label="Due date", help_text="For example, 27 3 2026",
                            error_messages={"required": "Enter the due date"})

    def __init__(self, *args, agencies, **kwargs):
        """`agencies`: those that may own the action (the view offers at most PICKER_MAX at
        once, pickers.offer_in)."""
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
