"""Forms for an agency's new name and for its merger into another agency."""

from django import forms

from ..models import Agency, Sector
from .dates import GovukDateField


class AgencyRenameForm(forms.Form):
    name = forms.CharField(label="New name", max_length=255,
                           error_messages={"required": "Enter the agency's new name"})
    start_date = GovukDateField(
        label="First day of the new name",
        error_messages={"required": "Enter the first day of the new name"},
        help_text="For example, 1 4 2023. Records made before this day keep the old name.")


NEW = "new"


class AgencyMergeForm(forms.Form):
    into = forms.ChoiceField(
        label="The agency it became part of",
        error_messages={"required": "Choose the agency it became part of",
                        "invalid_choice": "Choose one of the agencies in the list"})
    new_name = forms.CharField(label="Name of the new agency", max_length=255, required=False,
                               help_text="Only if it became part of an agency not in the list.")
    new_sector = forms.ChoiceField(label="Sector of the new agency", required=False,
                                   choices=[("", "Choose a sector"), *Sector.choices])
    merged_on = GovukDateField(
        label="First day as part of that agency",
        error_messages={"required": "Enter the first day as part of that agency"},
        help_text="For example, 1 7 2022. Its designations and people's roles end the day "
                  "before and pass to that agency.")

    def __init__(self, *args, agency, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(a.pk): a for a in candidates if a.pk != agency.pk}
        self.fields["into"].choices = [
            ("", "Choose an agency"), *((pk, a.name) for pk, a in self.candidates.items()),
            (NEW, "A new agency (give its name and sector)")]

    def clean(self):
        data = super().clean()
        if data.get("into") == NEW:
            name = " ".join(data.get("new_name", "").split())
            if not name:
                self.add_error("new_name", "Enter the name of the new agency")
            elif Agency.objects.filter(name__iexact=name).exists():
                self.add_error("new_name", f"An agency called {name} exists already: if it "
                                           "is not in the list, ask the platform's "
                                           "administrators to record the merger")
            if not data.get("new_sector"):
                self.add_error("new_sector", "Choose the new agency's sector")
            data["new_name"] = name
        return data

    def successor(self):
        """The chosen agency, or None for a new one (made by the view through the service)."""
        return self.candidates.get(self.cleaned_data["into"])
