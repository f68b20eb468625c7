"""Funding as in the spreadsheet (issue 17, point 12 and the funding part of defect 8):
several dated payments per contribution, what was received is their sum, the balance, and
warnings for over-payment (refused until confirmed) and under-payment (a balance after the
due date)."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding import selectors, services
from funding.models import Contribution, Payment

pytestmark = pytest.mark.django_db

D = Decimal
MAY_1 = datetime.date(2025, 5, 1)


def pay(contribution, amount, day=MAY_1, **kwargs):
    return services.payment_add(contribution=contribution, amount=D(amount), received_on=day,
                                recorded_by=None, **kwargs)


def line_a(cast, name="funding:payments", **more):
    return reverse(name, kwargs={"slug": "p1", "start_year": 2025,
                                 "pk": cast.contribution_a.pk, **more})


def test_received_is_the_sum_of_the_payments_and_its_latest_day(cast):
    police = cast.contribution_police  # £900 agreed, nothing invoiced
    pay(police, "400.00", datetime.date(2025, 6, 1))
    pay(police, "300.50", datetime.date(2025, 5, 1))
    police.refresh_from_db()
    assert police.received_amount == D("700.50")
    assert police.received_date == datetime.date(2025, 6, 1)
    summary = selectors.year_summary(cast.year1, cast.year1.contributions.all(),
                                     cast.year1.budget_lines.all(), whole=True)
    row = next(r for r in summary["contributions"] if r.pk == police.pk)
    assert (row.payment_count, row.outstanding, row.balance) == (2, D("199.50"), D("199.50"))
    assert summary["totals"]["received"] == D("700.50")
    latest = police.payments.get(received_on=datetime.date(2025, 6, 1))
    services.payment_remove(payment=latest)
    police.refresh_from_db()
    assert (police.received_amount, police.received_date) == (D("300.50"), MAY_1)
    services.payment_remove(payment=police.payments.get())
    police.refresh_from_db()
    assert (police.received_amount, police.received_date) == (None, None)


@pytest.mark.parametrize("amount,day,field,message", [
    ("0.00", MAY_1, "amount", "more than £0.00"),
    ("5.00", datetime.date(2099, 1, 1), "received_on", "cannot be in the future"),
    ("5.00", None, "received_on", "Enter the day"),
])
def test_a_payment_that_cannot_be_is_refused_naming_the_field(cast, amount, day, field, message):
    with pytest.raises(ValidationError) as refused:
        pay(cast.contribution_a, amount, day)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Payment.objects.exists()


def test_an_over_payment_is_refused_until_confirmed(cast):
    """Defect 8: £340,000 received against a £34,000 invoice is warned about, never taken
    without comment."""
    police = cast.contribution_police
    services.contribution_update(contribution=police, agreed=D("34000.00"),
                                 invoice_amount=D("34000.00"), invoice_date=MAY_1)
    with pytest.raises(services.OverPayment) as over:
        pay(police, "340000.00")
    assert over.value.message == (
        "Shires Police would then have paid £340,000.00, which is £306,000.00 more than the "
        "£34,000.00 invoiced for 2025/26. Check the amount before recording it.")
    assert not police.payments.exists()
    pay(police, "340000.00", confirmed=True)
    police.refresh_from_db()
    assert police.received_amount == D("340000.00")
    selectors.payment_state(police, cast.year1)
    assert police.over_paid_by == D("306000.00") and police.balance == D("-306000.00")


def test_under_payment_after_the_due_date(cast):
    a = cast.contribution_a  # £100 agreed for 2025/26
    pay(a, "60.00")
    selectors.payment_state(a, cast.year1, on=datetime.date(2026, 3, 31))
    assert a.balance == D("40.00") and not a.overdue  # due by the year's end
    selectors.payment_state(a, cast.year1, on=datetime.date(2026, 4, 1))
    assert a.overdue and a.due_by == datetime.date(2026, 3, 31)
    services.contribution_update(contribution=a, due_on=datetime.date(2025, 6, 30))
    a.refresh_from_db()
    assert selectors.payment_state(a, cast.year1, on=datetime.date(2025, 7, 1)).overdue
    pay(a, "40.00")
    a.refresh_from_db()
    assert not selectors.payment_state(a, cast.year1, on=datetime.date(2027, 1, 1)).overdue


def test_the_business_unit_records_a_payment_through_the_pages(cast, client_for):
    client = client_for(cast.bu_officer)
    url = line_a(cast, "funding:payment-create")
    form = {"amount": "1000", "received_on_0": "1", "received_on_1": "5",
            "received_on_2": "2025"}
    refused = client.post(url, {**form, "amount": "1433,65"}).content.decode()
    assert "ambiguous" in refused and "govuk-error-summary" in refused
    # An over-payment: a page that warns, and nothing saved yet.
    warning = client.post(url, form).content.decode()
    assert "Check this payment" in warning and "govuk-warning-text" in warning
    assert "£900.00 more than the £100.00 agreed" in warning
    assert not Payment.objects.exists()
    # "Change the payment" brings the form back, filled in, and saves nothing.
    back = client.post(url, {**form, "confirmed": "no"}).content.decode()
    assert 'value="1000"' in back and "govuk-error-summary" not in back
    assert not Payment.objects.exists()
    response = client.post(url, {**form, "confirmed": "yes"})
    assert response.status_code == 302 and response["Location"] == line_a(cast)
    payment = Payment.objects.get()
    assert (payment.amount, payment.received_on, payment.recorded_by) == (
        D("1000.00"), MAY_1, cast.bu_officer)
    page = client.get(line_a(cast)).content.decode()
    assert "Over-paid: £1,000.00 received is £900.00 more than the £100.00 agreed" in page
    year = client.get(reverse("funding:year", kwargs={"slug": "p1", "start_year": 2025}))
    assert "Over-paid: Agency A Academy paid £1,000.00" in year.content.decode()
    # The mistaken payment is removed (after a page that asks).
    remove = line_a(cast, "funding:payment-remove", payment_pk=payment.pk)
    assert "Remove this payment" in client.get(remove).content.decode()
    assert Payment.objects.exists()
    assert client.post(remove).status_code == 302
    assert not Payment.objects.exists()
    cast.contribution_a.refresh_from_db()
    assert cast.contribution_a.received_amount is None


def test_an_under_paid_line_is_warned_about_to_its_agency_too(cast, client_for):
    pay(cast.contribution_a, "60.00")  # the 2025/26 year ended on 31 March 2026
    body = client_for(cast.lead_a).get(line_a(cast)).content.decode()
    assert "Under-paid: £40.00 is still to pay, and was due by 31 March 2026" in body
    assert "Record a payment" not in body and "Remove" not in body
    year = client_for(cast.lead_a).get(
        reverse("funding:year", kwargs={"slug": "p1", "start_year": 2025})).content.decode()
    assert "Under-paid: Agency A Academy still has £40.00 to pay" in year
    assert "Shires Police" not in year


def test_api_records_payments_and_shows_them(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("funding:api-contribution-payments", kwargs={"pk": cast.contribution_a.pk})

    def post(body):
        return client.post(url, body, content_type="application/json")

    for body, field in (({"amount": "1433,65", "received_on": "2025-05-01"}, "amount"),
                        ({"amount": 10.5, "received_on": "2025-05-01"}, "amount"),
                        ({"amount": "0", "received_on": "2025-05-01"}, "amount"),
                        ({"amount": "10"}, "received_on"),
                        ({"amount": "10", "received_on": "1 May"}, "received_on"),
                        ({"amount": "10", "received_on": "2025-05-01", "note": "x"}, "note")):
        response = post(body)
        assert response.status_code == 400 and field in response.json(), (body, response.json())
    assert not Payment.objects.exists()
    made = post({"amount": "60.00", "received_on": "2025-05-01"})
    assert made.status_code == 201, made.json()
    data = made.json()
    assert (data["received"], data["received_date"], data["balance"]) == (
        "60.00", "2025-05-01", "40.00")
    assert data["overpaid"] is False and data["overdue"] is True  # due by 31 March 2026
    assert [(p["amount"], p["received_on"]) for p in data["payments"]] == [
        ("60.00", "2025-05-01")]
    over = post({"amount": "60.00", "received_on": "2025-06-01"})
    assert over.status_code == 400
    assert '"confirm_overpayment": true' in over.json()["amount"][0]
    confirmed = post({"amount": "60.00", "received_on": "2025-06-01",
                      "confirm_overpayment": True})
    assert confirmed.status_code == 201
    assert (confirmed.json()["received"], confirmed.json()["balance"]) == ("120.00", "-20.00")
    assert confirmed.json()["overpaid"] is True
    detail = client.get(reverse("funding:api-contribution-detail",
                                kwargs={"pk": cast.contribution_a.pk})).json()
    assert len(detail["payments"]) == 2 and detail["received"] == "120.00"
    # What was received is the payments' sum: a write to it says where to go.
    patch = client.patch(reverse("funding:api-contribution-detail",
                                 kwargs={"pk": cast.contribution_a.pk}),
                         {"received": "5.00"}, content_type="application/json")
    assert patch.status_code == 400 and "payments" in patch.json()["received"][0]
    # Agency A's lead sees their line's payments but records none; the police's line is
    # not theirs to know of.
    lead = client_for(cast.lead_a)
    assert lead.post(url, {"amount": "1", "received_on": "2025-05-01"},
                     content_type="application/json").status_code == 403
    police = reverse("funding:api-contribution-payments",
                     kwargs={"pk": cast.contribution_police.pk})
    assert lead.post(police, {"amount": "1", "received_on": "2025-05-01"},
                     content_type="application/json").status_code == 404
    assert Payment.objects.count() == 2


def test_payments_page_and_api_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    api = reverse("funding:api-contribution-list")

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    pay(cast.contribution_a, "1.00")
    pay(cast.contribution_police, "1.00")
    client.get(line_a(cast))
    page, listing = queries(line_a(cast)), queries(api)
    for _ in range(10):
        pay(cast.contribution_a, "1.00")
        pay(cast.contribution_police, "1.00")
    assert (queries(line_a(cast)), queries(api)) == (page, listing)
    # The page: the session and the user; the partnership and the two permission checks
    # (sees the whole budget, manages it); the year; the contribution; its payments with who
    # recorded them; the agency and its former names (twice: title and heading); the
    # layout's partnership switcher and unread notifications; the session saved (3).
    assert page == 17


def test_the_migration_makes_one_payment_of_each_recorded_amount(cast):
    migration = importlib.import_module("funding.migrations.0003_payments")
    Contribution.objects.filter(pk=cast.contribution_a.pk).update(
        received_amount=D("100.00"), received_date=datetime.date(2025, 6, 2))
    Contribution.objects.filter(pk=cast.contribution_police.pk).update(
        received_amount=D("900.00"), invoice_date=datetime.date(2025, 4, 15))
    Contribution.objects.filter(pk=cast.contribution_x.pk).update(
        received_amount=D("0.00"), received_date=MAY_1)
    migration.payments_from_received(apps, None)
    a, police, x = (Contribution.objects.get(pk=c.pk) for c in (
        cast.contribution_a, cast.contribution_police, cast.contribution_x))
    assert [(p.amount, p.received_on) for p in a.payments.all()] == [
        (D("100.00"), datetime.date(2025, 6, 2))]
    # No day recorded: the invoice's date (failing that, 1 April of the year).
    assert [(p.amount, p.received_on) for p in police.payments.all()] == [
        (D("900.00"), datetime.date(2025, 4, 15))]
    assert police.received_date == datetime.date(2025, 4, 15)
    assert not x.payments.exists() and x.received_amount is None
