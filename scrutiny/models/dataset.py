"""The multi-agency dataset: measures the business unit defines for a partnership, and each
agency's quarterly return of its figures (one value per measure)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from partnership.models import Agency, Partnership, Sector

__all__ = ["DatasetReturn", "DatasetStatus", "DatasetValue", "Measure", "MeasureUnit"]


class MeasureUnit(models.TextChoices):
    COUNT = "count", "Count of events in the quarter (a year's figure is their sum)"
    SNAPSHOT = "snapshot", ("Count at the quarter's end, such as children on plans (a year's "
                            "figure is its last quarter's)")
    PERCENT = "percent", "Percentage (a year's figure is the mean)"


class Measure(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="dataset_measures")
    code = models.SlugField(max_length=40, help_text="A short, stable name, like 'referrals'.")
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="What is counted, in plain words.")
    unit = models.CharField(max_length=10, choices=MeasureUnit.choices,
                            default=MeasureUnit.COUNT)
    sectors = models.JSONField(default=list, blank=True,
                               help_text="Agencies of these sectors report the measure.")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+",
                                      help_text="And these agencies, chosen by hand.")
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    higher_is_better = models.BooleanField(default=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["partnership", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="dataset_measure_code_once")]

    def __str__(self):
        return self.name

    def sector_labels(self):
        labels = dict(Sector.choices)
        return [labels.get(s, s) for s in self.sectors]


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class DatasetReturn(models.Model):
    """One agency's figures for one quarter (named by its first day) in one partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="dataset_returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="dataset_returns")
    period_start = models.DateField()
    status = models.CharField(max_length=10, choices=DatasetStatus.choices,
                              default=DatasetStatus.DRAFT)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0, help_text="Goes up with every save.")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_reason = models.TextField(blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reopened_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "agency__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "agency", "period_start"],
                                               name="dataset_return_once_per_quarter")]

    def __str__(self):
        return f"{self.agency}: {self.period_start:%B %Y} dataset return"

    @property
    def quarter(self):
        from partnership.quarters import Quarter

        return Quarter(self.period_start)

    @property
    def submitted(self):
        return self.status == DatasetStatus.SUBMITTED


class DatasetValue(models.Model):
    dataset_return = models.ForeignKey(DatasetReturn, on_delete=models.CASCADE,
                                       related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["dataset_return", "measure__name"]
        constraints = [models.UniqueConstraint(fields=["dataset_return", "measure"],
                                               name="dataset_value_once_per_measure")]

    def __str__(self):
        return f"{self.measure}: {self.value}"
