"""Targets for the dashboard's indicators: one per partnership and indicator, set by the
business unit. The RAG status of a figure comes from its target (scrutiny/selectors/indicators.py)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from partnership.models import Partnership

__all__ = ["IndicatorTarget"]


class IndicatorTarget(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="indicator_targets")
    code = models.CharField(max_length=60, help_text="The indicator, e.g. 'notifications_on_time'.")
    target = models.DecimalField(max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    higher_is_better = models.BooleanField(
        default=True, help_text="Green at or above the target (untick: at or below it).")
    amber_margin = models.DecimalField(
        max_digits=12, decimal_places=2, default=5, validators=[MinValueValidator(0)],
        help_text="How far on the wrong side of the target a figure is still amber, in the "
                  "indicator's own unit (percentage points for percentages).")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="indicator_target_once"),
            models.CheckConstraint(condition=models.Q(target__gte=0)
                                   & models.Q(amber_margin__gte=0),
                                   name="indicator_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.code}: {self.target}"
