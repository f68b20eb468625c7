from django.db import models

from .structure import Partnership


class ClosureDay(models.Model):
    """A day a partnership does not count as a working day (besides weekends and England
    and Wales bank holidays), for example a local authority closure day."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="closure_days")
    date = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["partnership", "date"]
        constraints = [models.UniqueConstraint(fields=["partnership", "date"],
                                               name="closure_day_once")]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.reason}"
