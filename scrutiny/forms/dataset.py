"""Forms of the multi-agency dataset: a measure, an agency's quarterly return (one number
box per measure, with the version the writer started from) and reopening a return."""

from django import forms

from partnership.models import Agency, Sector

from ..models import MeasureUnit

STALE = "This page is out of date: reload it and try again"


class MeasureForm(forms.Form):
    code = forms.SlugField(label="Code", max_length=40,
                           help_text="A short, stable name of lower-case letters, numbers and "
                                     "hyphens, like ‘referrals’.",
                           error_messages={"required": "Enter a code",
                                           "invalid": "Use only letters, numbers, hyphens and "
                                                      "underscores in the code"})
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the measure's name"})
    definition = forms.CharField(label="Definition", widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="What agencies count, in plain words.",
                                 error_messages={"required": "Enter what is counted"})
    unit = forms.ChoiceField(label="Unit", choices=MeasureUnit.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the unit"})
    sectors = forms.MultipleChoiceField(
        label="Sectors that report it", choices=Sector.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every agency of these sectors in the partnership reports the measure.")
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies that report it", queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="And these agencies, chosen by hand.")
    target = forms.DecimalField(label="Target per quarter", required=False, min_value=0,
                                max_digits=12, decimal_places=2,
                                help_text="Leave blank when there is no target.",
                                error_messages={"invalid": "Enter the target as a number",
                                                "min_value": "Enter a target of 0 or more"})
    higher_is_better = forms.TypedChoiceField(
        label="Is a higher figure better?", choices=[("yes", "Yes"), ("no", "No, lower is better")],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect, initial="yes",
        error_messages={"required": "Choose whether a higher figure is better"})
    active = forms.BooleanField(label="Agencies report this measure now", required=False,
                                initial=True)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class DraftDecimal(forms.DecimalField):
    """Needed before the return is submitted, not to save a draft: shown without
    "(optional)" but never refused for being empty (the service checks on submitting)."""

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class ReturnForm(forms.Form):
    """One number per measure the agency reports; blank is allowed in a draft."""

    use_required_attribute = False

    note = forms.CharField(label="Note", required=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="Anything that explains the figures.")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                 error_messages={"required": STALE, "invalid": STALE,
                                                 "min_value": STALE})

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = measures
        for measure in measures:
            percent = measure.unit == MeasureUnit.PERCENT
            self.fields[f"measure_{measure.pk}"] = DraftDecimal(
                label=measure.name + (" (%)" if percent else ""), min_value=0,
                max_value=100 if percent else None, max_digits=12, decimal_places=2,
                help_text=measure.definition, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                error_messages={"invalid": f"{measure.name}: enter a number",
                                "min_value": f"{measure.name}: enter a number of 0 or more",
                                "max_value": f"{measure.name}: a percentage cannot be more "
                                             "than 100",
                                "max_digits": f"{measure.name}: enter a smaller number",
                                "max_decimal_places": f"{measure.name}: use at most 2 decimal "
                                                      "places",
                                "max_whole_digits": f"{measure.name}: enter a smaller number"})

    def measure_fields(self):
        return [self[f"measure_{m.pk}"] for m in self.measures]

    def values(self):
        return {m.pk: self.cleaned_data.get(f"measure_{m.pk}") for m in self.measures}


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Why the return is reopened",
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="The agency's lead sees this on the return.",
                             error_messages={"required": "Enter why the return is reopened"})
