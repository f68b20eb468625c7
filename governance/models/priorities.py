"""Yearly priorities and the work plan that delivers them."""

from django.db import models
from django.db.models import F, Q

from partnership.models.structure import Agency, Partnership

from .actions import Action
from .groups import Group


class Priority(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="priorities")
    title = models.CharField(max_length=200)
    heading = models.CharField("Strategic heading", max_length=60, blank=True,
                               help_text="For example Safe, Happy, Healthy or Achieving.")
    description = models.TextField(blank=True)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        ordering = ["partnership", "-period_start", "heading", "title"]
        verbose_name_plural = "priorities"
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=F("period_start")),
                                              name="priority_period_in_order")]

    def __str__(self):
        return self.title


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


class WorkPlanItem(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=300)
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="work_plan_items")
    lead_agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    due_on = models.DateField(null=True, blank=True)
    progress = models.CharField(max_length=20, choices=Progress.choices,
                                default=Progress.NOT_STARTED)
    progress_note = models.TextField(blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="work_plan_items")

    class Meta:
        ordering = ["priority", "due_on", "pk"]

    def __str__(self):
        return self.title
