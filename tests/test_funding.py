"""Funding: money to the penny, reconciliation and sign-off, scoping, exports, queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from funding import exports, permissions, selectors, services
from funding.models import Contribution, FinancialYear, SignOff
from funding.money import MoneyError, parse_money, pounds, share
from partnership import demo_organisations
from partnership.exports import csv_lines
from partnership.models import Partnership, PartnershipMembership, User
from partnership.services import structure

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.mark.parametrize("text,value", [
    ("1433.65", "1433.65"), ("1,433.65", "1433.65"), ("£1,433.65", "1433.65"),
    (" £ 124,900 ", "124900.00"), ("2600", "2600.00"), ("0", "0.00"), ("12,000.5", "12000.50"),
    ("1,234,567.89", "1234567.89"), (D("10.10"), "10.10"),
])
def test_money_input_accepted(text, value):
    assert parse_money(text) == D(value)


@pytest.mark.parametrize("text,message", [
    ("1433,65", "ambiguous: use a full stop for pence, like 1433.65"),
    ("£1433,65", "ambiguous"),
    ("1,43,3", "Enter an amount in pounds"),
    ("1.234", "no more than 2 decimal places"),
    ("-5", "zero or more"),
    ("", "Enter an amount"),
    ("ten pounds", "Enter an amount in pounds"),
    ("1e5", "Enter an amount in pounds"),
    ("NaN", "Enter an amount in pounds"),
    ("99999999999", "below"),
])
def test_money_input_refused_with_a_message(text, message):
    with pytest.raises(MoneyError, match=message):
        parse_money(text)


def test_money_formatting_and_shares():
    assert pounds(D("1433.65")) == "£1,433.65"
    assert pounds(D("-1433.65")) == "−£1,433.65"
    assert share(D("124900"), D("252861.00")) == D("49.39")
    assert share(1, 0) is None


@pytest.fixture
def north_yorkshire(demo_data, db):
    return FinancialYear.objects.get(partnership__slug="north-yorkshire", start_year=2019)


def test_north_yorkshire_2019_to_the_penny(north_yorkshire):
    year = north_yorkshire
    assert year.label == "2019/20"
    assert (year.start, year.end) == (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))
    summary = selectors.year_summary(year, Contribution.objects.filter(year=year),
                                     year.budget_lines.all(), whole=True)
    assert summary["declared"] == D("252861.00")
    assert summary["totals"]["agreed"] == D("254294.65")  # seven rows, NPS as £1,433.65
    assert summary["variance"] == D("1433.65")
    shares = {c.agency.name_on(year.start): c.share_of_total for c in summary["contributions"]}
    assert shares == {  # domain.md F-BUD-07: shares of the stated total
        "North Yorkshire County Council": D("49.39"), "North Yorkshire and York CCGs": D("31.54"),
        "North Yorkshire Police": D("13.07"), "CAFCASS": D("0.22"),
        "National Probation Service": D("0.57"), "Community Rehabilitation Company": D("1.03"),
        "City of York Council": D("4.75"),
    }
    assert sum(shares.values()) == D("100.57")
    statutory = sum(c.agreed for c in summary["contributions"] if c.agency.name_on(year.start) in (
        "North Yorkshire County Council", "North Yorkshire and York CCGs",
        "North Yorkshire Police"))
    assert statutory == D("237711.00")  # F-BUD-06
    cdop = next(c for c in summary["contributions"] if c.earmark == "CDOP")
    assert cdop.agency.name == "City of York Council" and cdop.agreed == D("12000.00")


def test_agreed_shares_imply_amounts_and_spending_adds_up(north_yorkshire):
    year = FinancialYear.objects.get(partnership__slug="north-yorkshire", start_year=2020)
    summary = selectors.year_summary(year, Contribution.objects.filter(year=year),
                                     year.budget_lines.all(), whole=True)
    nycc = next(c for c in summary["contributions"] if c.agreed_share == D("49.00"))
    assert nycc.implied == D("126199.50")  # 49% of £257,550.00
    assert summary["variance"] == D("0.00")
    assert summary["spend_totals"]["budget"] == D("257050.00")
    assert summary["spend_totals"]["actual"] == D("249596.25")
    assert summary["spend_totals"]["difference"] == D("-7453.75")
    assert summary["totals"]["received"] == D("222050.00")
    assert summary["totals"]["outstanding"] == D("35500.00")


def lsp_for(partnership, agency_name):
    """Today's lead partner for the agency of that name (or for the one it became part of)."""
    return PartnershipMembership.objects.active().get(
        partnership=partnership, role="lead_safeguarding_partner",
        agency=demo_organisations.agency_now(agency_name)).user


