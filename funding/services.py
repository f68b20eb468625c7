"""Every write to funding. Changing what was agreed (the declared budget or an agreed
contribution) withdraws the sign-offs given for the old figures. What was received is the
sum of a contribution's payments (payment_add, payment_remove)."""

from django.db import transaction
from django.db.models import Max, Sum

from partnership import permissions as core
from partnership.errors import Invalid, WrongState
from partnership.models.dated import today
from partnership.services.common import create_once, locked, model_update

from . import selectors
from .models import BudgetLine, Contribution, FinancialYear, Payment, SignOff

YEAR_FIELDS = ("declared_budget", "notes", "variance_reason")
CONTRIBUTION_FIELDS = ("agreed", "agreed_share", "earmark", "in_kind", "invoice_date",
                       "invoice_amount", "invoice_reference", "due_on")
LINE_FIELDS = ("category", "description", "budget", "actual")


def _withdraw_sign_offs_if_changed(year, before, after):
    """Sign-offs were given for the old figures: a changed agreed figure withdraws them."""
    if before != after:
        year.sign_offs.all().delete()


@transaction.atomic
def year_create(*, partnership, start_year, declared_budget, notes=""):
    recorded = FinancialYear.objects.filter(partnership=partnership, start_year=start_year)
    label = f"{start_year}/{(start_year + 1) % 100:02d}"
    if recorded.exists():
        raise Invalid({"start_year": f"{label} is already recorded"})
    year = FinancialYear(partnership=partnership, start_year=start_year,
                         declared_budget=declared_budget, notes=notes)
    year.full_clean()
    create_once(year.save, exists=recorded.exists,
                message=f"Someone else has just recorded {label}: reload to see it")
    return year


@transaction.atomic
def year_update(*, year, **fields):
    before = locked(year).declared_budget
    model_update(year, fields, YEAR_FIELDS)
    _withdraw_sign_offs_if_changed(year, before, year.declared_budget)
    return year


@transaction.atomic
def contribution_create(*, year, agency, **fields):
    recorded = Contribution.objects.filter(year=year, agency=agency)
    if recorded.exists():
        raise Invalid({"agency": f"{agency} already has a contribution for {year.label}"})
    contribution = create_once(
        lambda: model_update(Contribution(year=year, agency=agency), fields, CONTRIBUTION_FIELDS),
        exists=recorded.exists,
        message=f"Someone else has just recorded {agency}'s contribution for {year.label}: "
                "reload to see it")
    year.sign_offs.all().delete()
    return contribution


@transaction.atomic
def contribution_update(*, contribution, **fields):
    before = locked(contribution).agreed
    model_update(contribution, fields, CONTRIBUTION_FIELDS)
    _withdraw_sign_offs_if_changed(contribution.year, before, contribution.agreed)
    return contribution


class OverPayment(Invalid):
    """The payment would bring what was received above what the agency is asked to pay
    (Contribution.expected). Refused unless the caller confirms it (`confirmed=True`):
    the page asks for that confirmation, the API takes `"confirm_overpayment": true`."""

    def __init__(self, message):
        super().__init__({"amount": message})
        self.message = message


def over_payment_warning(contribution, received):
    """What to say if `received` (the payments' sum) is more than the contribution's
    expected amount, or None."""
    expected = contribution.expected
    if received <= expected:
        return None
    what = "agreed" if contribution.invoice_amount is None else "invoiced"
    pounds = selectors.money.pounds
    return (f"{contribution.agency} would then have paid {pounds(received)}, which is "
            f"{pounds(received - expected)} more than the {pounds(expected)} {what} for "
            f"{contribution.year.label}. Check the amount before recording it.")


def _received_in_step(contribution):
    """The contribution's received amount and day from its payments (row already locked)."""
    totals = contribution.payments.aggregate(amount=Sum("amount"), day=Max("received_on"))
    contribution.received_amount, contribution.received_date = totals["amount"], totals["day"]
    contribution.save(update_fields=["received_amount", "received_date"])


@transaction.atomic
def payment_add(*, contribution, amount, received_on, recorded_by, confirmed=False):
    """Record a payment received. Refused (OverPayment) while it would take the total
    received above what was invoiced (or agreed, before an invoice) unless `confirmed`."""
    locked(contribution)
    if amount is None or amount <= 0:
        raise Invalid({"amount": "Enter an amount of more than £0.00"})
    if received_on is None:
        raise Invalid({"received_on": "Enter the day the payment was received"})
    if received_on > today():
        raise Invalid({"received_on": "The day the payment was received cannot be in the "
                                      "future"})
    payment = Payment(contribution=contribution, amount=amount, received_on=received_on,
                      recorded_by=recorded_by)
    payment.full_clean()
    warning = over_payment_warning(contribution,
                                   (contribution.received_amount or 0) + amount)
    if warning and not confirmed:
        raise OverPayment(warning)
    payment.save()
    _received_in_step(contribution)
    return payment


@transaction.atomic
def payment_remove(*, payment):
    """Remove a payment recorded by mistake (the audit log keeps it)."""
    contribution = locked(payment.contribution)
    payment.delete()
    _received_in_step(contribution)
    return contribution


@transaction.atomic
def budget_line_create(*, year, **fields):
    return model_update(BudgetLine(year=year), fields, LINE_FIELDS)


@transaction.atomic
def budget_line_update(*, line, **fields):
    return model_update(line, fields, LINE_FIELDS)


@transaction.atomic
def sign_off(*, year, membership):
    """Record the sign-off of `membership`'s holder (a lead safeguarding partner role from
    permissions.sign_off_membership) for the partner it acts for, in its capacity. Refused
    while the contributions and the declared budget disagree and no reason is recorded."""
    partner, user = membership.agency, membership.user
    year = FinancialYear.objects.select_for_update().get(pk=year.pk)
    variance = selectors.variance(year)
    if variance and not year.variance_reason.strip():
        raise WrongState(
            f"The contributions add up to {selectors.money.pounds(year.declared_budget + variance)}"
            f", which is {selectors.money.pounds(abs(variance))} "
            f"{'more' if variance > 0 else 'less'} than the declared budget of "
            f"{selectors.money.pounds(year.declared_budget)}. The business unit must correct "
            "the figures or record why they differ before the budget can be signed off."
        )
    if SignOff.objects.filter(year=year, partner=partner).exists():
        raise WrongState(f"{partner} has already signed off {year.label}.")
    return SignOff.objects.create(year=year, partner=partner, signed_by=user, variance=variance,
                                  capacity=core.capacity(membership))
