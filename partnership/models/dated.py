import datetime

from django.db import models
from django.db.models import Q

from ..errors import Invalid


def today():
    return datetime.date.today()


class DatedQuerySet(models.QuerySet):
    def active(self, on=None):
        """Rows in force on a day (today by default): started, and not yet ended."""
        day = on or today()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)


def ends_after_start(name):
    """The database's own guard for Dated.clean()."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name=name
    )


class Dated(models.Model):
    """Something that holds from `start_date` to `end_date` inclusive (open-ended if blank)."""

    start_date = models.DateField(default=today)
    end_date = models.DateField(null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise Invalid({"end_date": "The end date must be on or after the start date."})
