"""Forms of local child safeguarding practice reviews: commissioning, changes, publication,
milestones and learning briefings. They check the input; the services in
reviews/services/practice.py check the rules."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from partnership.forms import GovukDateField

from ..models import LearningTheme, PracticeStatus, Publication
from ..models.practice import TARGET_MONTHS

TEXT = {"rows": 4}


def theme_choices(partnership, selected=()):
    """The partnership's active themes, and any retired one already tagged."""
    return LearningTheme.objects.filter(partnership=partnership).filter(
        Q(active=True) | Q(pk__in=[t.pk for t in selected])).order_by("name")


class ThemesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Learning themes")
        kwargs.setdefault("error_messages", {
            "invalid_choice": "Choose themes from the list",
            "invalid_pk_value": "Choose themes from the list"})
        super().__init__(queryset=LearningTheme.objects.none(), required=False, **kwargs)

    def label_from_instance(self, obj):
        return obj.name if obj.active else f"{obj.name} (retired)"


class RapidReviewChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        notification = obj.notification
        return f"{notification.reference} ({notification.pseudonym})"


class PracticeReviewForm(forms.Form):
    rapid_review = RapidReviewChoice(
        label="Rapid review", queryset=None, required=False,
        empty_label="Not from a rapid review",
        help_text="Rapid reviews that decided on a local practice review and have none yet. "
                  "All three safeguarding partners must have signed the decision off.",
        error_messages={"invalid_choice": "Choose one of the rapid reviews in the list"})
    title = forms.CharField(
        label="Published name", max_length=200,
        help_text="The pseudonym the review will be published under, for example 'Child Q'.",
        error_messages={"required": "Enter the name the review will be published under"})
    decided_on = GovukDateField(
        label="Date of the decision", required=False,
        help_text="For example, 27 3 2026. Leave blank to use the rapid review's decision date.")
    target_months = forms.IntegerField(
        label="Months to complete the review", min_value=1, max_value=24, initial=TARGET_MONTHS,
        help_text=f"The target date is this many months after the decision: {TARGET_MONTHS} "
                  "unless the partners agreed another.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Enter the number of months to complete the review",
                        "invalid": "Enter a whole number of months, like 6",
                        "min_value": "The target is between 1 and 24 months",
                        "max_value": "The target is between 1 and 24 months"})
    reviewer = forms.CharField(label="Reviewer", max_length=200, required=False,
                               help_text="The independent reviewer commissioned.")
    method = forms.CharField(label="Method", max_length=100, required=False,
                             help_text="For example, a systems learning review.")
    terms_of_reference = forms.CharField(label="Terms of reference", required=False,
                                         widget=forms.Textarea(TEXT))
    themes = ThemesField()

    def __init__(self, *args, rapid_reviews, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rapid_review"].queryset = rapid_reviews
        self.fields["themes"].queryset = themes

    def clean(self):
        data = super().clean()
        if not data.get("decided_on") and "decided_on" not in self.errors:
            rapid = data.get("rapid_review")
            if rapid is not None and rapid.decided_on:
                data["decided_on"] = rapid.decided_on
            else:
                self.add_error("decided_on", "Enter the date of the decision")
        return data


class PracticeReviewEditForm(forms.Form):
    title = forms.CharField(
        label="Published name", max_length=200,
        error_messages={"required": "Enter the name the review will be published under"})
    reviewer = forms.CharField(label="Reviewer", max_length=200, required=False)
    method = forms.CharField(label="Method", max_length=100, required=False)
    terms_of_reference = forms.CharField(label="Terms of reference", required=False,
                                         widget=forms.Textarea(TEXT))
    target_on = GovukDateField(label="Target completion date",
                               error_messages={"required": "Enter the target completion date"})
    status = forms.ChoiceField(label="Stage", widget=forms.RadioSelect,
                               error_messages={"required": "Choose the review's stage",
                                               "invalid_choice": "Choose one of the stages"})
    final_report_on = GovukDateField(label="Date the final report was received", required=False)
    themes = ThemesField()

    # Published and not published are set by recording the publication decision.
    STAGES = (PracticeStatus.COMMISSIONED, PracticeStatus.IN_PROGRESS,
              PracticeStatus.FINAL_REPORT, PracticeStatus.CLOSED)

    def __init__(self, *args, themes, current_status, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        if current_status in (PracticeStatus.PUBLISHED, PracticeStatus.NOT_PUBLISHED):
            stages = (current_status, PracticeStatus.CLOSED)  # only closing is left
        else:
            stages = self.STAGES
        self.fields["status"].choices = [(s.value, s.label) for s in PracticeStatus
                                         if s in stages]


class PublicationForm(forms.Form):
    publication = forms.ChoiceField(
        label="Publication decision", choices=Publication.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the review will be published",
                        "invalid_choice": "Choose whether the review will be published"})
    reasons = forms.CharField(
        label="Reasons for not publishing", required=False, widget=forms.Textarea(TEXT),
        help_text="Needed if the review will not be published.")
    planned_on = GovukDateField(label="Planned publication date", required=False)
    copy_sent_on = GovukDateField(
        label="Date the copy was sent to the Panel and the Secretary of State", required=False,
        help_text="At least 7 working days before publication.")
    ofsted_copy_sent_on = GovukDateField(
        label="Date the copy was sent to Ofsted", required=False,
        help_text="Due by the same day as the Panel's copy.")
    published_on = GovukDateField(label="Date published", required=False,
                                  help_text="Only once all three lead safeguarding partners "
                                            "have signed off the publication decision.")
    published_url = forms.URLField(
        label="Web address of the published report", required=False, assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"})


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Milestone", max_length=200,
                            error_messages={"required": "Enter the milestone"})
    due_on = GovukDateField(label="Due date", error_messages={"required": "Enter the due date"})


class MilestoneDoneForm(forms.Form):
    done_on = GovukDateField(label="Date done",
                             error_messages={"required": "Enter the date it was done"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class BriefingForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200,
                            error_messages={"required": "Enter the title of the briefing"})
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(TEXT))
    published_on = GovukDateField(label="Date published", required=False)
    link = forms.URLField(label="Link to the briefing", required=False, assume_scheme="https",
                          error_messages={"invalid": "Enter a full web address, starting "
                                                     "https://"})


class NationalReviewForm(forms.Form):
    rapid_review = RapidReviewChoice(
        label="Rapid review", queryset=None, required=False,
        empty_label="Not from one of our rapid reviews",
        help_text="Rapid reviews that referred the case for a national review. Leave blank "
                  "for a national review the partnership takes learning from.",
        error_messages={"invalid_choice": "Choose one of the rapid reviews in the list"})
    title = forms.CharField(label="Title", max_length=200,
                            help_text="As the Panel published it.",
                            error_messages={"required": "Enter the title of the national "
                                                        "review"})
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(TEXT),
                              help_text="What the review looked at and found.")
    panel_decided_on = GovukDateField(label="Date the Panel decided to review", required=False)
    published_on = GovukDateField(label="Date published", required=False)
    published_url = forms.URLField(
        label="Web address of the published review", required=False, assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"})
    themes = ThemesField()

    def __init__(self, *args, rapid_reviews=None, themes, **kwargs):
        super().__init__(*args, **kwargs)
        if rapid_reviews is None:  # changing a recorded review: its source stays
            del self.fields["rapid_review"]
        else:
            self.fields["rapid_review"].queryset = rapid_reviews
        self.fields["themes"].queryset = themes
