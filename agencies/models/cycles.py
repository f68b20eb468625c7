"""Cycles: a partnership asks agencies for a return on a pinned template by a deadline."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from partnership.models import Agency, Partnership

from .templates import AssessmentTemplate


class Cycle(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="assessment_cycles")
    template = models.ForeignKey(AssessmentTemplate, on_delete=models.PROTECT,
                                 related_name="cycles")
    name = models.CharField(max_length=100, help_text="For example '2019 Section 11 audit'.")
    opens_on = models.DateField()
    closes_on = models.DateField("Deadline")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "-opens_on"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")),
                                              name="cycle_closes_after_opening")]
        # the scrutiny indicators and the yearly report: cycles whose deadline is in a period
        indexes = [models.Index(fields=["partnership", "closes_on"], name="cycle_closes")]

    def __str__(self):
        return self.name


class Request(models.Model):
    """An agency asked for a return in a cycle; `due_on` is the deadline after any
    extension. Several requests (in different partnerships' overlapping cycles on the same
    template) can share one return."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessment_requests")
    due_on = models.DateField()
    assessment = models.ForeignKey("agencies.Return", on_delete=models.PROTECT,
                                   related_name="requests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "agency"],
                                               name="request_once_per_agency")]

    def __str__(self):
        return f"{self.agency} in {self.cycle}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class Extension(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="extensions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    until = models.DateField()
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["request", "-asked_at"]

    def __str__(self):
        return f"Extension to {self.until} for {self.request}"
