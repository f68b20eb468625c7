"""Forms of the published documents' pages."""

from django import forms

from partnership import permissions as core
from partnership.forms import GovukDateField

from .models import Kind, SettingKind


class VersionForm(forms.Form):
    kind = forms.ChoiceField(label="Which document", choices=Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose which document to draft"})


class SectionForm(forms.Form):
    text = forms.CharField(label="Text", required=False,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           help_text="Markdown: **bold**, *italic*, lists starting with '- ', "
                                     "tables, headings starting with '## '.")


class SignOffForm(forms.Form):
    partner = forms.ChoiceField(label="Sign off for", widget=forms.RadioSelect,
                                error_messages={"required": "Choose the partner you sign for"})

    def __init__(self, *args, memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.agency_id): (m, education) for m, education in memberships}
        self.fields["partner"].choices = [
            (key, f"{m.agency.name}: {core.capacity(m)}")
            for key, (m, _) in self.memberships.items()]

    def chosen(self):
        """(membership, education) for the partner chosen."""
        return self.memberships[self.cleaned_data["partner"]]


class PublishForm(forms.Form):
    published_on = GovukDateField(label="Date of publication",
                                  help_text="The day it appears on the public pages, for "
                                            "example 27 3 2026.",
                                  error_messages={"required": "Enter the date of publication"})


class SettingForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200,
                           error_messages={"required": "Enter the setting's name"})
    kind = forms.ChoiceField(label="Kind of setting", choices=SettingKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of setting"})
    area = forms.CharField(label="Address area", max_length=200,
                           help_text="The town or district, not the full address.",
                           error_messages={"required": "Enter the town or district"})
