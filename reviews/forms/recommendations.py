"""Forms of recommendations and of the learning themes they (and reviews) are tagged with.
Actions use the action register's own form (partnership.forms.meetings.ActionForm)."""

from django import forms

from ..models import RecommendationStatus
from .practice import TEXT, ThemesField


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(TEXT),
                           error_messages={"required": "Enter the recommendation"})
    themes = ThemesField()

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class RecommendationEditForm(RecommendationForm):
    status = forms.ChoiceField(label="Status", choices=RecommendationStatus.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose the recommendation's status",
                                               "invalid_choice": "Choose one of the statuses"})
    response = forms.CharField(
        label="The partnership's response", required=False, widget=forms.Textarea(TEXT),
        help_text="Needed to reject a recommendation: why it was not accepted.")
    impact = forms.CharField(
        label="Evidence of impact", required=False, widget=forms.Textarea(TEXT),
        help_text="What has changed for children and families, and how you know.")

    field_order = ("text", "status", "response", "impact", "themes")


class ThemeForm(forms.Form):
    name = forms.CharField(label="Name of the theme", max_length=100,
                           error_messages={"required": "Enter the name of the theme",
                                           "max_length": "The name must be 100 characters or "
                                                         "fewer"})


class ThemeEditForm(ThemeForm):
    active = forms.BooleanField(
        label="Offer this theme for tagging (untick to retire it: what was tagged keeps it)",
        required=False)
