from django import forms
from django.core.exceptions import ValidationError

from .. import roles
from ..models import Agency, Designation, Sector
from ..models.memberships import partner_designations
from .dates import GovukDateField


class PartnershipSwitchForm(forms.Form):
    partnership = forms.ChoiceField(label="Partnership")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.slug, p.name) for p in partnerships]


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mail address",
                             error_messages={"required": "Enter their e-mail address",
                                             "invalid": "Enter an e-mail address in the correct "
                                                        "format, like name@example.org"},
                             widget=forms.EmailInput(attrs={"autocomplete": "off",
                                                            "spellcheck": "false"}))
    full_name = forms.CharField(label="Full name", max_length=200,
                                help_text="Not needed if they already have an account.",
                                required=False)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    role = forms.ChoiceField(
        label="Role",
        error_messages={"required": "Choose a role",
                        "invalid_choice": "Choose one of the roles in the list"},
        choices=[("", "Choose a role"),
                 ("Partnership roles", roles.PARTNERSHIP_ROLE_CHOICES),
                 ("Agency roles", roles.AGENCY_ROLE_CHOICES)],
    )
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False,
        error_messages={"invalid_choice": "Choose one of the partnership's agencies"},
        empty_label="Choose an agency",
        help_text="For agency roles, and for safeguarding partners: the statutory partner "
                  "they act for.",
    )
    title = forms.CharField(label="Office held", max_length=200, required=False,
                            help_text="For example, Director of Children's Services.")
    start_date = GovukDateField(label="Start date", required=False,
                                help_text="Leave blank to start today. For example, 27 3 2026")
    end_date = GovukDateField(label="End date", required=False,
                              help_text="Leave blank if the role has no end date.")

    def __init__(self, *args, partnership, **kwargs):
        """The agency select: the partnership's agencies (the view offers at most
        PICKER_MAX of them, pickers.offer_in)."""
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=Designation.objects.active().filter(partnership=partnership).values("agency_id")
        ).order_by("name")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        role = roles.BY_CODE.get(data.get("role"))
        agency = data.get("agency")
        if role is None:
            return data
        if role.scope == roles.Scope.AGENCY and agency is None:
            self.add_error("agency", "Choose the agency this role is held in")
        if role.code in roles.PARTNER_ROLES:
            acts_for = partner_designations(self.partnership.pk).filter(agency=agency)
            if agency is None or not acts_for.exists():
                self.add_error("agency", "Choose the statutory partner this safeguarding "
                                         "partner acts for")
        elif role.scope == roles.Scope.PARTNERSHIP and agency is not None:
            self.add_error("agency", "Only agency roles and safeguarding partners have an "
                                     "agency: leave it blank for this role")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data


class MembershipEndForm(forms.Form):
    end_date = GovukDateField(label="Last day in the role",
                              error_messages={"required": "Enter the last day in the role"},
                              help_text="For example, 27 3 2026. The role stays in force "
                                        "until the end of this day.")

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.membership.start_date:
            raise ValidationError(
                f"The last day must be the same as or after the start date, "
                f"{self.membership.start_date:%-d %B %Y}"
            )
        return end


class AgencyForm(forms.ModelForm):
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices,
                               widget=forms.RadioSelect)
    name = forms.CharField(label="Name", max_length=255,
                           error_messages={"required": "Enter the agency's name"})
    website = forms.URLField(label="Website", required=False, assume_scheme="https",
                             error_messages={"invalid": "Enter a web address, like "
                                                        "https://www.example.org"})

    class Meta:
        model = Agency
        fields = ["name", "sector", "description", "website"]
        labels = {"name": "Name", "description": "Description", "website": "Website"}
