"""Forms for multi-agency child protection teams and their members (Children's Wellbeing
and Schools Act 2026, s3)."""

from django import forms

from ..models import Agency, Designation, Discipline, LocalAuthorityArea
from .dates import EndForm, GovukDateField
from .designations import AgencyChoiceField


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _end_after_start(form, data):
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        form.add_error("end_date", "The end date must be the same as or after the start date")


class TeamForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the team's name",
                                           "max_length": "Enter a name of 200 characters or "
                                                         "fewer"})
    area = forms.CharField(label="Area it covers", max_length=300,
                           help_text="For example, Harrogate and Craven localities.",
                           error_messages={"required": "Enter the area the team covers",
                                           "max_length": "Enter an area of 300 characters "
                                                         "or fewer"})
    local_authority_area = AreaChoiceField(
        label="Local authority area", queryset=LocalAuthorityArea.objects.none(),
        required=False, empty_label="Not recorded",
        error_messages={"invalid_choice": "Choose one of the partnership's local authority "
                                          "areas"})
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 1 4 2027")
    end_date = GovukDateField(label="End date", required=False,
                              help_text="Leave blank if the team has no end date.")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_authority_area"].queryset = partnership.local_authority_areas.all()

    def clean(self):
        data = super().clean()
        _end_after_start(self, data)
        return data


class MemberForm(forms.Form):
    agency = AgencyChoiceField(
        label="Agency", queryset=Agency.objects.none(), empty_label="Choose an agency",
        error_messages={"required": "Choose the member's agency",
                        "invalid_choice": "Choose one of the partnership's agencies"})
    discipline = forms.ChoiceField(
        label="Discipline", choices=Discipline.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's discipline",
                        "invalid_choice": "Choose one of the disciplines"})
    role = forms.CharField(label="Role", max_length=200,
                           help_text="For example, Designated safeguarding lead.",
                           error_messages={"required": "Enter the member's role",
                                           "max_length": "Enter a role of 200 characters or "
                                                         "fewer"})
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 1 4 2027")
    end_date = GovukDateField(label="End date", required=False,
                              help_text="Leave blank if the place has no end date.")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=Designation.objects.active().filter(partnership=partnership)
            .values("agency_id")).order_by("name")

    def clean(self):
        data = super().clean()
        _end_after_start(self, data)
        return data


class MemberEndForm(EndForm):
    what, example = "in the team", "31 3 2027"