def test_sign_off_is_blocked_by_an_unexplained_variance(north_yorkshire, client):
    year = north_yorkshire
    chief = lsp_for(year.partnership, "North Yorkshire County Council")
    membership = permissions.sign_off_membership(chief, year)
    assert membership.agency.name_on(year.start) == "North Yorkshire County Council"
    with pytest.raises(ValidationError, match="£1,433.65 more than the declared budget"):
        services.sign_off(year=year, membership=membership)
    assert not SignOff.objects.exists()
    services.year_update(year=year, variance_reason="The NPS contribution arrived after the "
                                                    "budget was declared.")
    services.sign_off(year=year, membership=membership)
    with pytest.raises(ValidationError, match="already signed off"):
        services.sign_off(year=year, membership=membership)
    # Changing what was agreed withdraws the sign-off.
    nps = year.contributions.get(agency__name="National Probation Service")
    services.payment_add(contribution=nps, amount=D("1433.65"),
                         received_on=datetime.date(2019, 7, 1), recorded_by=None)
    assert SignOff.objects.count() == 1  # a payment changes nothing that was agreed
    services.contribution_update(contribution=nps, agreed=D("0.00"))
    assert not SignOff.objects.exists()


def test_each_lead_partner_signs_for_their_own_partner(north_yorkshire, client):
    year = north_yorkshire
    services.year_update(year=year, variance_reason="Explained.")
    for name in ("North Yorkshire Council", "North Yorkshire Police",
                 "Humber and North Yorkshire ICB"):  # today's lead partners sign
        user = lsp_for(year.partnership, name)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.post(reverse("funding:sign-off", kwargs={
            "slug": "north-yorkshire", "start_year": 2019}), follow=True)
        assert f"You have signed off 2019/20 for {name}" in response.content.decode()
    summary = selectors.year_summary(year, year.contributions.all(), year.budget_lines.all(),
                                     whole=True)
    assert summary["signed_off"]
    dcs = User.objects.get(email="dcs@nyscp.example")
    assert permissions.sign_off_partner(dcs, year) is None  # delegated partners read only


