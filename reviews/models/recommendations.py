"""Recommendations of rapid and practice reviews. Each becomes actions on the partnership's
action register (governance.services.actions), with evidence of completion there and of
impact here."""

from django.db import models
from django.db.models import Q

from governance.models import Action
from partnership.models import Partnership

from .practice import NationalReview, PracticeReview
from .rapid import RapidReview
from .themes import LearningTheme


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    COMPLETE = "complete", "Complete"


class Recommendation(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="recommendations")
    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="recommendations")
    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, null=True,
                                        blank=True, related_name="recommendations")
    national_review = models.ForeignKey(NationalReview, on_delete=models.CASCADE, null=True,
                                        blank=True, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="recommendations")
    status = models.CharField(max_length=10, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.PROPOSED)
    response = models.TextField(blank=True)
    impact = models.TextField("Evidence of impact", blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="recommendations")
    decided_on = models.DateField(null=True, blank=True,
                                  help_text="The day it was accepted or rejected.")

    class Meta:
        ordering = ["partnership", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(rapid_review__isnull=False) | Q(practice_review__isnull=False)
            | Q(national_review__isnull=False),
            name="recommendation_has_a_review")]

    def __str__(self):
        return f"Recommendation {self.number}: {self.text[:60]}"

    @property
    def review(self):
        return self.practice_review or self.rapid_review or self.national_review
