import datetime

from django.conf import settings
from django.db import models

from partnership.errors import Invalid
from partnership.models import Agency, Partnership

MONEY = {"max_digits": 12, "decimal_places": 2}


class FinancialYear(models.Model):
    """A partnership's financial year (1 April to 31 March) and the budget its partners
    declared for it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="financial_years")
    start_year = models.PositiveSmallIntegerField(help_text="2019 for 2019/20")
    declared_budget = models.DecimalField(**MONEY)
    notes = models.TextField(blank=True)
    variance_reason = models.TextField(
        blank=True,
        help_text="Why the contributions may differ from the declared budget at sign-off.",
    )

    class Meta:
        ordering = ["partnership", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "start_year"], name="one_year_once"),
            models.CheckConstraint(condition=models.Q(declared_budget__gte=0),
                                   name="declared_budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.label} ({self.partnership.short_name or self.partnership})"

    def clean(self):
        if self.start_year is not None and not 2000 <= self.start_year <= 2100:
            raise Invalid({"start_year": "Enter a year between 2000 and 2100"})

    @property
    def label(self):
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self):
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self):
        return datetime.date(self.start_year + 1, 3, 31)


class Contribution(models.Model):
    """What one agency agreed to give for a year, what was invoiced, and the payments
    received. `received_amount` (the sum of the payments, None before the first) and
    `received_date` (the latest payment's day) are kept in step with the payments by
    services.payment_add and payment_remove, under a lock on this row."""

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE,
                             related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contributions")
    agreed = models.DecimalField(**MONEY)
    agreed_share = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True,
        help_text="The agreed share of the declared budget, in per cent, if one was agreed.",
    )
    earmark = models.CharField(max_length=100, blank=True, help_text="For example, CDOP.")
    in_kind = models.TextField("in-kind contribution", blank=True)
    invoice_date = models.DateField(null=True, blank=True)
    invoice_amount = models.DecimalField(**MONEY, null=True, blank=True)
    invoice_reference = models.CharField(max_length=100, blank=True)
    due_on = models.DateField(
        "payment due by", null=True, blank=True,
        help_text="Blank: by the end of the financial year (31 March).")
    received_date = models.DateField(null=True, blank=True,
                                     help_text="The latest payment's day (kept by the services).")
    received_amount = models.DecimalField(
        **MONEY, null=True, blank=True,
        help_text="The sum of the payments, blank before the first (kept by the services).")

    class Meta:
        ordering = ["year", "-agreed", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="one_contribution_per_agency"),
            models.CheckConstraint(condition=models.Q(agreed__gte=0), name="agreed_not_negative"),
        ]

    def __str__(self):
        return f"{self.agency} {self.year.label}"

    @property
    def expected(self):
        """What the agency is asked to pay: the amount invoiced once an invoice is recorded,
        the agreed contribution before."""
        return self.agreed if self.invoice_amount is None else self.invoice_amount


class Payment(models.Model):
    """One payment received against a contribution, on the day it arrived."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="payments")
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contribution", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self):
        return f"{self.amount} from {self.contribution} on {self.received_on}"


class BudgetLine(models.Model):
    """A line of the year's spending plan: its budget and what was actually spent."""

    class Category(models.TextChoices):
        STAFFING = "staffing", "Business unit staffing"
        SCRUTINY = "scrutiny", "Independent scrutiny"
        REVIEWS = "reviews", "Practice reviews"
        TRAINING = "training", "Training"
        CHILD_DEATH = "child_death", "Child death reviews"
        OTHER = "other", "Other"

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.CharField(max_length=200, blank=True)
    budget = models.DecimalField(**MONEY)
    actual = models.DecimalField(**MONEY, default=0)

    class Meta:
        ordering = ["year", "category", "description"]

    def __str__(self):
        return f"{self.get_category_display()} {self.year.label}"


class SignOff(models.Model):
    """A lead safeguarding partner's sign-off of the year's budget, for their statutory
    partner, with the capacity they signed in (partnership.permissions.capacity). Each of the
    three is recorded separately."""

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    capacity = models.CharField(max_length=400, blank=True,
                                help_text="Blank for sign-offs recorded before it was kept.")
    signed_at = models.DateTimeField(auto_now_add=True)
    variance = models.DecimalField(**MONEY, help_text="The variance when signed.")

    class Meta:
        ordering = ["year", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["year", "partner"], name="one_sign_off")]

    def __str__(self):
        return f"{self.partner} signed {self.year.label}"