def test_the_page_explains_why_sign_off_is_refused(north_yorkshire, client):
    client.force_login(lsp_for(north_yorkshire.partnership, "North Yorkshire Police"),
                       backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("funding:sign-off", kwargs={"slug": "north-yorkshire", "start_year": 2019})
    body = client.post(url, follow=True).content.decode()
    assert "must correct the figures or record why they differ" in body
    assert not SignOff.objects.exists()


def test_agency_staff_see_only_their_own_line(cast, client_for):
    url = reverse("funding:year", kwargs={"slug": "p1", "start_year": 2025})
    body = client_for(cast.lead_a).get(url).content.decode()
    assert "CNRY-FUND-A" in body and "CNRY-FUND-POLICE" not in body
    assert "Declared budget" not in body and "CNRY-SPEND-P1" not in body
    other = reverse("funding:contribution-edit", kwargs={
        "slug": "p1", "start_year": 2025, "pk": cast.contribution_police.pk})
    assert client_for(cast.lead_a).get(other).status_code == 404
    api = client_for(cast.lead_a).get(reverse("funding:api-contribution-detail",
                                              kwargs={"pk": cast.contribution_police.pk}))
    assert api.status_code == 404
    listing = client_for(cast.lead_a).get(reverse("funding:api-contribution-list")).json()
    assert [c["id"] for c in listing["results"]] == [cast.contribution_a.pk]
    years = client_for(cast.lead_a).get(reverse("funding:api-year-list")).json()["results"]
    assert years[0]["contributions_total"] is None and years[0]["variance"] is None


def test_the_contribution_form_records_the_invoice_and_due_date_not_payments(cast, client_for):
    url = reverse("funding:contribution-edit", kwargs={
        "slug": "p1", "start_year": 2025, "pk": cast.contribution_a.pk})
    client = client_for(cast.bu_officer)
    response = client.post(url, {"agreed": "100.00", "invoice_amount": "1,00.00"})
    assert "Enter an amount in pounds" in response.content.decode()
    response = client.post(url, {"agreed": "100.00", "invoice_amount": "100"})
    assert "Enter the date of the invoice" in response.content.decode()
    response = client.post(url, {"agreed": "100.00", "invoice_amount": "100",
                                 "invoice_date_0": "1", "invoice_date_1": "5",
                                 "invoice_date_2": "2025", "due_on_0": "31",
                                 "due_on_1": "5", "due_on_2": "2025",
                                 "received_amount": "100"})
    assert response.status_code == 302
    cast.contribution_a.refresh_from_db()
    assert cast.contribution_a.invoice_amount == D("100.00")
    assert cast.contribution_a.due_on == datetime.date(2025, 5, 31)
    assert cast.contribution_a.received_amount is None  # payments are recorded one by one


def test_a_year_is_recorded_once(cast, client_for):
    response = client_for(cast.bu_manager).post(
        reverse("funding:year-create", kwargs={"slug": "p1"}),
        {"start_year": "2025", "declared_budget": "10"})
    assert "2025/26 is already recorded" in response.content.decode()
    assert FinancialYear.objects.filter(partnership=cast.p1).count() == 1


def test_exports_open_back_with_the_same_figures(cast, client_for):
    client = client_for(cast.bu_manager)
    kwargs = {"slug": "p1", "start_year": 2025}
    xlsx = client.get(reverse("funding:export-xlsx", kwargs=kwargs))
    assert xlsx["Content-Disposition"] == 'attachment; filename="p1-funding-2025.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    table = [row for row in sheet.iter_rows(values_only=True) if row[0]]
    rows = {row[0]: row for row in table}
    totals = [row for row in table if row[0] == "Total"]
    assert rows["Declared budget (£)"][1] == 1000
    assert rows["Agency A Academy"][1] == 100 and rows["Shires Police"][1] == 900
    assert totals[0][1] == 1000  # contributions
    assert totals[1][2] == 800  # spending budget
    csv_body = client.get(reverse("funding:export-csv", kwargs=kwargs)).getvalue().decode()
    assert "Agency A Academy,100.00,10.00" in csv_body
    lead = client_for(cast.lead_a).get(reverse("funding:export-csv", kwargs=kwargs)).getvalue()
    assert "Shires Police" not in lead.decode()
    assert "Declared budget" not in lead.decode()


def test_exported_text_cannot_run_as_a_formula(cast):
    services.contribution_update(contribution=cast.contribution_a, earmark="=HYPERLINK(1)")
    summary = selectors.year_summary(cast.year1, cast.year1.contributions.all(),
                                     cast.year1.budget_lines.all(), whole=True)
    assert "'=HYPERLINK(1)" in "".join(csv_lines(exports.rows(summary)))


def test_year_summary_queries_do_not_grow_with_rows(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("funding:year", kwargs={"slug": "p1", "start_year": 2025})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get(url)
    before = queries()
    for i in range(20):
        agency = structure.agency_create(name=f"Contributor {i:02d}", sector="other")
        services.contribution_create(year=cast.year1, agency=agency, agreed=D("1.00"))
        services.budget_line_create(year=cast.year1, category="other", budget=D("1.00"))
    assert queries() == before
    list_url = reverse("funding:years", kwargs={"slug": "p1"})
    with CaptureQueriesContext(connection) as one_year:
        client.get(list_url)
    for start in range(2010, 2020):
        services.year_create(partnership=cast.p1, start_year=start, declared_budget=D("1"))
    with CaptureQueriesContext(connection) as eleven_years:
        client.get(list_url)
    assert len(one_year) == len(eleven_years)


def test_api_years_and_contributions(cast, client_for):
    client = client_for(cast.bu_manager)
    years = client.get(reverse("funding:api-year-list")).json()["results"]
    assert years == [{
        "id": cast.year1.pk, "partnership": cast.p1.pk, "start_year": 2025, "label": "2025/26",
        "start": "2025-04-01", "end": "2026-03-31", "declared_budget": "1000.00",
        "contributions_total": "1000.00", "variance": "0.00", "notes": "", "variance_reason": "",
    }]
    response = client.post(reverse("funding:api-year-list"),
                           {"partnership": cast.p1.pk, "start_year": 2026,
                            "declared_budget": "1,250.50"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["declared_budget"] == "1250.50"
    bad = client.post(reverse("funding:api-year-list"),
                      {"partnership": cast.p2.pk, "start_year": 2027, "declared_budget": "1"},
                      content_type="application/json")
    assert bad.status_code == 400 and "partnership" in bad.json()
    contribution = client.post(reverse("funding:api-contribution-list"), {
        "year": cast.year1.pk, "agency": cast.council1.pk, "agreed": "1433,65",
    }, content_type="application/json")
    assert contribution.status_code == 400
    assert "ambiguous" in contribution.json()["agreed"][0]
    contribution = client.post(reverse("funding:api-contribution-list"), {
        "year": cast.year1.pk, "agency": cast.council1.pk, "agreed": "1433.65",
    }, content_type="application/json")
    assert contribution.status_code == 201
    assert contribution.json()["agreed"] == "1433.65"
    duplicate = client.post(reverse("funding:api-contribution-list"), {
        "year": cast.year1.pk, "agency": cast.council1.pk, "agreed": "1.00",
    }, content_type="application/json")
    assert duplicate.status_code == 400
    scrutineer = client_for(cast.scrutineer).post(reverse("funding:api-contribution-list"), {
        "year": cast.year1.pk, "agency": cast.icb1.pk, "agreed": "1.00",
    }, content_type="application/json")
    assert scrutineer.status_code == 400  # the year is not one they may write to
    assert not Contribution.objects.filter(agency=cast.icb1).exists()


def test_home_page_tasks(north_yorkshire, client):
    partnership = Partnership.objects.get(slug="north-yorkshire")
    client.force_login(lsp_for(partnership, "North Yorkshire Police"),
                       backend="django.contrib.auth.backends.ModelBackend")
    assert "Sign off the 2020/21 budget" in client.get(reverse("home")).content.decode()
    client.force_login(User.objects.get(email="manager@nyscp.example"),
                       backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(reverse("home")).content.decode()
    assert "Contributions not yet received for 2020/21" in body
