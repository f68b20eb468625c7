"""Challenge (peer review) events of a cycle: the agencies invited, the outcome and the
follow-up actions on the partnership's action register."""

from django.db import models

from governance.models import Action
from partnership.models import Agency

from .cycles import Cycle


class ChallengeEvent(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="challenge_events")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    agencies = models.ManyToManyField(Agency, related_name="challenge_events")
    outcome = models.TextField(blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="challenge_events")

    class Meta:
        ordering = ["cycle", "held_on"]

    def __str__(self):
        return self.title
