"""The form for one notified child: the DfE's questions about each child of a serious
incident notification, in the order of its form."""

from django import forms

from ..models import (
    AbuseOrNeglect,
    AgeBand,
    Ethnicity,
    LegalStatus,
    Placement,
    Sex,
    YesNoUnknown,
)
from ..services.notifications import child_errors


def _choice(label, choices, required, help_text=""):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text,
        error_messages={"required": required,
                        "invalid_choice": f"Choose one of the answers for: {label.lower()}"})


class NotifiedChildForm(forms.Form):
    """`incident_type`: the notification's (or, on the page that records it, the one chosen
    there), so that a care leaver's death asks for a care leaver aged 18 to 24."""

    pseudonym = forms.CharField(
        label="Child's pseudonym", max_length=40,
        help_text="For example, Child A. Never the child's name or initials.",
        error_messages={"required": "Enter the child's pseudonym, for example Child A",
                        "max_length": "Enter a pseudonym of 40 characters or fewer"})
    age_band = _choice("Age", AgeBand.choices, "Choose the child's age band",
                       "At the time of the incident. 18 to 24 only for the death of a care "
                       "leaver.")
    sex = _choice("Sex", Sex.choices, "Choose the child's sex, or not known")
    ethnicity = _choice("Ethnicity", Ethnicity.choices,
                        "Choose the child's ethnic group, or not known")
    disability = _choice("Disability", YesNoUnknown.choices,
                         "Say whether the child has a disability, or not known")
    legal_status = _choice("Legal status", LegalStatus.choices,
                           "Choose the child's legal status, or none of these",
                           "At the time of the incident.")
    placement = _choice("Placement or where the child was living", Placement.choices,
                        "Choose where the child was living, or not known")
    known_to_agencies = _choice("Known to agencies", YesNoUnknown.choices,
                                "Say whether the child was known to agencies, or not known",
                                "Known to children's social care, the police, health or "
                                "other agencies before the incident.")
    abuse_or_neglect = _choice("Abuse or neglect", AbuseOrNeglect.choices,
                               "Say whether abuse or neglect is known or suspected")
    home_local_authority = forms.CharField(
        label="Home local authority", max_length=200,
        help_text="The local authority the child lives in (or lived in), for example North "
                  "Yorkshire.",
        error_messages={"required": "Enter the child's home local authority",
                        "max_length": "Enter a local authority of 200 characters or fewer"})

    def __init__(self, *args, incident_type=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident_type = incident_type

    def clean(self):
        data = super().clean()
        for name, message in child_errors(self.incident_type, data).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data
