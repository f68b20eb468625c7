from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership import charts
from partnership import permissions as core
from partnership.forms.pickers import offer_in
from partnership.views.common import add_errors, attempt, bound, submit

from . import exports, money, permissions, selectors, services
from .forms import BudgetLineForm, ContributionForm, PaymentForm, YearEditForm, YearForm


def _partnership(request, slug):
    partnership = core.partnership_for(request.user, slug)
    if not permissions.can_view_any(request.user, partnership):
        raise Http404("No such page")
    return partnership


def _year(request, slug, start_year):
    partnership = _partnership(request, slug)
    year = permissions.year_for(request.user, partnership, start_year)
    year.partnership = partnership  # read once
    return year


def _summary(request, year):
    user = request.user
    return selectors.year_summary(
        year, permissions.contributions_for(user, year), permissions.budget_lines_for(user, year),
        whole=permissions.sees_whole_budget(user, year.partnership))


@require_GET
def year_list(request, slug):
    partnership = _partnership(request, slug)
    whole = permissions.sees_whole_budget(request.user, partnership)
    years = permissions.years_for(request.user, partnership)
    context = {"partnership": partnership, "whole": whole,
               "can_manage": permissions.can_manage(request.user, partnership)}
    if whole:
        context["years"] = selectors.years_overview(years)
        context["chart"] = charts.bar_chart(
            "Declared budget, contributions agreed and spending by year",
            [(y.label, [y.declared_budget, y.contributions_total, y.spending_actual])
             for y in context["years"]],
            ["Declared budget", "Contributions agreed", "Spent"], fmt=money.pounds)
    else:
        context["own_lines"] = selectors.own_lines(
            years, permissions.own_agencies(request.user, partnership))
    return render(request, "funding/year_list.html", context)


@require_http_methods(["GET", "POST"])
def year_create(request, slug):
    partnership = _partnership(request, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(YearForm, request)
    year = submit(request, form, lambda: services.year_create(partnership=partnership,
                                                               **form.cleaned_data))
    if year:
        messages.success(request, f"Financial year {year.label} added.")
        return redirect("funding:year", slug=slug, start_year=year.start_year)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a financial year",
        "button": "Add the year", "back": reverse("funding:years", args=[slug])})


@require_GET
def year_detail(request, slug, start_year):
    year = _year(request, slug, start_year)
    summary = _summary(request, year)
    return render(request, "funding/year_detail.html", {
        "partnership": year.partnership, "summary": summary, "year": year,
        "can_manage": permissions.can_manage(request.user, year.partnership),
        "sign_off_partner": permissions.sign_off_partner(request.user, year)})


@require_http_methods(["GET", "POST"])
def year_edit(request, slug, start_year):
    year = _year(request, slug, start_year)
    permissions.require_manage(request.user, year.partnership)
    form = bound(YearEditForm, request, initial={
        "declared_budget": year.declared_budget, "notes": year.notes,
        "variance_reason": year.variance_reason})
    if submit(request, form, lambda: services.year_update(
            year=year, **form.cleaned_data)):
        messages.success(request, f"{year.label} updated.")
        return redirect("funding:year", slug=slug, start_year=start_year)
    return render(request, "form.html", {
        "partnership": year.partnership, "form": form, "title": f"Edit {year.label}",
        "button": "Save", "back": reverse("funding:year", args=[slug, start_year])})


@require_http_methods(["GET", "POST"])
def contribution_create(request, slug, start_year):
    year = _year(request, slug, start_year)
    permissions.require_manage(request.user, year.partnership)
    form = offer_in(bound(ContributionForm, request), "agency", request)
    contribution = submit(request, form, lambda: services.contribution_create(
        year=year, **form.cleaned_data))
    if contribution:
        messages.success(request, f"Contribution from {contribution.agency} added.")
        return redirect("funding:year", slug=slug, start_year=start_year)
    return render(request, "picker_form.html", {
        "partnership": year.partnership, "form": form,
        "title": f"Add a contribution for {year.label}", "button": "Add the contribution",
        "back": reverse("funding:year", args=[slug, start_year])})


@require_http_methods(["GET", "POST"])
def contribution_edit(request, slug, start_year, pk):
    year = _year(request, slug, start_year)
    contribution = permissions.contribution_for(request.user, year, pk)
    permissions.require_manage(request.user, year.partnership)
    form = bound(ContributionForm, request, editing=True, initial={
        name: getattr(contribution, name) for name in services.CONTRIBUTION_FIELDS})
    if submit(request, form, lambda: services.contribution_update(
            contribution=contribution, **form.cleaned_data)):
        messages.success(request, f"Contribution from {contribution.agency} updated.")
        return redirect("funding:year", slug=slug, start_year=start_year)
    return render(request, "form.html", {
        "partnership": year.partnership, "form": form,
        "title": f"{contribution.agency}: {year.label}", "button": "Save",
        "back": reverse("funding:year", args=[slug, start_year])})


