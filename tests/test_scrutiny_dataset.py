"""The multi-agency dataset: quarters and deadlines, measures, agencies' returns (validation,
the version check, submitting and reopening), the figures as indicators and for the yearly
report, access (agency leads see only their own agency's returns) and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership.quarters import Quarter, quarters_between
from partnership.services import structure
from scrutiny.models import DatasetReturn, DatasetStatus
from scrutiny.selectors import dataset as selectors
from scrutiny.selectors.values import Rag
from scrutiny.services import dataset as services

from .test_queries import count_queries

Q1 = Quarter(datetime.date(2025, 4, 1))
Q2 = Quarter(datetime.date(2025, 7, 1))


def save(c, agency, user, quarter, values, version=0, submit=True, partnership=None):
    return services.return_save(partnership=partnership or c.p1, agency=agency, quarter=quarter,
                                user=user, version=version, values=values, submit=submit)


def add_reporting_agencies(c, n, quarter=Q1):
    """n more education agencies in P1, each with a submitted return for `quarter`."""
    start = c.p1.designations.count()
    for i in range(start, start + n):
        agency = structure.agency_create(name=f"School {i:03d}", sector="education")
        structure.designation_create(partnership=c.p1, agency=agency, kind="relevant_agency")
        save(c, agency, c.bu_manager, quarter, {c.measure_referrals.pk: Decimal(i)})


# Quarters and deadlines

def test_quarters_are_financial_year_quarters():
    assert Quarter.of(datetime.date(2019, 5, 17)).label == "2019/20 Q1"
    assert Quarter.of(datetime.date(2020, 2, 29)).label == "2019/20 Q4"
    assert Quarter(datetime.date(2019, 10, 1)).end == datetime.date(2019, 12, 31)
    assert Quarter(datetime.date(2020, 1, 1)).previous() == Quarter(datetime.date(2019, 10, 1))
    assert Quarter.parse("2019-05-01") is None and Quarter.parse("nonsense") is None
    year = quarters_between(datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))
    assert [q.number for q in year] == [1, 2, 3, 4]


def test_a_quarters_return_is_due_twenty_working_days_after_it_ends():
    assert Quarter(datetime.date(2019, 4, 1)).due_on() == datetime.date(2019, 7, 26)
    # Good Friday and Easter Monday 2020 fall in the window: two days later.
    assert Quarter(datetime.date(2020, 1, 1)).due_on() == datetime.date(2020, 4, 30)


# Measures

@pytest.mark.django_db
@pytest.mark.parametrize("fields, field", [
    ({"sectors": []}, "sectors"),
    ({"sectors": ["nonsense"]}, "sectors"),
    ({"unit": "percent", "target": Decimal("120")}, "target"),
    ({"code": "referrals"}, "__all__"),
])
def test_measure_validation(cast, fields, field):
    data = {"code": "new", "name": "New", "definition": "Counted.", "unit": "count",
            "sectors": ["health"], **fields}
    with pytest.raises(ValidationError) as error:
        services.measure_create(partnership=cast.p1, **data)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_a_measure_is_reported_only_by_agencies_of_the_partnership(cast):
    with pytest.raises(ValidationError) as error:
        services.measure_create(partnership=cast.p1, code="x", name="X", definition="X",
                                unit="count", agencies=[cast.agency_x])
    assert error.value.message_dict == {"agencies": ["Choose agencies of this partnership"]}


@pytest.mark.django_db
def test_asked_measures_by_sector_and_by_hand(cast):
    assert [m.code for m in services.asked_measures(cast.p1, cast.agency_a)] == [
        "missing", "referrals"]
    assert [m.code for m in services.asked_measures(cast.p1, cast.police)] == ["referrals"]
    services.measure_update(measure=cast.measure_missing, active=False)
    assert [m.code for m in services.asked_measures(cast.p1, cast.agency_a)] == ["referrals"]


# Returns

@pytest.mark.django_db
@pytest.mark.parametrize("value, message", [
    (Decimal("-1"), "enter a number of 0 or more"),
    (Decimal("1.005"), "at most 2 decimal places"),
    ("abc", "enter a number"),
])
def test_figures_are_checked(cast, value, message):
    with pytest.raises(ValidationError) as error:
        save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: value})
    assert message in str(error.value)
    assert not DatasetReturn.objects.filter(agency=cast.agency_a, period_start=Q2.start).exists()


@pytest.mark.django_db
def test_a_percentage_cannot_exceed_100(cast):
    pct = services.measure_create(partnership=cast.p1, code="pct", name="Seen in time",
                                  definition="Share.", unit="percent", sectors=["education"])
    with pytest.raises(ValidationError, match="cannot be more than 100"):
        save(cast, cast.agency_a, cast.lead_a, Q2, {pct.pk: Decimal("101")}, submit=False)


@pytest.mark.django_db
def test_a_draft_may_have_blanks_but_submitting_needs_every_figure(cast):
    draft = save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: None},
                 submit=False)
    assert draft.status == DatasetStatus.DRAFT and draft.version == 1
    with pytest.raises(ValidationError) as error:
        save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: Decimal("5")},
             version=1)
    assert error.value.message_dict["values"] == [
        "Missing episodes: enter a figure (0 if there were none)"]
    done = save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: Decimal("5"),
                                                      cast.measure_missing.pk: Decimal("0")},
                version=1)
    assert done.status == DatasetStatus.SUBMITTED and done.submitted_by == cast.lead_a


@pytest.mark.django_db
def test_figures_only_for_the_agencys_measures_and_begun_quarters(cast):
    with pytest.raises(ValidationError, match="only for the measures your agency reports"):
        save(cast, cast.police, cast.lead_police, Q2, {cast.measure_missing.pk: Decimal("1")})
    future = Quarter.of(timezone.localdate()).next()
    with pytest.raises(ValidationError, match="quarter that has begun"):
        save(cast, cast.police, cast.lead_police, future, {})


@pytest.mark.django_db
def test_a_stale_version_is_refused_with_a_clear_message(cast):
    with pytest.raises(ValidationError, match="Someone else saved this return"):
        save(cast, cast.police, cast.lead_police, Q1, {cast.measure_referrals.pk: Decimal("1")},
             version=0, submit=False)
    cast.dataset_police.refresh_from_db()
    assert cast.dataset_police.values.get().value == Decimal("70")


@pytest.mark.django_db
def test_two_people_saving_the_same_return_through_the_form(cast, client_for):
    url = reverse("scrutiny:dataset-return-form", args=["p1", cast.police.pk, Q1.key])
    field = f"measure_{cast.measure_referrals.pk}"
    first, second = client_for(cast.lead_police), client_for(cast.lead_police)
    version = cast.dataset_police.version
    assert first.post(url, {"version": version, field: "71", "action": "draft"}).status_code == 302
    response = second.post(url, {"version": version, field: "99", "action": "draft"})
    assert response.status_code == 200
    assert "Someone else saved this return while you were working on it" in response.content.decode()
    assert cast.dataset_police.values.get().value == Decimal("71")


@pytest.mark.django_db
def test_submitting_through_the_form(cast, client_for):
    url = reverse("scrutiny:dataset-return-form", args=["p1", cast.agency_a.pk, Q2.key])
    response = client_for(cast.lead_a).post(url, {
        "version": 0, f"measure_{cast.measure_referrals.pk}": "12",
        f"measure_{cast.measure_missing.pk}": "2", "note": "Fine", "action": "submit"})
    assert response.status_code == 302
    saved = DatasetReturn.objects.get(agency=cast.agency_a, period_start=Q2.start)
    assert saved.submitted and saved.note == "Fine"
    bad = client_for(cast.lead_a).post(url.replace(Q2.key, "2025-10-01"), {
        "version": 0, f"measure_{cast.measure_referrals.pk}": "-3", "action": "submit"})
    assert bad.status_code == 200 and "enter a number of 0 or more" in bad.content.decode()


@pytest.mark.django_db
def test_a_submitted_return_is_locked_until_the_business_unit_reopens_it(cast):
    with pytest.raises(ValidationError, match="has been submitted"):
        save(cast, cast.agency_a, cast.lead_a, Q1, {}, version=cast.dataset_a.version)
    with pytest.raises(ValidationError) as error:
        services.return_reopen(dataset_return=cast.dataset_a, user=cast.bu_officer, reason=" ")
    assert error.value.message_dict == {"reason": ["Enter why the return is reopened"]}
    reopened = services.return_reopen(dataset_return=cast.dataset_a, user=cast.bu_officer,
                                      reason="Referrals look low")
    assert reopened.status == DatasetStatus.DRAFT and reopened.reopened_by == cast.bu_officer
    saved = save(cast, cast.agency_a, cast.lead_a, Q1, {cast.measure_referrals.pk: Decimal("45")},
                 version=reopened.version)
    assert saved.submitted
    with pytest.raises(ValidationError, match="Only a submitted return"):
        services.return_reopen(dataset_return=cast.dataset_police, user=cast.bu_officer,
                               reason="x")


# Indicators and the yearly report

@pytest.mark.django_db
def test_indicator_values_count_submitted_returns_only(cast):
    values = {v.code: v for v in selectors.indicator_values(cast.p1, Q1.start, Q1.end)}
    referrals = values["dataset_referrals"]
    assert referrals.value == Decimal("40")  # the police's draft does not count
    assert referrals.target == Decimal("100") and referrals.rag == Rag.RED
    assert referrals.period == "2025/26 Q1"
    assert referrals.drill_url == "/p/p1/scrutiny/dataset/?quarter=2025-04-01"
    assert [label for label, _ in referrals.trend] == [
        "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2025/26 Q1"]
    assert referrals.trend[-1][1] == Decimal("40") and referrals.trend[0][1] is None
    assert values["dataset_missing"].rag is None
    save(cast, cast.police, cast.lead_police, Q1, {cast.measure_referrals.pk: Decimal("55")},
         version=cast.dataset_police.version)
    referrals = next(v for v in selectors.indicator_values(cast.p1, Q1.start, Q1.end)
                     if v.code == "dataset_referrals")
    assert referrals.value == Decimal("95") and referrals.rag == Rag.AMBER
    only_a = selectors.indicator_values(cast.p1, Q1.start, Q1.end, agency=cast.agency_a)
    assert next(v for v in only_a if v.code == "dataset_referrals").value == Decimal("40")


def test_rag_both_ways():
    assert selectors.rag(Decimal("100"), Decimal("100")) == Rag.GREEN
    assert selectors.rag(Decimal("91"), Decimal("100")) == Rag.AMBER
    assert selectors.rag(Decimal("89"), Decimal("100")) == Rag.RED
    assert selectors.rag(Decimal("5"), Decimal("5"), higher_is_better=False) == Rag.GREEN
    assert selectors.rag(Decimal("5.5"), Decimal("5"), higher_is_better=False) == Rag.AMBER
    assert selectors.rag(Decimal("6"), Decimal("5"), higher_is_better=False) == Rag.RED
    assert selectors.rag(None, Decimal("5")) is None


@pytest.mark.django_db
def test_percentages_are_averaged_across_agencies(cast):
    pct = services.measure_create(partnership=cast.p1, code="pct", name="Seen in time",
                                  definition="Share.", unit="percent",
                                  sectors=["education", "police_justice"], target=Decimal("85"))
    save(cast, cast.agency_a, cast.lead_a, Q2, {pct.pk: Decimal("90"),
                                               cast.measure_referrals.pk: Decimal("1"),
                                               cast.measure_missing.pk: Decimal("1")})
    save(cast, cast.police, cast.lead_police, Q2, {pct.pk: Decimal("60"),
                                                  cast.measure_referrals.pk: Decimal("1")})
    value = next(v for v in selectors.indicator_values(cast.p1, Q2.start, Q2.end)
                 if v.code == "dataset_pct")
    assert value.value == Decimal("75.0") and value.rag == Rag.RED and value.unit == "percent"


@pytest.mark.django_db
def test_report_summary_for_the_year(cast):
    save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: Decimal("10"),
                                               cast.measure_missing.pk: Decimal("2")})
    rows = {r["code"]: r for r in selectors.report_summary(
        cast.p1, datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))}
    referrals = rows["referrals"]
    assert referrals["quarters"] == [("2025/26 Q1", Decimal("40")), ("2025/26 Q2", Decimal("10")),
                                     ("2025/26 Q3", None), ("2025/26 Q4", None)]
    assert referrals["total"] == Decimal("50") and referrals["target"] == Decimal("400")
    assert referrals["agencies_reporting"] == 1 and referrals["unit"] == "count"
    assert rows["missing"]["total"] == Decimal("5")
    assert selectors.report_summary(cast.p1, datetime.date(2025, 4, 2),
                                    datetime.date(2025, 4, 30)) == []


@pytest.mark.django_db
def test_a_count_at_the_quarters_end_is_not_added_up_over_the_year(cast):
    from scrutiny.models import Measure, MeasureUnit

    Measure.objects.filter(pk=cast.measure_missing.pk).update(unit=MeasureUnit.SNAPSHOT)
    save(cast, cast.agency_a, cast.lead_a, Q2, {cast.measure_referrals.pk: Decimal("10"),
                                               cast.measure_missing.pk: Decimal("2")})
    year = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    missing = {r["code"]: r for r in selectors.report_summary(cast.p1, *year)}["missing"]
    assert missing["total"] == Decimal("2")  # Q2's figure, the latest, not Q1 + Q2
    assert missing["unit"] == "count"
    quarterly_target = Measure.objects.get(pk=cast.measure_missing.pk).target
    assert missing["target"] == quarterly_target  # not four quarters' worth
    value = {v.code: v for v in selectors.indicator_values(cast.p1, *year)}["dataset_missing"]
    assert value.value == Decimal("2") and value.unit == "count"


@pytest.mark.django_db
def test_selectors_run_a_fixed_number_of_queries(cast):
    def queries(call):
        with CaptureQueriesContext(connection) as captured:
            call()
        return len(captured)

    year = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    add_reporting_agencies(cast, 2)
    few = (queries(lambda: selectors.indicator_values(cast.p1, *year)),
           queries(lambda: selectors.report_summary(cast.p1, *year)))
    add_reporting_agencies(cast, 25)
    add_reporting_agencies(cast, 0, quarter=Q2)
    many = (queries(lambda: selectors.indicator_values(cast.p1, *year)),
            queries(lambda: selectors.report_summary(cast.p1, *year)))
    assert few == many
    assert many[0] <= 3 and many[1] <= 4
    summary = {r["code"]: r for r in selectors.report_summary(cast.p1, *year)}
    assert summary["referrals"]["agencies_reporting"] == 28


@pytest.mark.django_db
@pytest.mark.parametrize("route, who", [
    ("scrutiny:dataset", "scrutineer"),
    ("scrutiny:dataset-return-list", "bu_manager"),
    ("scrutiny:dataset-measure-list", "lead_a"),
])
def test_pages_do_not_grow_with_returns(cast, client_for, route, who):
    client = client_for(cast.users[who])
    url = reverse(route, args=["p1"]) + ("?quarter=2025-04-01" if route == "scrutiny:dataset"
                                         else "")
    add_reporting_agencies(cast, 2)
    client.get(url)
    few, _ = count_queries(client, url)
    add_reporting_agencies(cast, 20)
    many, response = count_queries(client, url)
    assert few == many


@pytest.mark.django_db
def test_api_list_does_not_grow_with_returns(cast, client_for):
    client = client_for(cast.scrutineer)
    url = reverse("scrutiny:api-dataset-return-list")
    add_reporting_agencies(cast, 2)
    client.get(url)
    few, _ = count_queries(client, url)
    add_reporting_agencies(cast, 20)
    many, response = count_queries(client, url)
    # 22 submitted returns and agency A's; not the police's draft (the scrutineer sees no draft).
    assert few == many and response.json()["count"] == 23


# Pages, access and the API

@pytest.mark.django_db
def test_overview_shows_who_submitted_the_figures_and_the_chart(cast, client_for):
    page = client_for(cast.scrutineer).get(
        reverse("scrutiny:dataset", args=["p1"]) + "?quarter=2025-04-01").content.decode()
    assert "1 of 2 agencies asked has submitted" in page
    assert "<svg" in page and 'id="figures"' in page and "Referrals to children" in page
    assert "Red" in page


@pytest.mark.django_db
def test_agency_leads_see_only_their_own_agencys_returns(cast, client_for):
    lead_a = client_for(cast.lead_a)
    listing = lead_a.get(reverse("scrutiny:dataset-return-list", args=["p1"])).content.decode()
    assert "CNRY-DSET-A" not in listing and "Agency A Academy" in listing
    assert "Shires Police" not in listing
    assert lead_a.get(reverse("scrutiny:dataset-return-detail",
                              args=["p1", cast.dataset_police.pk])).status_code == 404
    api = lead_a.get(reverse("scrutiny:api-dataset-return-list")).json()
    assert [r["agency"] for r in api["results"]] == [cast.agency_a.pk]
    assert client_for(cast.lead_police).get(reverse(
        "scrutiny:api-dataset-return-detail", args=[cast.dataset_a.pk])).status_code == 404


@pytest.mark.django_db
def test_the_api_enters_and_submits_figures(cast, client_for):
    client = client_for(cast.lead_police)
    url = reverse("scrutiny:api-dataset-return-detail", args=[cast.dataset_police.pk])
    stale = client.patch(url, {"version": 0, "values": [
        {"measure": cast.measure_referrals.pk, "value": "3"}]}, content_type="application/json")
    assert stale.status_code == 409 and "Someone else saved" in stale.content.decode()
    wrong = client.patch(url, {"version": 1, "values": [
        {"measure": cast.measure_missing.pk, "value": "3"}]}, content_type="application/json")
    assert wrong.status_code == 400 and "values" in wrong.json()
    done = client.patch(url, {"version": 1, "submit": True, "values": [
        {"measure": cast.measure_referrals.pk, "value": "72.5"}]}, content_type="application/json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["status"] == "submitted" and body["values"] == [
        {"measure": cast.measure_referrals.pk, "code": "referrals", "value": "72.50"}]
    assert body["note"] == "CNRY-DSET-POLICE"
    created = client.post(reverse("scrutiny:api-dataset-return-list"), {
        "partnership": cast.p1.pk, "agency": cast.police.pk, "period_start": "2025-05-01",
        "version": 0}, content_type="application/json")
    assert created.status_code == 400 and "period_start" in created.json()


@pytest.mark.django_db
def test_home_tells_the_agency_lead_a_return_is_due(cast, client_for):
    quarter = selectors.current_quarter(timezone.localdate())
    title = f"dataset figures for {quarter.label}"
    assert title in client_for(cast.lead_a).get(reverse("home")).content.decode()
    assert title not in client_for(cast.chief_a).get(reverse("home")).content.decode()
    save(cast, cast.agency_a, cast.lead_a, quarter, {cast.measure_referrals.pk: Decimal("1"),
                                                    cast.measure_missing.pk: Decimal("1")})
    assert title not in client_for(cast.lead_a).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_agency_staff_who_report_the_dataset_have_it_in_the_navigation(cast, client_for):
    returns = reverse("scrutiny:dataset-return-list", args=[cast.p1.slug])
    home = reverse("home") + f"?partnership={cast.p1.slug}"
    for who in ("lead_a", "chief_a", "contributor_a", "lead_police"):
        page = client_for(cast.users[who]).get(home).content.decode()
        assert f'href="{returns}">Dataset</a>' in page, who
    for who in ("scrutineer", "bu_manager"):  # readers have Scrutiny instead
        page = client_for(cast.users[who]).get(home).content.decode()
        assert ">Dataset</a>" not in page and ">Scrutiny</a>" in page, who
    assert ">Dataset</a>" not in client_for(cast.outsider).get(home).content.decode()
