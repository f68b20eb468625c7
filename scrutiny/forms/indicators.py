"""Forms of the dashboards: the period and agency filter (GET) and an indicator's target."""

from django import forms

from partnership import periods
from partnership.errors import Invalid

AGENCY_OPTIONS = 200


class AgencyField(forms.ChoiceField):
    """An agency among the form's `agencies` (a queryset, looked up when cleaned), shown as
    a select of at most AGENCY_OPTIONS of them."""

    def valid_value(self, value):
        return True  # clean_agency looks it up among all the partnership's agencies


class DashboardFilterForm(forms.Form):
    """The period, and an agency: a select of the agencies designated in the partnership
    during the period, at most AGENCY_OPTIONS of them; `agency_name` narrows the select to
    the names that contain it (and picks the agency when only one does)."""

    period = forms.CharField(
        label="Period", max_length=20, required=False,
        help_text="A financial year like 2025/26 (April 2025 to March 2026), or a quarter of "
                  "it like 2025/26 Q3 (October to December 2025).",
        error_messages={"max_length": periods.FORMAT_HELP})
    agency_name = forms.CharField(
        label="Find an agency", max_length=100, required=False,
        help_text="Part of its name: the list below then shows the agencies that match.")
    agency = AgencyField(label="Agency", required=False)

    def __init__(self, *args, agencies, default_period, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = agencies(self._period(default_period))
        self.default_period = default_period
        search = self.data.get("agency_name", "").strip()[:100]
        shown = self.agencies.filter(name__icontains=search) if search else self.agencies
        self.shown = list(shown.only("pk", "name")[:AGENCY_OPTIONS + 1])
        self.more = len(self.shown) > AGENCY_OPTIONS
        del self.shown[AGENCY_OPTIONS:]
        self.fields["agency"].choices = [("", "All agencies")] + [
            (str(a.pk), a.name) for a in self.shown]
        if self.more:
            self.fields["agency"].help_text = (
                f"The first {AGENCY_OPTIONS} by name: find an agency by name to see others.")

    def _period(self, default):
        """The period asked for, for the agencies' list (the default while it is wrong: the
        period field says what is wrong with it)."""
        try:
            return periods.parse(self.data["period"]) if self.data.get("period") else default
        except Invalid:
            return default

    def clean_period(self):
        text = self.cleaned_data["period"]
        if not text:
            return self.default_period
        return periods.parse(text)

    def clean_agency(self):
        value = self.cleaned_data["agency"]
        if not value:
            search = self.data.get("agency_name", "").strip()
            return self.shown[0] if search and len(self.shown) == 1 else None
        found = next((a for a in self.shown if str(a.pk) == value), None)
        if found is None and value.isascii() and value.isdigit() and len(value) < 19:
            found = self.agencies.filter(pk=int(value)).first()
            if found is not None:  # chosen by a link: it stays chosen in the select
                self.fields["agency"].choices += [(str(found.pk), found.name)]
        if found is None:
            raise forms.ValidationError("Choose an agency from the list")
        return found


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