def _contribution(request, slug, start_year, pk):
    year = _year(request, slug, start_year)
    return year, permissions.contribution_for(request.user, year, pk)


@require_GET
def payment_list(request, slug, start_year, pk):
    year, contribution = _contribution(request, slug, start_year, pk)
    return render(request, "funding/payments.html", {
        "partnership": year.partnership, "year": year,
        "contribution": selectors.payment_state(contribution, year),
        "payments": selectors.payments(contribution),
        "can_manage": permissions.can_manage(request.user, year.partnership)})


@require_http_methods(["GET", "POST"])
def payment_create(request, slug, start_year, pk):
    """Record a payment. One that would take what was received above what was invoiced (or
    agreed) is not saved until the next page, which warns about it, is confirmed."""
    year, contribution = _contribution(request, slug, start_year, pk)
    permissions.require_manage(request.user, year.partnership)
    form = bound(PaymentForm, request)
    context = {"partnership": year.partnership, "year": year, "form": form,
               "contribution": selectors.payment_state(contribution, year),
               "back": reverse("funding:payments", args=[slug, start_year, pk])}
    choice = request.POST.get("confirmed")
    if request.method == "POST" and choice != "no" and form.is_valid():
        outcome = attempt(lambda: services.payment_add(
            contribution=contribution, recorded_by=request.user, confirmed=choice == "yes",
            **form.cleaned_data))
        if outcome.done:
            messages.success(request, f"Payment of {money.pounds(outcome.result.amount)} from "
                                      f"{contribution.agency} recorded.")
            return redirect("funding:payments", slug=slug, start_year=start_year, pk=pk)
        if isinstance(outcome.error, services.OverPayment):
            return render(request, "funding/payment_confirm.html", {
                **context, "warning": outcome.error.message, **form.cleaned_data})
        add_errors(form, outcome.error)
    return render(request, "funding/payment_form.html", {
        **context, "title": f"Record a payment from {contribution.agency}",
        "caption": f"Funding {year.label}", "button": "Record the payment"})


@require_http_methods(["GET", "POST"])
def payment_remove(request, slug, start_year, pk, payment_pk):
    """Remove a payment recorded by mistake (to correct one, remove it and record the right
    one)."""
    year, contribution = _contribution(request, slug, start_year, pk)
    permissions.require_manage(request.user, year.partnership)
    payment = permissions.payment_for(contribution, payment_pk)
    if request.method == "POST":
        services.payment_remove(payment=payment)
        messages.success(request, f"Payment of {money.pounds(payment.amount)} received on "
                                  f"{payment.received_on:%-d %B %Y} removed.")
        return redirect("funding:payments", slug=slug, start_year=start_year, pk=pk)
    return render(request, "funding/payment_remove.html", {
        "partnership": year.partnership, "year": year, "contribution": contribution,
        "payment": payment, "back": reverse("funding:payments", args=[slug, start_year, pk])})


@require_http_methods(["GET", "POST"])
def line_create(request, slug, start_year):
    year = _year(request, slug, start_year)
    permissions.require_manage(request.user, year.partnership)
    form = bound(BudgetLineForm, request)
    if submit(request, form, lambda: services.budget_line_create(
            year=year, **form.cleaned_data)):
        messages.success(request, "Budget line added.")
        return redirect("funding:year", slug=slug, start_year=start_year)
    return render(request, "form.html", {
        "partnership": year.partnership, "form": form,
        "title": f"Add a budget line for {year.label}", "button": "Add the line",
        "back": reverse("funding:year", args=[slug, start_year])})


@require_http_methods(["GET", "POST"])
def line_edit(request, slug, start_year, pk):
    year = _year(request, slug, start_year)
    line = permissions.budget_line_for(request.user, year, pk)
    permissions.require_manage(request.user, year.partnership)
    form = bound(BudgetLineForm, request, initial={
        name: getattr(line, name) for name in services.LINE_FIELDS})
    if submit(request, form, lambda: services.budget_line_update(
            line=line, **form.cleaned_data)):
        messages.success(request, "Budget line updated.")
        return redirect("funding:year", slug=slug, start_year=start_year)
    return render(request, "form.html", {
        "partnership": year.partnership, "form": form,
        "title": f"{line.get_category_display()}: {year.label}", "button": "Save",
        "back": reverse("funding:year", args=[slug, start_year])})


@require_POST
def sign_off(request, slug, start_year):
    year = _year(request, slug, start_year)
    membership = permissions.require_sign_off_membership(request.user, year)
    if attempt(lambda: services.sign_off(year=year, membership=membership),
               request=request).done:
        messages.success(request, f"You have signed off {year.label} for {membership.agency}.")
    return redirect("funding:year", slug=slug, start_year=start_year)


@require_GET
def export(request, slug, start_year, fmt):
    year = _year(request, slug, start_year)
    summary = _summary(request, year)
    return exports.download(summary, f"{year.partnership.slug}-funding-{year.start_year}", fmt)
