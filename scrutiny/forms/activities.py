"""Forms of the scrutiny plan. They check the input; scrutiny/services/activities.py checks
the rules."""

from django import forms

from partnership.forms import GovukDateField

from ..models import ActivityStatus, ActivityType, FindingKind
from ..models.activities import QUARTERS

TEXT = {"rows": 4}
YEAR_ERRORS = {"required": "Enter the year the financial year starts in, like 2019",
               "invalid": "Enter the year as a number, like 2019",
               "min_value": "Enter a year from 2000", "max_value": "Enter a year up to 2100"}


class ActivityForm(forms.Form):
    year = forms.IntegerField(label="Financial year starting in", min_value=2000,
                              max_value=2100, help_text="For example, 2019 for 2019/20.",
                              error_messages=YEAR_ERRORS)
    activity_type = forms.ChoiceField(
        label="Type of activity", choices=[("", "Choose a type"), *ActivityType.choices],
        error_messages={"required": "Choose the type of activity",
                        "invalid_choice": "Choose one of the types"})
    title = forms.CharField(max_length=200, error_messages={
        "required": "Enter the title", "max_length": "The title must be 200 characters or fewer"})
    scope = forms.CharField(required=False, widget=forms.Textarea(TEXT))
    lead = forms.ModelChoiceField(label="Lead", queryset=None, required=False,
                                  empty_label="Not a person in the list",
                                  error_messages={"invalid_choice": "Choose one of the people"})
    lead_name = forms.CharField(label="Or the lead's name or post", max_length=200,
                                required=False)
    quarter = forms.TypedChoiceField(
        label="Planned quarter", choices=[("", "Not planned yet"), *QUARTERS], coerce=int,
        empty_value=None, required=False,
        error_messages={"invalid_choice": "Choose one of the quarters"})
    starts_on = GovukDateField(label="Start date", required=False)
    ends_on = GovukDateField(label="End date", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people
        self.fields["lead"].label_from_instance = lambda u: u.full_name or u.email


class ActivityEditForm(ActivityForm):
    status = forms.ChoiceField(label="Status", choices=ActivityStatus.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose the activity's status",
                                               "invalid_choice": "Choose one of the statuses"})
    cancelled_reason = forms.CharField(label="Why it was cancelled", required=False,
                                       widget=forms.Textarea(TEXT),
                                       help_text="Only for a cancelled activity.")


class FindingForm(forms.Form):
    text = forms.CharField(label="Finding", widget=forms.Textarea(TEXT),
                           error_messages={"required": "Enter the finding"})
    kind = forms.ChoiceField(label="What kind of finding is it?", choices=FindingKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose what kind of finding it is",
                                             "invalid_choice": "Choose one of the kinds"})
    recommendation = forms.CharField(
        required=False, widget=forms.Textarea(TEXT),
        help_text="Optional. A recommendation becomes an action on the action register.")
    owner_agency = forms.ModelChoiceField(
        label="Agency that owns the action", queryset=None, required=False,
        empty_label="No action", error_messages={
            "invalid_choice": "Choose one of the partnership's agencies"})
    due_on = GovukDateField(label="Action due date", required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies


class SectionForm(forms.Form):
    year = forms.IntegerField(label="Financial year starting in", min_value=2000,
                              max_value=2100, error_messages=YEAR_ERRORS)
    title = forms.CharField(max_length=200, error_messages={
        "required": "Enter the title", "max_length": "The title must be 200 characters or fewer"})
    body = forms.CharField(label="Text", widget=forms.Textarea({"rows": 12}),
                           help_text="Markdown: # headings, *emphasis*, - lists.",
                           error_messages={"required": "Enter the text of the section"})
    order = forms.IntegerField(label="Position in the report", min_value=0, max_value=999,
                               initial=0, error_messages={
                                   "required": "Enter the position, like 1",
                                   "invalid": "Enter the position as a number",
                                   "min_value": "Enter 0 or more",
                                   "max_value": "Enter 999 or less"})
