"""Forms for designating agencies in a partnership (relevant agencies and, under the
Children's Wellbeing and Schools Act 2026, s2, designated childcare or education agencies)
and for choosing the partnership's education partner."""

from django import forms
from django.db.models import Q

from ..models import Agency, Designation
from .dates import GovukDateField

SELECT_MAX = 100  # agencies offered in the select at once: the search narrows them
KIND_CHOICES = [(Designation.Kind.EDUCATION, Designation.Kind.EDUCATION.label),
                (Designation.Kind.RELEVANT_AGENCY, Designation.Kind.RELEVANT_AGENCY.label)]
KIND_ERRORS = {"required": "Choose how the agency takes part",
               "invalid_choice": "Choose one of the kinds of participation"}


def _kind():
    return forms.ChoiceField(label="How the agency takes part", choices=KIND_CHOICES,
                             widget=forms.RadioSelect, error_messages=KIND_ERRORS)


def _reason():
    return forms.CharField(
        label="Why the partners chose this agency", required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text="Shown in the published arrangements beside the agency.")


def _local_category():
    return forms.CharField(
        label="Heading in the partnership's arrangements", max_length=100, required=False,
        help_text="For example, Education and Early Years.",
        error_messages={"max_length": "Enter a heading of 100 characters or fewer"})


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AgencySearchForm(forms.Form):
    """The search (GET) that narrows the agencies offered in a select."""

    agency_name = forms.CharField(
        label="Find the agency: name contains", required=False, max_length=100,
        help_text="Part of the name is enough, for example \"college\".",
        error_messages={"max_length": "Enter 100 characters or fewer"})

    def search(self):
        return self.cleaned_data["agency_name"].strip() if self.is_valid() else ""


class DesignationForm(forms.Form):
    agency = AgencyChoiceField(
        label="Agency", queryset=Agency.objects.none(), empty_label="Choose an agency",
        error_messages={"required": "Choose the agency",
                        "invalid_choice": "Choose one of the agencies in the list"})
    kind = _kind()
    reason = _reason()
    local_category = _local_category()
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 1 9 2026")

    def __init__(self, *args, partnership, search="", **kwargs):
        """The select offers only the agencies whose name contains `search` (at most
        SELECT_MAX of some 40,000), and the one chosen; any agency not yet designated is
        accepted."""
        super().__init__(*args, **kwargs)
        current = Designation.objects.active().filter(partnership=partnership)
        agencies = Agency.objects.exclude(
            pk__in=current.values("agency_id")).filter(merged_into__isnull=True).order_by("name")
        field = self.fields["agency"]
        field.queryset = agencies
        chosen = Q(pk=self.data["agency"]) if str(self.data.get("agency", "")).isdigit() else Q()
        found = agencies.filter(Q(name__icontains=search) | chosen) if search else (
            agencies.filter(chosen) if chosen else agencies.none())
        found = list(found[:SELECT_MAX + 1])
        self.more, self.found = len(found) > SELECT_MAX, found[:SELECT_MAX]
        field.widget.choices = [("", field.empty_label)] + [(a.pk, a.name) for a in self.found]


class DesignationEditForm(forms.Form):
    kind = _kind()
    reason = _reason()
    local_category = _local_category()

    def __init__(self, *args, designation, **kwargs):
        super().__init__(*args, **kwargs)
        if designation.is_statutory:
            del self.fields["kind"]


class EducationPartnerForm(forms.Form):
    agency = AgencyChoiceField(
        label="Education partner", queryset=Agency.objects.none(), required=False,
        widget=forms.RadioSelect, empty_label="None: the partnership has three partners",
        help_text="A designated childcare or education agency the partnership treats as a "
                  "fourth partner in its own governance: seats, quorum and sign-off of its "
                  "own documents. The three statutory partners do not change.",
        error_messages={"invalid_choice": "Choose one of the partnership's designated "
                                          "childcare or education agencies"})

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=Designation.objects.active().filter(
                partnership=partnership, kind=Designation.Kind.EDUCATION).values("agency_id")
        ).order_by("name")
