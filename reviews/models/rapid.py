"""Rapid reviews: agency summaries, the decision and each statutory partner's sign-off."""

from django.conf import settings
from django.db import models

from partnership.models import Agency

from .incidents import Notification
from .themes import LearningTheme

SUMMARY_DAYS = 10  # working days after the request, the default deadline of a summary


class Decision(models.TextChoices):
    PRACTICE_REVIEW = "practice_review", "Local child safeguarding practice review"
    NO_REVIEW = "no_review", "No local review"
    NATIONAL = "national", "Refer for a national review"


class RapidReview(models.Model):
    notification = models.OneToOneField(Notification, on_delete=models.CASCADE,
                                        related_name="rapid_review")
    due_on = models.DateField(help_text="15 working days after the Panel was notified.")
    facts = models.TextField(blank=True)
    immediate_actions = models.TextField("Immediate safeguarding actions", blank=True)
    learning = models.TextField(blank=True)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="rapid_reviews")
    panel_meeting_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    sent_to_panel_on = models.DateField(null=True, blank=True)
    panel_response = models.TextField(blank=True)
    panel_response_on = models.DateField(null=True, blank=True)
    equality_racism = models.TextField("Racism, ethnicity and culture", blank=True)
    equality_disability = models.TextField("Disability", blank=True)
    equality_other = models.TextField("Other inequality or discrimination", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on"]
        indexes = [models.Index(fields=["due_on"], name="rapid_review_due")]  # indicators

    def __str__(self):
        return f"Rapid review {self.notification.reference}"


class Criterion(models.TextChoices):
    """What the guidance asks the partners to consider in deciding on a review."""

    IMPROVEMENTS = "improvements", ("The case highlights or may highlight improvements needed "
                                    "to safeguard and promote the welfare of children")
    RECURRENT = "recurrent", ("The case highlights or may highlight recurrent themes in the "
                              "safeguarding and promotion of the welfare of children")
    WORKING_TOGETHER = "working_together", ("The case highlights or may highlight concerns "
                                            "about organisations or agencies working together "
                                            "effectively")
    PANEL_VIEW = "panel_view", ("The Panel has considered the case and concluded that a local "
                                "review may be more appropriate")
    NATIONAL = "national", ("The case raises or may raise issues requiring changes to "
                            "legislation or guidance, or is complex or of national importance")


class Finding(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    UNCLEAR = "unclear", "Not yet clear"


class CriterionAssessment(models.Model):
    """One criterion of the guidance, recorded with the partners' reasoning."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE,
                                     related_name="criteria")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    finding = models.CharField(max_length=10, choices=Finding.choices)
    reasoning = models.TextField()

    class Meta:
        ordering = ["rapid_review", "criterion"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "criterion"],
                                               name="criterion_once_per_review")]

    def __str__(self):
        return f"{self.rapid_review}: {self.criterion}"


class ProcessKind(models.TextChoices):
    POLICE = "police_investigation", "Police investigation"
    INQUEST = "inquest", "Inquest"
    TRIAL = "criminal_trial", "Criminal trial"
    HEALTH = "health_review", "Health review"
    OTHER = "other", "Other"


class ParallelProcess(models.Model):
    """A process running alongside the review, and its effect on the review's timing."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE,
                                     related_name="parallel_processes")
    kind = models.CharField(max_length=25, choices=ProcessKind.choices)
    description = models.CharField(max_length=300, blank=True)
    effect_on_timing = models.TextField(blank=True)
    expected_end_on = models.DateField(null=True, blank=True)
    concluded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["rapid_review", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.rapid_review})"


class SummaryStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    NIL = "nil", "Nil return"


class AgencySummary(models.Model):
    """One involved agency's summary, written by its lead; seen by that agency and the
    review's readers only."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE,
                                     related_name="summaries")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="review_summaries")
    requested_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=SummaryStatus.choices,
                              default=SummaryStatus.REQUESTED)
    involvement = models.TextField("The agency's involvement with the child and family",
                                   blank=True)
    analysis = models.TextField("Analysis and learning", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["rapid_review", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "agency"],
                                               name="summary_once_per_agency")]

    def __str__(self):
        return f"{self.agency} summary for {self.rapid_review.notification.reference}"


class SummaryAttachment(models.Model):
    """A file attached to an agency summary (a chronology, most often): seen by whoever may
    see the summary."""

    summary = models.ForeignKey(AgencySummary, on_delete=models.CASCADE,
                                related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="summaries/")
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["summary", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class ReviewSignOff(models.Model):
    """A statutory partner's sign-off of the rapid review decision."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE,
                                     related_name="sign_offs")
    partner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=20, choices=Decision.choices)

    class Meta:
        ordering = ["rapid_review", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "partner"],
                                               name="review_sign_off_once")]

    def __str__(self):
        return f"{self.partner} signed off {self.rapid_review}"
