"""Local child safeguarding practice reviews: commissioning, milestones, publication and
learning briefings."""

from django.conf import settings
from django.db import models

from partnership.models import Agency, Partnership

from .rapid import RapidReview
from .themes import LearningTheme

TARGET_MONTHS = 6  # from the decision, unless the partnership sets another target
PRE_PUBLICATION_DAYS = 7  # working days: copy to the Panel and the Secretary of State


class PracticeStatus(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned"
    IN_PROGRESS = "in_progress", "In progress"
    FINAL_REPORT = "final_report", "Final report received"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published"
    CLOSED = "closed", "Closed"


class Publication(models.TextChoices):
    FULL = "full", "Publish the report"
    IMPROVEMENTS_ONLY = "improvements_only", "Publish the improvements only"
    NOT_PUBLISHED = "not_published", "Do not publish"


class PracticeReview(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="practice_reviews")
    rapid_review = models.OneToOneField(RapidReview, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="practice_review")
    title = models.CharField(max_length=200, help_text="The published name, e.g. 'Child Q'.")
    decided_on = models.DateField()
    reviewer = models.CharField(max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    method = models.CharField(max_length=100, blank=True)
    target_on = models.DateField(help_text="Six months from the decision unless changed.")
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="practice_reviews")
    status = models.CharField(max_length=20, choices=PracticeStatus.choices,
                              default=PracticeStatus.COMMISSIONED)
    final_report_on = models.DateField(null=True, blank=True)
    publication = models.CharField(max_length=20, choices=Publication.choices, blank=True)
    not_publishing_reasons = models.TextField(blank=True)
    planned_publication_on = models.DateField(null=True, blank=True)
    copy_sent_on = models.DateField("Copy sent to the Panel and Secretary of State", null=True,
                                    blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_url = models.URLField(blank=True)
    ofsted_copy_sent_on = models.DateField("Copy sent to Ofsted", null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-decided_on"]
        # the scrutiny indicators: reviews whose target date is in a period
        indexes = [models.Index(fields=["partnership", "target_on"], name="practice_review_target")]

    def __str__(self):
        return self.title

    def copy_due_by(self, calendar, publication_on=None):
        """The last day the copy may reach the Panel and the Secretary of State: at least
        PRE_PUBLICATION_DAYS working days (on `calendar`, partnership.dates) before
        publication (the planned date unless another is given)."""
        day = publication_on or self.planned_publication_on
        return None if day is None else calendar.subtract(day, PRE_PUBLICATION_DAYS)


class Stage(models.TextChoices):
    """What the three lead safeguarding partners sign off on a practice review."""

    COMMISSIONING = "commissioning", "The decision to commission the review"
    FINAL_REPORT = "final_report", "The final report"
    PUBLICATION = "publication", "The publication decision"


class PracticeSignOff(models.Model):
    """A lead safeguarding partner's sign-off of one stage of a practice review, with who
    signed and in what capacity (partnership.permissions.capacity)."""

    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE,
                               related_name="sign_offs")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    partner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    capacity = models.CharField(max_length=400)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "stage", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["review", "stage", "partner"],
                                               name="practice_sign_off_once")]

    def __str__(self):
        return f"{self.partner} signed off {self.review}: {self.stage}"


class NationalReview(models.Model):
    """A national review the Panel carried out (on the partnership's referral, or one the
    partnership takes learning from); its recommendations join the action register like
    local ones."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="national_reviews")
    rapid_review = models.OneToOneField(RapidReview, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="national_review")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    panel_decided_on = models.DateField("The Panel decided to review on", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_url = models.URLField(blank=True)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="national_reviews")

    class Meta:
        ordering = ["partnership", "-published_on", "-pk"]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE,
                               related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "due_on", "pk"]

    def __str__(self):
        return self.title


class LearningBriefing(models.Model):
    review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE,
                               related_name="briefings")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["review", "-published_on", "pk"]

    def __str__(self):
        return self.title
