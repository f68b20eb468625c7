"""Serious incident notifications, the restricted child record and per-case access grants.

A notification carries only the pseudonym and age band; what identifies the child lives in
ChildRecord, readable only under a CaseGrant (reviews/permissions.py), every read logged."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from partnership.models import Partnership

from .themes import LearningTheme


class IncidentType(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    OTHER = "other", "Other"


class AgeBand(models.TextChoices):
    UNDER_1 = "under_1", "Under 1"
    ONE_TO_4 = "1_4", "1 to 4"
    FIVE_TO_9 = "5_9", "5 to 9"
    TEN_TO_15 = "10_15", "10 to 15"
    SIXTEEN_PLUS = "16_17", "16 or 17"


class Notification(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="notifications")
    reference = models.CharField(max_length=20, unique=True)
    pseudonym = models.CharField(max_length=40, help_text="For example 'Child A'.")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    incident_type = models.CharField(max_length=20, choices=IncidentType.choices)
    looked_after = models.BooleanField(default=False)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="notifications")
    incident_on = models.DateField(null=True, blank=True)
    la_aware_on = models.DateField("Date the local authority became aware")
    notify_by = models.DateField(help_text="5 working days after the local authority became aware.")
    notified_on = models.DateField("Date the Panel was notified", null=True, blank=True)
    panel_reference = models.CharField(max_length=50, blank=True)
    partners_informed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-la_aware_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(incident_on__isnull=True)
                                   | Q(incident_on__lte=F("la_aware_on")),
                                   name="incident_before_aware"),
            models.CheckConstraint(condition=Q(notified_on__isnull=True)
                                   | Q(notified_on__gte=F("la_aware_on")),
                                   name="notified_after_aware"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.pseudonym})"

    @property
    def notified_in_time(self):
        return None if self.notified_on is None else self.notified_on <= self.notify_by

    @property
    def partners_informed_in_time(self):
        if self.partners_informed_on is None:
            return None
        return self.partners_informed_on <= self.notify_by


class ChildRecord(models.Model):
    """What identifies the child: read only under a case grant, every read logged."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE,
                                        related_name="child_record")
    legal_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    nhs_number = models.CharField("NHS number", max_length=12, blank=True)

    def __str__(self):
        return f"Child record of {self.notification.reference}"


class CaseGrant(models.Model):
    """A named person's time-limited access to one case's identifying details."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="case_grants")
    purpose = models.CharField(max_length=300)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.user} → {self.notification.reference} until {self.expires_at:%Y-%m-%d}"
