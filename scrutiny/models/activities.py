"""The scrutiny plan: activities of the audit types of the published arrangements (seed 004
para 33), their findings (a recommendation becomes an action on the partnership's action
register, source "scrutiny"), and the scrutineer's report sections for the yearly report."""

from django.conf import settings
from django.db import models

from governance.models import Action
from partnership.errors import Invalid
from partnership.models import Partnership

__all__ = ["ActivityType", "ActivityStatus", "FindingKind", "ScrutinyActivity", "Finding",
           "ReportSection"]


class ActivityType(models.TextChoices):
    SECTION_11 = "section_11", "Section 11 audit"
    SCHOOLS = "schools", "Schools safeguarding audit"
    VOLUNTARY = "voluntary", "Voluntary sector audit"
    EARLY_YEARS = "early_years", "Early years audit"
    MULTI_AGENCY = "multi_agency", "Multi-agency audit"
    PRACTITIONER = "practitioner", "Practitioner audit"
    CDOP = "cdop", "Child death (CDOP) case reviews"
    LEARNING = "learning", "Learning lessons review"
    NATIONAL = "national", "National safeguarding review"
    LOCAL = "local", "Local safeguarding review"
    THEMATIC = "thematic", "Thematic review"
    OTHER = "other", "Other"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    IMPROVEMENT = "improvement", "Area for improvement"
    CONCERN = "concern", "Concern"


QUARTERS = [(1, "Q1 (April to June)"), (2, "Q2 (July to September)"),
            (3, "Q3 (October to December)"), (4, "Q4 (January to March)")]


class ScrutinyActivity(models.Model):
    """One activity of a partnership's scrutiny plan for a financial year (`year` is the
    year it starts in: 2019 is 2019/20)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="scrutiny_activities")
    year = models.PositiveSmallIntegerField("Financial year starting in")
    activity_type = models.CharField("Type", max_length=20, choices=ActivityType.choices)
    title = models.CharField(max_length=200)
    scope = models.TextField(blank=True)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    lead_name = models.CharField("Lead (if not a person with an account)", max_length=200,
                                 blank=True)
    quarter = models.PositiveSmallIntegerField("Planned quarter", choices=QUARTERS, null=True,
                                               blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    cancelled_reason = models.TextField("Why it was cancelled", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["partnership", "-year", "quarter", "pk"]
        verbose_name_plural = "scrutiny activities"

    def __str__(self):
        return self.title

    @property
    def year_label(self):
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def lead_label(self):
        return self.lead.full_name if self.lead_id else self.lead_name

    def clean(self):
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise Invalid({"year": "Enter a year between 2000 and 2100"})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise Invalid({"ends_on": "The end date must be on or after the start date"})
        if self.status == ActivityStatus.CANCELLED and not self.cancelled_reason.strip():
            raise Invalid({"cancelled_reason": "Enter why the activity was cancelled"})
        if self.status != ActivityStatus.CANCELLED and self.cancelled_reason.strip():
            raise Invalid({"cancelled_reason": "Only a cancelled activity has a reason "
                                               "for cancelling"})


class Finding(models.Model):
    activity = models.ForeignKey(ScrutinyActivity, on_delete=models.CASCADE,
                                 related_name="findings")
    text = models.TextField("Finding")
    kind = models.CharField(max_length=12, choices=FindingKind.choices)
    recommendation = models.TextField(blank=True)
    action = models.ForeignKey(Action, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="scrutiny_findings")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["activity", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ReportSection(models.Model):
    """A section of the scrutineer's report for a year; the body is Markdown."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="scrutiny_sections")
    year = models.PositiveSmallIntegerField("Financial year starting in")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown")
    order = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "-year", "order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise Invalid({"year": "Enter a year between 2000 and 2100"})
