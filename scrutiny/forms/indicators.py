"""Forms of the dashboards: the period and agency filter (GET) and an indicator's target."""

from django import forms

from partnership import periods
from partnership.models import Agency


class DashboardFilterForm(forms.Form):
    period = forms.CharField(
        label="Period", max_length=20, required=False,
        help_text="A financial year like 2025/26 (April 2025 to March 2026), or a quarter of "
                  "it like 2025/26 Q3 (October to December 2025).",
        error_messages={"max_length": periods.FORMAT_HELP})
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False,
        empty_label="All agencies",
        error_messages={"invalid_choice": "Choose an agency from the list"})

    def __init__(self, *args, agencies, default_period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.default_period = default_period

    def clean_period(self):
        text = self.cleaned_data["period"]
        if not text:
            return self.default_period
        return periods.parse(text)


class TargetForm(forms.Form):
    target = forms.DecimalField(
        label="Target", min_value=0, max_digits=12, decimal_places=2,
        help_text="For a percentage, a number from 0 to 100.",
        error_messages={"required": "Enter the target", "invalid": "Enter the target as a number",
                        "min_value": "Enter a target of 0 or more",
                        "max_digits": "Enter a target of less than 10 billion",
                        "max_decimal_places": "Enter the target to two decimal places at most"})
    higher_is_better = forms.TypedChoiceField(
        label="Is a higher figure better?", choices=[("yes", "Yes"), ("no", "No, lower is better")],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        error_messages={"required": "Choose whether a higher figure is better"})
    amber_margin = forms.DecimalField(
        label="Amber margin", min_value=0, max_digits=12, decimal_places=2, initial=5,
        help_text="How far on the wrong side of the target a figure is amber rather than red, "
                  "in the indicator's unit (percentage points for a percentage).",
        error_messages={"required": "Enter the amber margin",
                        "invalid": "Enter the amber margin as a number",
                        "min_value": "Enter an amber margin of 0 or more",
                        "max_digits": "Enter an amber margin of less than 10 billion",
                        "max_decimal_places": "Enter the margin to two decimal places at most"})
