"""Forms for serious incident notifications, the restricted child record and case grants."""

from django import forms
from django.db.models import Q

from governance.forms.groups import PersonField
from partnership.forms import GovukDateField

from ..models import IncidentType
from ..services.notifications import MAX_GRANT_DAYS


class ThemesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=None, required=False, error_messages={
            "invalid_choice": "Choose from the partnership's learning themes",
            "invalid_pk_value": "Choose from the partnership's learning themes"}, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


def themes_choice(themes, selected=()):
    """The active themes, plus any inactive ones already tagged (so saving keeps them)."""
    return themes.filter(Q(active=True) | Q(pk__in=[t.pk for t in selected])).order_by("name")


class NotificationForm(forms.Form):
    pseudonym = forms.CharField(
        label="Case pseudonym", max_length=40,
        help_text="For example, Child A: the case's name in the portal, kept when its "
                  "children change. Never a child's name or initials: who the child is is "
                  "recorded separately, under a case access grant.",
        error_messages={"required": "Enter the pseudonym, for example Child A",
                        "max_length": "Enter a pseudonym of 40 characters or fewer"})
    incident_type = forms.ChoiceField(
        label="Type of incident", choices=IncidentType.choices, widget=forms.RadioSelect,
        help_text="The death of a care leaver (up to and including 24) is notified too, but "
                  "needs no rapid review.",
        error_messages={"required": "Choose the type of incident",
                        "invalid_choice": "Choose one of the types of incident"})
    summary = forms.CharField(
        label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A short account of the incident, as sent to the Panel. No names: use the "
                  "pseudonyms. Only the business unit and people with a case access grant "
                  "see it.")
    incident_on = GovukDateField(label="Date of the incident", required=False,
                                 help_text="If known. For example, 27 3 2026.")
    la_aware_on = GovukDateField(
        label="Date the local authority became aware",
        help_text="The Panel must be notified within 5 working days of this date.",
        error_messages={"required": "Enter the date the local authority became aware"})
    notified_on = GovukDateField(label="Date the Panel was notified", required=False,
                                 help_text="Leave blank if the Panel has not been notified yet. "
                                           "The rapid review's 15 working days count from it.")
    panel_reference = forms.CharField(
        label="Panel notification reference", max_length=50, required=False,
        help_text="The reference the Child Safeguarding Online Notification System gave.",
        error_messages={"max_length": "Enter a reference of 50 characters or fewer"})
    partners_informed_on = GovukDateField(label="Date the safeguarding partners were informed",
                                          required=False)
    themes = ThemesField(label="Learning themes")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes

    def clean(self):
        data = super().clean()
        if data.get("panel_reference") and not data.get("notified_on") \
                and "notified_on" not in self.errors:
            self.add_error("notified_on", "Enter the date the Panel was notified, or remove the "
                                          "Panel's reference")
        return data


def nhs_number_valid(digits):
    """The NHS number's modulus 11 check digit."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class ChildRecordForm(forms.Form):
    legal_name = forms.CharField(label="Full name", max_length=200,
                                 error_messages={"required": "Enter the child's full name",
                                                 "max_length": "Enter a name of 200 characters "
                                                               "or fewer"})
    date_of_birth = GovukDateField(label="Date of birth", required=False,
                                   help_text="For example, 27 3 2019.")
    address = forms.CharField(label="Address", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=12,
                                 help_text="10 digits, for example 943 476 5919.",
                                 widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                               "spellcheck": "false"}),
                                 error_messages={"max_length": "Enter an NHS number of 10 "
                                                               "digits"})

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].replace(" ", "").replace("-", "")
        if not value:
            return ""
        if not (value.isdigit() and len(value) == 10):
            raise forms.ValidationError("Enter an NHS number of 10 digits, like 943 476 5919")
        if not nhs_number_valid(value):
            raise forms.ValidationError("Enter a real NHS number: check it for typing mistakes")
        return value


class GrantForm(forms.Form):
    user = PersonField(label="Person", queryset=None, empty_label="Choose a person",
                       help_text="Only people with a role in the partnership or one of its "
                                 "agencies.",
                       error_messages={"required": "Choose the person who needs access",
                                       "invalid_choice": "Choose one of the people in the list"})
    purpose = forms.CharField(label="Purpose", max_length=300,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Why they need to see who the child is.",
                              error_messages={"required": "Enter why they need to see who the "
                                                          "child is",
                                              "max_length": "Enter a purpose of 300 characters "
                                                            "or fewer"})
    days = forms.IntegerField(
        label="For how many days", min_value=1, max_value=MAX_GRANT_DAYS, initial=30,
        help_text=f"Between 1 and {MAX_GRANT_DAYS}. Access ends on its own after that.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Enter for how many days they need access",
                        "invalid": "Enter the number of days as a whole number, like 30",
                        "min_value": f"A grant lasts between 1 and {MAX_GRANT_DAYS} days",
                        "max_value": f"A grant lasts between 1 and {MAX_GRANT_DAYS} days"})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
