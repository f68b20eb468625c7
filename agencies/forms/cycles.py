"""Forms for cycles (the agencies asked: by designation kind and sector, or by hand) and
for extension requests and decisions."""

from django import forms

from partnership.forms import GovukDateField
from partnership.models import Designation, Sector

STATUTORY, RELEVANT = "statutory", "relevant"
KIND_CHOICES = [(STATUTORY, "Statutory partners (local authority, police, NHS commissioner)"),
                (RELEVANT, "Relevant agencies")]
DESIGNATION_KINDS = {STATUTORY: tuple(Designation.STATUTORY_KINDS),
                     RELEVANT: (Designation.Kind.RELEVANT_AGENCY,)}


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        owner = "library" if obj.partnership_id is None else "your partnership's"
        return f"{obj.name}, version {obj.version} ({owner})"


class AgenciesMixin(forms.Form):
    """Which agencies to ask: every agency of the chosen designation kinds and sectors,
    and/or the agencies ticked by hand."""

    kinds = forms.MultipleChoiceField(
        label="Ask agencies by designation", required=False, choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every agency designated in the partnership today with this designation.",
        error_messages={"invalid_choice": "Choose statutory partners or relevant agencies"})
    sectors = forms.MultipleChoiceField(
        label="Ask agencies by sector", required=False, choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="With a designation chosen above: only the agencies of these sectors. On "
                  "its own: every agency of the partnership in these sectors.",
        error_messages={"invalid_choice": "Choose from the sectors listed"})
    agencies = AgencyChoiceField(
        label="Ask these agencies", required=False, queryset=None,
        help_text="Agencies to ask as well, whatever their designation or sector.",
        error_messages={"invalid_choice": "Choose from the partnership's agencies",
                        "invalid_pk_value": "Choose from the partnership's agencies"})

    def __init__(self, *args, agencies, choose, **kwargs):
        """`agencies`: the agencies that may be ticked by hand (the view offers at most
        PICKER_MAX at once, pickers.offer_in); `choose(kinds, sectors)`: the agencies chosen
        by designation and sector."""
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.choose = choose

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in ("kinds", "sectors", "agencies")):
            return data
        kinds = [kind for key in data.get("kinds", ()) for kind in DESIGNATION_KINDS[key]]
        sectors = list(data.get("sectors", ()))
        chosen = {}
        if kinds or sectors:
            chosen.update((a.pk, a) for a in self.choose(kinds, sectors))
        chosen.update((a.pk, a) for a in data.get("agencies", ()))
        if not chosen:
            if kinds or sectors:
                self.add_error("kinds", "No agency left to ask has this designation and sector: "
                                        "choose others, or tick agencies by hand")
            else:
                self.add_error("kinds", "Choose which agencies to ask: by designation, by "
                                        "sector or by hand")
        data["chosen"] = sorted(chosen.values(), key=lambda a: a.name)
        return data


def _dates_check(form, data):
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        form.add_error("closes_on", "The deadline must be on or after the day the cycle opens")


class CycleForm(AgenciesMixin):
    field_order = ["name", "template", "opens_on", "closes_on", "kinds", "sectors", "agencies"]

    name = forms.CharField(label="Name", max_length=100,
                           help_text="For example, 2026 Section 11 audit.",
                           error_messages={"required": "Enter a name for the cycle"})
    template = TemplateChoiceField(
        label="Template", queryset=None, empty_label="Choose a template",
        help_text="The cycle uses this version of the template for good: once the cycle "
                  "exists the version is frozen, and changes need a new version.",
        error_messages={"required": "Choose the template the agencies answer",
                        "invalid_choice": "Choose a library template or one of the "
                                          "partnership's own"})
    opens_on = GovukDateField(label="Opens on",
                              error_messages={"required": "Enter the day the cycle opens"})
    closes_on = GovukDateField(label="Deadline",
                               help_text="The day returns are due. Reminders go 10 and 5 "
                                         "working days before it, on the day, and the "
                                         "working day after it if a return is late.",
                               error_messages={"required": "Enter the deadline"})

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates

    def clean(self):
        data = super().clean()
        _dates_check(self, data)
        return data


class CycleEditForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100,
                           error_messages={"required": "Enter a name for the cycle"})
    opens_on = GovukDateField(label="Opens on",
                              error_messages={"required": "Enter the day the cycle opens"})
    closes_on = GovukDateField(
        label="Deadline",
        help_text="Agencies already asked move to the new deadline, except those given an "
                  "extension.",
        error_messages={"required": "Enter the deadline"})

    def clean(self):
        data = super().clean()
        _dates_check(self, data)
        return data


class AgenciesForm(AgenciesMixin):
    pass


class ExtensionAskForm(forms.Form):
    until = GovukDateField(label="New deadline asked for",
                           error_messages={"required": "Enter the new deadline you are asking for"})
    reason = forms.CharField(label="Why the agency needs more time",
                             widget=forms.Textarea(attrs={"rows": 5}),
                             error_messages={"required": "Enter why the agency needs more time"})


class ExtensionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("grant", "Grant the extension"), ("refuse", "Refuse it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to grant or refuse the extension",
                        "invalid_choice": "Choose whether to grant or refuse the extension"})
    comment = forms.CharField(label="Comment", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Needed if you refuse: the agency lead sees it.")
