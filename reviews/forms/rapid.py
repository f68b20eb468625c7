"""Forms for rapid reviews: the review itself, summary requests, an agency's summary, the
decision, a partner's sign-off and what was sent to the Panel."""

from django import forms
from django.utils import timezone

from partnership import uploads
from partnership.forms import GovukDateField

from ..models import Criterion, Decision, Finding, ProcessKind
from .cases import ThemesField

LOCAL_REVIEW_CRITERIA = (
    "Say how the case meets, or does not meet, the criteria for a local review "
    "(regulation 11): whether it (a) highlights or may highlight improvements needed, "
    "including where they were identified before; (b) highlights or may highlight recurrent "
    "themes; (c) highlights or may highlight concerns about two or more agencies working "
    "together effectively; (d) is one the Panel has considered and concluded a local review "
    "may be more appropriate.")


def _text(label, rows=5, **kwargs):
    return forms.CharField(label=label, required=False,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class RapidReviewForm(forms.Form):
    facts = _text("Facts of the case", rows=8,
                  help_text="As far as they can readily be established. Use the pseudonym, "
                            "never the child's name.")
    immediate_actions = _text("Immediate safeguarding actions",
                              help_text="Whether any immediate action is needed to keep "
                                        "children safe, and what was done.")
    learning = _text("Learning identified")
    themes = ThemesField(label="Learning themes")
    panel_meeting_on = GovukDateField(label="Date of the rapid review panel meeting",
                                      required=False)
    equality_racism = _text(
        "Racism, ethnicity and culture", rows=4,
        help_text="How racism, ethnicity or culture may have influenced the child's "
                  "experiences and the practice of those working with the family.")
    equality_disability = _text("Disability", rows=4,
                                help_text="How the child's or a family member's disability may "
                                          "have influenced experiences and practice.")
    equality_other = _text("Other inequality or discrimination", rows=4,
                           help_text="Any other protected characteristic or inequality "
                                     "(poverty, sex, religion) and its influence.")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class SummariesRequestForm(forms.Form):
    agencies = AgencyChoiceField(
        label="Agencies to ask for a summary", queryset=None,
        error_messages={"required": "Choose at least one agency to ask for a summary",
                        "invalid_choice": "Choose from the partnership's agencies",
                        "invalid_pk_value": "Choose from the partnership's agencies"})
    due_on = GovukDateField(label="Summaries due by", required=False)

    def __init__(self, *args, agencies, default_due, review_due, **kwargs):
        super().__init__(*args, **kwargs)
        self.review_due = review_due
        self.fields["agencies"].queryset = agencies
        self.fields["due_on"].help_text = (
            f"Leave blank for {default_due:%-d %B %Y}: 10 working days from today, and never "
            f"after the rapid review is due ({review_due:%-d %B %Y}).")

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due and due > self.review_due:
            raise forms.ValidationError(
                f"Summaries must be due on or before the day the rapid review is due, "
                f"{self.review_due:%-d %B %Y}")
        if due and due < timezone.localdate():
            raise forms.ValidationError("The date summaries are due must be today or later")
        return due


class SummaryForm(forms.Form):
    involvement = _text("The agency's involvement with the child and family", rows=10,
                        help_text="What your agency knew and did, in date order. Use the "
                                  "pseudonym, never the child's name.")
    analysis = _text("Analysis and learning", rows=8,
                     help_text="What went well, what could have been better, and why.")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                 error_messages={"required": "Reload the page and try again",
                                                 "invalid": "Reload the page and try again"})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision",
                        "invalid_choice": "Choose one of the decisions"})
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 8}),
        help_text=LOCAL_REVIEW_CRITERIA,
        error_messages={"required": "Enter the reasons for the decision, against the "
                                    "criteria for a local review"})
    decided_on = GovukDateField(label="Date of the decision",
                                error_messages={"required": "Enter the date of the decision"})

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date of the decision must be today or in the past")
        return day


class SignOffForm(forms.Form):
    partner = forms.TypedChoiceField(
        coerce=int, error_messages={
            "required": "Choose the safeguarding partner you are signing off for",
            "invalid_choice": "Choose a safeguarding partner you sign off for"})

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, p.name) for p in partners]


class PanelForm(forms.Form):
    sent_on = GovukDateField(label="Date the rapid review was sent to the Panel",
                             required=False,
                             help_text="Only once all three safeguarding partners have signed "
                                       "off the decision.")
    response = _text("The Panel's response")
    received_on = GovukDateField(label="Date of the Panel's response", required=False)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name, what in (("sent_on", "sent"), ("received_on", "of the response")):
            if data.get(name) and data[name] > today:
                self.add_error(name, f"The date {what} must be today or in the past")
        if data.get("response", "").strip() and not data.get("received_on") \
                and "received_on" not in self.errors:
            self.add_error("received_on", "Enter the date of the Panel's response")
        if data.get("received_on") and not data.get("response", "").strip():
            self.add_error("response", "Enter the Panel's response")
        if not self.errors and not (data.get("sent_on") or data.get("received_on")):
            self.add_error("sent_on", "Enter the date the rapid review was sent to the Panel")
        return data


class CriteriaForm(forms.Form):
    """Each criterion of the guidance: a finding and the reasoning for it (fields
    `<criterion>_finding` and `<criterion>_reasoning`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, criterion in enumerate(Criterion, start=1):
            self.fields[f"{criterion.value}_finding"] = forms.ChoiceField(
                label=f"Finding on criterion {number}", required=False, widget=forms.RadioSelect,
                choices=[*Finding.choices, ("", "Not considered yet")],
                error_messages={"invalid_choice": "Choose one of the findings"})
            self.fields[f"{criterion.value}_reasoning"] = _text(
                f"Reasoning for criterion {number}", rows=4)

    def rows(self):
        """(criterion, its finding field, its reasoning field), in the guidance's order."""
        return [(criterion, self[f"{criterion.value}_finding"],
                 self[f"{criterion.value}_reasoning"]) for criterion in Criterion]

    def findings(self):
        data = self.cleaned_data
        return {c.value: (data[f"{c.value}_finding"], data[f"{c.value}_reasoning"])
                for c in Criterion}


class ProcessForm(forms.Form):
    kind = forms.ChoiceField(label="Process", choices=ProcessKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of process",
                                             "invalid_choice": "Choose one of the processes"})
    description = forms.CharField(
        label="Description", max_length=300, required=False,
        help_text="For example, which force or coroner, and the stage it has reached. Needed "
                  "for 'Other'. Use the pseudonym, never the child's name.",
        error_messages={"max_length": "The description must be 300 characters or fewer"})
    effect_on_timing = _text("Effect on the review's timing", rows=4,
                             help_text="What the review must wait for, or what it can go "
                                       "ahead with meanwhile.")
    expected_end_on = GovukDateField(label="Expected to end", required=False)
    concluded_on = GovukDateField(label="Concluded on", required=False,
                                  help_text="Leave blank while the process is running.")


class AttachmentForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example, 'Chronology of contacts, 2024 to 2025'.",
                            error_messages={"required": "Enter a title for the file",
                                            "max_length": "The title must be 200 characters "
                                                          "or fewer"})
    file = forms.FileField(
        label="File", help_text="A PDF, Word, Excel or OpenDocument file.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty",
                        "invalid": "Select a file"})

    def clean_file(self):
        return uploads.check_upload(self.cleaned_data["file"])
