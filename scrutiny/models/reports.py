"""The yearly report (domain.md §4): one per partnership and reporting period, its narrative
per section, each rendered version (the render job's state lives on the version), the three
statutory partners' sign-offs (by their lead safeguarding partners, each with the capacity
they signed in), a delegated partner's recommendation to sign, and the record of publishing
and sending it on."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from partnership.models import Agency, Partnership

__all__ = ["YearlyReport", "ReportNarrative", "ReportVersion", "RenderStatus", "ReportSignOff",
           "ReportRecommendation", "SEND_WITHIN_DAYS"]

# A copy goes to the Panel and to Foundations (the What Works Centre for Children and
# Families since 6 June 2023) "within seven days of publication" (domain.md §4.1 and its
# correction 5): calendar days, not working days.
SEND_WITHIN_DAYS = 7


class YearlyReport(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="yearly_reports")
    period_start = models.DateField()
    period_end = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(null=True, blank=True)
    published_url = models.URLField(blank=True)
    panel_sent_on = models.DateField("Sent to the national Panel", null=True, blank=True)
    foundations_sent_on = models.DateField("Sent to Foundations", null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period_start", "period_end"],
                                    name="yearly_report_once_per_period"),
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")),
                                   name="yearly_report_period_in_order"),
        ]

    def __str__(self):
        return f"Yearly report {self.label}"

    @property
    def label(self):
        start, end = self.period_start, self.period_end
        if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and \
                end.year == start.year + 1:
            return f"{self.period_start.year}/{(self.period_start.year + 1) % 100:02d}"
        return f"{self.period_start:%-d %b %Y} to {self.period_end:%-d %b %Y}"

    @property
    def send_due_on(self):
        if self.published_on is None:
            return None
        return self.published_on + datetime.timedelta(days=SEND_WITHIN_DAYS)


class ReportNarrative(models.Model):
    """The editable text of one section (Markdown; sanitised whenever it is shown)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="narratives")
    section = models.CharField(max_length=30)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "section"]
        constraints = [models.UniqueConstraint(fields=["report", "section"],
                                               name="report_narrative_once")]

    def __str__(self):
        return f"{self.report}: {self.section}"


class RenderStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ReportVersion(models.Model):
    """One generated version of the report, and the job that renders it. The file is set
    only once it is complete (written under a temporary name and moved into place)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=RenderStatus.choices,
                              default=RenderStatus.REQUESTED)
    progress = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True)
    draft = models.BooleanField(default=True, help_text="Carries the DRAFT watermark.")
    attempt = models.CharField(max_length=32, blank=True,
                               help_text="The attempt that holds the job while rendering.")
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="reports/", blank=True)
    size = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True,
                                     help_text="When its job was last sent to the queue.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_once"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max"),
        ]

    def __str__(self):
        return f"{self.report} version {self.number}"

    @property
    def filename(self):
        p = self.report
        kind = "draft" if self.draft else "final"
        return f"{p.partnership.slug}-yearly-report-{p.period_start:%Y}-v{self.number}-{kind}.pdf"


class ReportSignOff(models.Model):
    """A statutory partner's sign-off of the report (one per partner agency), always by the
    partner's lead safeguarding partner; `capacity` is how they signed, as
    partnership.permissions.capacity wrote it that day ("Chief Constable, lead safeguarding
    partner for North Yorkshire Police")."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    capacity = models.CharField(max_length=400)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["report", "partner"],
                                               name="report_sign_off_once")]

    def __str__(self):
        return f"{self.partner} signed off {self.report}"


class ReportRecommendation(models.Model):
    """A delegated safeguarding partner's recommendation that their lead partner sign the
    report off (one per partner agency): the record of who prepared the way, never a
    sign-off."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE,
                               related_name="recommendations")
    partner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="+")
    capacity = models.CharField(max_length=400)
    recommended_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "recommended_at"]
        constraints = [models.UniqueConstraint(fields=["report", "partner"],
                                               name="report_recommendation_once")]

    def __str__(self):
        return f"{self.partner}: sign-off of {self.report} recommended"
