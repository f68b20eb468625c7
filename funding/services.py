"""Every write to funding. Changing what was agreed (the declared budget or an agreed
contribution) withdraws the sign-offs given for the old figures."""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import selectors
from .models import BudgetLine, Contribution, FinancialYear, SignOff

YEAR_FIELDS = ("declared_budget", "notes", "variance_reason")
CONTRIBUTION_FIELDS = ("agreed", "agreed_share", "earmark", "in_kind", "invoice_date",
                       "invoice_amount", "invoice_reference", "received_date",
                       "received_amount")
LINE_FIELDS = ("category", "description", "budget", "actual")


def _apply(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def year_create(*, partnership, start_year, declared_budget, notes=""):
    if FinancialYear.objects.filter(partnership=partnership, start_year=start_year).exists():
        raise ValidationError({"start_year": f"{start_year}/{(start_year + 1) % 100:02d} "
                                             "is already recorded"})
    year = FinancialYear(partnership=partnership, start_year=start_year,
                         declared_budget=declared_budget, notes=notes)
    year.full_clean()
    year.save()
    return year


@transaction.atomic
def year_update(*, year, **fields):
    before = year.declared_budget
    _apply(year, fields, YEAR_FIELDS)
    if year.declared_budget != before:
        year.sign_offs.all().delete()
    return year


@transaction.atomic
def contribution_create(*, year, agency, **fields):
    if Contribution.objects.filter(year=year, agency=agency).exists():
        raise ValidationError({"agency": f"{agency} already has a contribution for {year.label}"})
    contribution = _apply(Contribution(year=year, agency=agency), fields, CONTRIBUTION_FIELDS)
    year.sign_offs.all().delete()
    return contribution


@transaction.atomic
def contribution_update(*, contribution, **fields):
    before = contribution.agreed
    _apply(contribution, fields, CONTRIBUTION_FIELDS)
    if contribution.agreed != before:
        contribution.year.sign_offs.all().delete()
    return contribution


@transaction.atomic
def budget_line_create(*, year, **fields):
    return _apply(BudgetLine(year=year), fields, LINE_FIELDS)


@transaction.atomic
def budget_line_update(*, line, **fields):
    return _apply(line, fields, LINE_FIELDS)


@transaction.atomic
def sign_off(*, year, partner, user):
    """Record `user`'s sign-off for `partner`. Refused while the contributions and the
    declared budget disagree and no reason has been recorded."""
    year = FinancialYear.objects.select_for_update().get(pk=year.pk)
    variance = selectors.variance(year)
    if variance and not year.variance_reason.strip():
        raise ValidationError(
            f"The contributions add up to {selectors.money.pounds(year.declared_budget + variance)}"
            f", which is {selectors.money.pounds(abs(variance))} "
            f"{'more' if variance > 0 else 'less'} than the declared budget of "
            f"{selectors.money.pounds(year.declared_budget)}. The business unit must correct "
            "the figures or record why they differ before the budget can be signed off."
        )
    if SignOff.objects.filter(year=year, partner=partner).exists():
        raise ValidationError(f"{partner} has already signed off {year.label}.")
    return SignOff.objects.create(year=year, partner=partner, signed_by=user, variance=variance)
