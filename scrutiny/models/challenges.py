"""The challenge log: a challenge raised to one or more statutory partners, each partner's
response, the judgement on them, and closure, with the date of every step."""

from django.conf import settings
from django.db import models

from partnership.models import Agency, Partnership

__all__ = ["ChallengeState", "Judgement", "Challenge", "ChallengeAddressee"]

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

    class Meta:
        ordering = ["partnership", "-raised_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"],
                                               name="challenge_reference_once")]

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
