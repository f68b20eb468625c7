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
    # Working Together 2023 (2024 update): notified through the same service, no rapid review.
    CARE_LEAVER_DEATH = "care_leaver_death", "Death of a care leaver (up to and including 24)"
    OTHER = "other", "Other"


class AgeBand(models.TextChoices):
    UNDER_1 = "under_1", "Under 1"
    ONE_TO_4 = "1_4", "1 to 4"
    FIVE_TO_9 = "5_9", "5 to 9"
    TEN_TO_15 = "10_15", "10 to 15"
    SIXTEEN_PLUS = "16_17", "16 or 17"
    CARE_LEAVER = "18_24", "18 to 24 (care leaver)"


class Notification(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="notifications")
    reference = models.CharField(max_length=20, unique=True)
    pseudonym = models.CharField(max_length=40, help_text="For example 'Child A'.")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    incident_type = models.CharField(max_length=20, choices=IncidentType.choices)
    looked_after = models.BooleanField(default=False)
    summary = models.TextField(
        "What happened", blank=True,
        help_text="A short account of the incident as sent to the Panel: no names.")
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
        # the scrutiny indicators: notifications due in a period
        indexes = [models.Index(fields=["partnership", "notify_by"], name="notification_due")]
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


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class Ethnicity(models.TextChoices):
    """The DfE's major ethnic groups."""

    WHITE = "white", "White"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    OTHER = "other", "Other ethnic group"
    UNKNOWN = "unknown", "Not known or refused"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class LegalStatus(models.TextChoices):
    NONE = "none", "None of these"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


class Placement(models.TextChoices):
    PARENTS = "parents", "Living with parents or family"
    KINSHIP = "kinship", "Kinship care"
    FOSTER = "foster", "Foster care"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    SECURE = "secure", "Secure setting or custody"
    SUPPORTED = "supported", "Supported or independent accommodation"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class AbuseOrNeglect(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"
    NO = "no", "Neither known nor suspected"


MAX_CHILDREN = 4  # one notification covers up to four children of the same incident


class NotifiedChild(models.Model):
    """One child of a notification, as the DfE collects them. The characteristics are
    special category data: shown only where needed and every read logged
    (reviews/permissions.py); no name or date of birth here (that is ChildRecord's)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="children")
    position = models.PositiveSmallIntegerField(help_text="1 to 4, in the order notified.")
    pseudonym = models.CharField(max_length=40, help_text="For example 'Child A'.")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(max_length=10, choices=Ethnicity.choices)
    disability = models.CharField(max_length=10, choices=YesNoUnknown.choices)
    legal_status = models.CharField(max_length=25, choices=LegalStatus.choices)
    placement = models.CharField(max_length=20, choices=Placement.choices)
    known_to_agencies = models.CharField(max_length=10, choices=YesNoUnknown.choices)
    abuse_or_neglect = models.CharField(max_length=10, choices=AbuseOrNeglect.choices)
    home_local_authority = models.CharField(max_length=200)

    class Meta:
        ordering = ["notification", "position"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "position"],
                                    name="notified_child_position_once"),
            models.CheckConstraint(condition=Q(position__gte=1, position__lte=MAX_CHILDREN),
                                   name="notified_child_position_1_to_4"),
        ]

    def __str__(self):
        return f"{self.notification.reference}: {self.pseudonym}"


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
