"""The challenge log: a challenge raised to one or more statutory partners, each partner's
response, the judgement on them, and closure, with the date of every step. A challenge may
be about one dashboard indicator in one period (raised from its drill-down page), and carry
files, as may each partner's response."""

import uuid

from django.conf import settings
from django.db import models

from partnership.models import Agency, Partnership

__all__ = ["ChallengeState", "Judgement", "Challenge", "ChallengeAddressee",
           "ChallengeAttachment"]

RESPONSE_DAYS = 20  # the default response time, in working days (partnership.dates)


class ChallengeState(models.TextChoices):
    RAISED = "raised", "Awaiting responses"
    RESPONDED = "responded", "Responded"
    JUDGED = "judged", "Judged"
    CLOSED = "closed", "Closed"


class Judgement(models.TextChoices):
    ASSURED = "assured", "Assured"
    PARTLY = "partly_assured", "Partly assured"
    NOT_ASSURED = "not_assured", "Not assured"


def indicator_choices():
    """The dashboard's own indicators (those with a drill-down page)."""
    from ..selectors.indicators import CHOICES

    return CHOICES


class Challenge(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="challenges")
    reference = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    detail = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    raised_on = models.DateField()
    due_on = models.DateField("Response due")
    state = models.CharField(max_length=10, choices=ChallengeState.choices,
                             default=ChallengeState.RAISED)
    responded_on = models.DateField(null=True, blank=True)
    judgement = models.CharField(max_length=15, choices=Judgement.choices, blank=True)
    judgement_text = models.TextField(blank=True)
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    judged_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    closed_on = models.DateField(null=True, blank=True)
    indicator = models.CharField(max_length=60, blank=True, choices=indicator_choices,
                                 help_text="The dashboard indicator it is about, if any.")
    period_start = models.DateField(null=True, blank=True,
                                    help_text="The first day of the indicator's period.")
    period_end = models.DateField(null=True, blank=True,
                                  help_text="The last day of the indicator's period.")

    class Meta:
        ordering = ["partnership", "-raised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"],
                                    name="challenge_reference_once"),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True, period_end__isnull=True)
                | models.Q(indicator__gt="", period_end__gte=models.F("period_start")),
                name="challenge_indicator_period"),
        ]

    def __str__(self):
        return f"{self.code}: {self.subject}"

    @property
    def code(self):
        return f"CH{self.reference:03d}"

    def is_overdue(self, today):
        return self.state == ChallengeState.RAISED and self.due_on < today


class ChallengeAddressee(models.Model):
    """A partner agency a challenge is addressed to, and its response."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="addressees")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    on_behalf = models.BooleanField(
        "Recorded by the business unit on the partner's behalf", default=False)

    class Meta:
        ordering = ["challenge", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["challenge", "agency"],
                                               name="challenge_addressed_once")]

    def __str__(self):
        return f"{self.challenge.code} to {self.agency}"


def attachment_path(instance, filename):
    return f"challenges/{instance.challenge.partnership_id}/{uuid.uuid4().hex}"


class ChallengeAttachment(models.Model):
    """A file attached to a challenge when it was raised (no addressee), or to one addressed
    partner's response. It is seen by whoever sees the challenge or that response."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE,
                                  related_name="attachments")
    addressee = models.ForeignKey(ChallengeAddressee, on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["challenge", "uploaded_at", "pk"]

    def __str__(self):
        return f"{self.challenge.code}: {self.filename}"
