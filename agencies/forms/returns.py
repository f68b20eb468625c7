"""Forms for an agency's return: a standard's answer, evidence, action plan items, and the
steps that move the return on (submit, sign off, send back). Every write carries the
`version` of the return the writer started from, so a later save never silently
overwrites an earlier one."""

from django import forms

from partnership import uploads
from partnership.forms import GovukDateField

STALE = "This page is out of date: reload it and try again"


def version_field():
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                              error_messages={"required": STALE, "invalid": STALE,
                                              "min_value": STALE})


class VersionForm(forms.Form):
    """For the buttons that change a return without asking anything (remove, carry
    forward, submit)."""

    version = version_field()


class DraftText(forms.CharField):
    """Needed before the return is submitted, not to save a draft: shown without
    "(optional)" but never refused for being empty."""

    def validate(self, value):
        pass


class AnswerForm(forms.Form):
    use_required_attribute = False

    rating = forms.TypedChoiceField(
        label="Rating", coerce=int, empty_value=None, required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the ratings"})
    narrative = DraftText(
        label="How your agency meets the standard",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Answer the questions above. Say what you do, how you know it works and "
                  "what you will improve.")
    version = version_field()

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = list(template.options)
        threshold = template.label_of(template.action_below)
        if threshold:
            self.fields["rating"].help_text = (f"Any rating below ‘{threshold}’ needs an action "
                                               "plan item.")


class EvidenceForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example, 'Safeguarding policy, March 2025'.",
                            error_messages={"required": "Enter a title for the evidence"})
    file = forms.FileField(
        label="File", required=False, help_text="A PDF, Word, Excel or OpenDocument file.",
        error_messages={"empty": "The selected file is empty", "invalid": "Select a file"})
    link = forms.URLField(label="Or a link to the evidence", required=False,
                          assume_scheme="https", max_length=200,
                          help_text="A web address, starting https://",
                          error_messages={"invalid": "Enter a full web address, starting "
                                                     "https://"})
    version = version_field()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return uploads.check_upload(upload) if upload else None

    def clean(self):
        data = super().clean()
        if "file" in data and "link" in data:
            if data["file"] and data["link"]:
                self.add_error("link", "Upload a file or enter a link, not both")
            elif not data["file"] and not data["link"]:
                self.add_error("file", "Upload a file or enter a link to the evidence")
        return data


class PlanItemForm(forms.Form):
    standard = forms.TypedChoiceField(
        label="Standard", coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": "Choose a standard of this return"})
    action = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="What your agency will do to meet the standard.",
                             error_messages={"required": "Describe the action"})
    owner = forms.CharField(label="Owner", max_length=200, required=False,
                            help_text="The person or team responsible.")
    due_on = GovukDateField(label="Due date", help_text="For example, 31 3 2026",
                            error_messages={"required": "Enter the date the action is due"})
    version = version_field()

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = {s.pk: s for s in standards}
        self.fields["standard"].choices = [("", "Not about one standard")] + [
            (s.pk, f"{s.number}. {s.title}") for s in standards]

    def clean_standard(self):
        pk = self.cleaned_data.get("standard")
        return self.standards.get(pk) if pk is not None else None


class SignOffForm(forms.Form):
    confirm = forms.BooleanField(label="", required=True)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["confirm"]
        field.label = (f"I confirm that this return is accurate and I sign it off on behalf of "
                       f"{agency.name}")
        field.error_messages["required"] = (f"Confirm that you sign off the return on behalf "
                                            f"of {agency.name}")


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the agency needs to change, and why. Its lead sees this on the return.",
        error_messages={"required": "Enter the reasons for sending the return back"})
