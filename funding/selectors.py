"""Reads of funding, each in a fixed number of queries whatever the number of rows."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from partnership import charts
from partnership.models import Designation
from partnership.models.dated import today

from . import money
from .models import BudgetLine, Contribution, Payment, SignOff

ZERO = Decimal("0.00")


def _sum(queryset, field):
    return queryset.aggregate(total=Sum(field))["total"] or ZERO


def contributions_total(year):
    return _sum(Contribution.objects.filter(year=year), "agreed")


def variance(year):
    """Contributions agreed minus the declared budget (positive: more than declared)."""
    return contributions_total(year) - year.declared_budget


def _subtotal(model, field):
    return Coalesce(
        Subquery(model.objects.filter(year=OuterRef("pk")).values("year")
                 .annotate(t=Sum(field)).values("t")),
        ZERO, output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def with_totals(years):
    """Years (a queryset, still to page) with their totals and variance as annotations."""
    return years.annotate(
        contributions_total=_subtotal(Contribution, "agreed"),
        received_total=_subtotal(Contribution, "received_amount"),
        spending_budget=_subtotal(BudgetLine, "budget"),
        spending_actual=_subtotal(BudgetLine, "actual"),
    ).annotate(variance=ExpressionWrapper(
        F("contributions_total") - F("declared_budget"),
        output_field=DecimalField(max_digits=14, decimal_places=2)))


def years_overview(years):
    """Years with their totals, for the list page and the year-on-year comparison."""
    return list(with_totals(years).order_by("partnership_id", "start_year"))


def _implied(declared, agreed_share):
    if agreed_share is None:
        return None
    return (declared * agreed_share / 100).quantize(money.PENNY, rounding=ROUND_HALF_UP)


def payment_state(contribution, year, on=None):
    """Set on a contribution (of `year`) what its payments mean on a day (today by default):
    `balance` (what is still to pay of the amount invoiced, or agreed before an invoice;
    negative when over-paid), `over_paid_by` (or None), `due_by` and `overdue` (a balance
    still to pay after the day it was due: the due date recorded, or the year's end)."""
    received = contribution.received_amount or ZERO
    contribution.balance = contribution.expected - received
    contribution.over_paid_by = -contribution.balance if contribution.balance < 0 else None
    contribution.due_by = contribution.due_on or year.end
    contribution.overdue = contribution.balance > 0 and (on or today()) > contribution.due_by
    return contribution


def payments(contribution):
    """A contribution's payments, earliest first, with who recorded each."""
    return list(Payment.objects.filter(contribution=contribution)
                .select_related("recorded_by").order_by("received_on", "pk"))


def year_summary(year, contributions, lines, whole):
    """Everything the year's page, its exports and the yearly report show.

    `contributions` and `lines` are what the viewer may see (permissions.py); `whole` says
    whether they see the whole budget (totals, variance, spending, sign-off)."""
    rows = list(contributions.select_related("agency").prefetch_related("agency__former_names")
                .annotate(payment_count=Count("payments")).order_by("-agreed", "agency__name"))
    totals = {
        "agreed": sum((r.agreed for r in rows), ZERO),
        "invoiced": sum((r.invoice_amount or ZERO for r in rows), ZERO),
        "received": sum((r.received_amount or ZERO for r in rows), ZERO),
    }
    totals["outstanding"] = totals["agreed"] - totals["received"]
    for row in rows:
        row.share_of_total = money.share(row.agreed, year.declared_budget)
        row.implied = _implied(year.declared_budget, row.agreed_share)
        row.outstanding = row.agreed - (row.received_amount or ZERO)
        payment_state(row, year)
    summary = {"year": year, "contributions": rows, "whole": whole,
               "over_paid": [r for r in rows if r.over_paid_by],
               "overdue": [r for r in rows if r.overdue]}
    if not whole:
        return summary
    order = list(BudgetLine.Category.values)
    spending = sorted(lines, key=lambda line: (order.index(line.category), line.description))
    for line in spending:
        line.difference = line.actual - line.budget
    spend_totals = {"budget": sum((x.budget for x in spending), ZERO),
                    "actual": sum((x.actual for x in spending), ZERO)}
    spend_totals["difference"] = spend_totals["actual"] - spend_totals["budget"]
    signed = {s.partner_id: s for s in SignOff.objects.filter(year=year)
              .select_related("signed_by", "partner").prefetch_related("partner__former_names")}
    partners = [
        {"agency": d.agency, "sign_off": signed.get(d.agency_id)}
        for d in Designation.objects.active().filter(
            partnership=year.partnership, kind__in=Designation.STATUTORY_KINDS
        ).select_related("agency").prefetch_related("agency__former_names").order_by("kind")
    ]
    # A partner that signed and is a statutory partner no longer (a CCG merged into an ICB)
    # still shows its signature.
    partners += [{"agency": s.partner, "sign_off": s} for s in signed.values()
                 if s.partner_id not in {p["agency"].pk for p in partners}]
    summary.update(
        totals=totals,
        declared=year.declared_budget,
        variance=totals["agreed"] - year.declared_budget,
        spending=spending,
        spend_totals=spend_totals,
        partners=partners,
        signed_off=bool(partners) and all(p["sign_off"] for p in partners),
        contributions_chart=charts.bar_chart(
            "Contributions by agency, agreed and received",
            [(r.agency.name_on(year.start), [r.agreed, r.received_amount or ZERO]) for r in rows],
            ["Agreed", "Received"], fmt=money.pounds,
        ),
        spending_chart=charts.bar_chart(
            "Spending against budget by category",
            [(x.get_category_display() + (f": {x.description}" if x.description else ""),
              [x.budget, x.actual]) for x in spending],
            ["Budget", "Actual"], fmt=money.pounds,
        ),
    )
    return summary


def own_lines(years, agencies):
    """An agency's own contribution lines, year by year (what agency staff see)."""
    return list(Contribution.objects.filter(year__in=years, agency__in=agencies)
                .select_related("agency", "year").prefetch_related("agency__former_names")
                .order_by("-year__start_year", "agency__name"))
