"""Hardening (issue 13) of what the portal reads from a request: GOV.UK date boxes with
numbers too big for a date, dates past the calendar's end, JSON nested too deep, numeric
query parameters written with non-ASCII digits, unknown fields in API writes, and HEAD on
the health check. Each is a clear 400 (or the page's own error) and changes nothing."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from partnership.api.parsers import MAX_DEPTH
from partnership.forms import GovukDateField
from partnership.models import AgencyMembership

pytestmark = pytest.mark.django_db

HUGE = "9" * 20


# ------------------------------------------------------------ 10. dates too big
@pytest.mark.parametrize("day,month,year", [
    (HUGE, "3", "2026"), ("27", HUGE, "2026"), ("27", "3", HUGE), (HUGE, HUGE, HUGE),
    ("٢٧", "3", "2026"), ("27", "²", "2026"),
])
def test_the_govuk_date_field_refuses_numbers_no_date_can_hold(day, month, year):
    field = GovukDateField(label="Start date")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([day, month, year])
    assert refused.value.messages[0].startswith("The start date must be a real date")


def test_the_govuk_date_field_still_reads_real_dates():
    assert GovukDateField(label="Start date").clean(["7", "03", "2026"]) == datetime.date(
        2026, 3, 7)


@pytest.mark.parametrize("part", [0, 1, 2])
def test_a_page_with_a_20_digit_date_part_shows_the_error_and_changes_nothing(
        cast, client_for, part):
    membership = AgencyMembership.objects.get(user=cast.lead_a)
    boxes = ["1", "1", "2030"]
    boxes[part] = HUGE
    url = reverse("membership-end-agency", kwargs={"slug": cast.p1.slug, "pk": membership.pk})
    response = client_for(cast.bu_manager).post(url, {f"end_date_{i}": v
                                                      for i, v in enumerate(boxes)})
    assert response.status_code == 200
    assert "The last day in the role must be a real date" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None


def test_a_page_with_a_year_9999_date_shows_the_error_and_changes_nothing(cast, client_for):
    membership = AgencyMembership.objects.get(user=cast.lead_a)
    url = reverse("membership-end-agency", kwargs={"slug": cast.p1.slug, "pk": membership.pk})
    response = client_for(cast.bu_manager).post(
        url, {"end_date_0": "1", "end_date_1": "1", "end_date_2": "9999"})
    assert response.status_code == 200
    last = datetime.date.today().year + 100
    assert f"The last day in the role must be between 1900 and {last}" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None


def test_working_days_past_the_end_of_the_calendar_are_a_400(cast, client_for):
    response = client_for(cast.bu_manager).get(
        reverse("api-working-days") + "?start=9999-12-01&days=30")
    assert response.status_code == 400
    assert "start" in response.json()


# ------------------------------------------------------------ 11. JSON nested too deep
def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("who,name,kwargs,method", [
    (None, "api-token", {}, "post"),
    ("bu_manager", "api-agency-detail", {"pk": "agency_a"}, "patch"),
    ("bu_manager", "governance:api-action-list", {}, "post"),
    ("bu_manager", "scrutiny:api-report-create", {}, "post"),
])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_json_nested_too_deep_is_a_400_naming_the_problem(cast, client_for, who, name, kwargs,
                                                           method, depth):
    kwargs = {k: getattr(cast, v).pk for k, v in kwargs.items()}
    client = client_for(getattr(cast, who) if who else None)
    body = '{"username": ' + nested(depth) + "}"
    response = getattr(client, method)(reverse(name, kwargs=kwargs), body,
                                       content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_json_within_the_depth_limit_is_still_read(cast, client_for):
    body = '{"website": "https://a.example", "x": ' + nested(MAX_DEPTH - 1) + "}"
    response = client_for(cast.bu_manager).patch(
        reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk}), body,
        content_type="application/json")
    assert response.status_code == 400 and "x" in response.json()  # parsed; x is unknown


# ------------------------------------------------------------ 12. numeric query parameters
# str.isdigit() accepts these, int() does not: they were a 500.
NON_ASCII_DIGITS = ["²", "1²", "¹²³"]
# Decimal digits of other scripts: int() reads them (as DRF's and Django's integer fields
# do); whether read or refused, never a 500.
OTHER_SCRIPT_DIGITS = ["٣", "३"]
API_PARAMETERS = [
    ("api-agency-list", "partnership"),
    ("api-agency-list", "page"),
    ("api-partnership-list", "page"),
    ("api-working-days", "partnership"),
    ("api-working-days", "days"),
    ("funding:api-year-list", "partnership"),
    ("funding:api-year-list", "page"),
    ("funding:api-contribution-list", "year"),
    ("funding:api-contribution-list", "agency"),
    ("governance:api-group-list", "partnership"),
    ("governance:api-meeting-list", "partnership"),
    ("governance:api-meeting-list", "group"),
    ("governance:api-action-list", "partnership"),
    ("governance:api-action-list", "owner_agency"),
    ("governance:api-action-list", "page"),
    ("reviews:api-notification-list", "partnership"),
    ("reviews:api-rapid-review-list", "partnership"),
    ("reviews:api-practice-review-list", "partnership"),
    ("reviews:api-recommendation-list", "partnership"),
    ("s11:api-cycle-list", "partnership"),
    ("s11:api-return-list", "partnership"),
    ("s11:api-return-list", "cycle"),
    ("scrutiny:api-indicators", "partnership"),
    ("scrutiny:api-indicators", "agency"),
    ("scrutiny:api-dataset-measure-list", "partnership"),
    ("scrutiny:api-dataset-return-list", "partnership"),
    ("scrutiny:api-challenge-list", "partnership"),
    ("scrutiny:api-activity-list", "partnership"),
]


@pytest.mark.parametrize("name,parameter", API_PARAMETERS)
@pytest.mark.parametrize("value", NON_ASCII_DIGITS)
def test_api_numeric_parameters_refuse_non_ascii_digits(cast, client_for, name, parameter,
                                                        value):
    query = {"partnership": cast.p1.pk, parameter: value}
    if name == "api-working-days":
        query = {"start": "2025-01-01", "days": 3, **query}
    response = client_for(cast.bu_manager).get(reverse(name), query)
    assert response.status_code == 400, response.content
    assert parameter in response.json()


@pytest.mark.parametrize("name,parameter", API_PARAMETERS)
@pytest.mark.parametrize("value", OTHER_SCRIPT_DIGITS)
def test_api_numeric_parameters_in_other_scripts_are_never_a_500(cast, client_for, name,
                                                                 parameter, value):
    query = {"partnership": cast.p1.pk, parameter: value}
    if name == "api-working-days":
        query = {"start": "2025-01-01", "days": 3, **query}
    response = client_for(cast.bu_manager).get(reverse(name), query)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert parameter in response.json()


HTML_PARAMETERS = [
    ("governance:action-list", "agency"),
    ("governance:action-export-csv", "agency"),
    ("governance:meeting-list", "group"),
    ("governance:decision-list", "group"),
    ("governance:priority-list", "year"),
    ("governance:attendance-report", "group"),
    ("governance:attendance-report", "agency"),
    ("governance:action-create", "meeting"),
    ("reviews:recommendation-list", "theme"),
    ("reviews:practice-review-create", "rapid"),
    ("reviews:recommendation-create", "rapid"),
    ("reviews:recommendation-create", "practice"),
    ("scrutiny:challenge-list", "agency"),
    ("scrutiny:activity-list", "year"),
    ("scrutiny:dashboard", "agency"),
    ("scrutiny:dashboard", "period"),
    ("scrutiny:dataset", "quarter"),
]


@pytest.mark.parametrize("name,parameter", HTML_PARAMETERS)
@pytest.mark.parametrize("value", NON_ASCII_DIGITS)
def test_pages_treat_non_ascii_digits_like_any_other_non_number(cast, client_for, name,
                                                                parameter, value):
    client = client_for(cast.bu_manager)
    url = reverse(name, kwargs={"slug": cast.p1.slug})
    expected = client.get(url, {parameter: "not-a-number"}).status_code
    assert expected != 500
    assert client.get(url, {parameter: value}).status_code == expected


@pytest.mark.parametrize("name,parameter", HTML_PARAMETERS)
@pytest.mark.parametrize("value", OTHER_SCRIPT_DIGITS)
def test_pages_never_fail_on_digits_of_other_scripts(cast, client_for, name, parameter, value):
    url = reverse(name, kwargs={"slug": cast.p1.slug})
    assert client_for(cast.bu_manager).get(url, {parameter: value}).status_code < 500


# ------------------------------------------------------------ 17. unknown fields refused
WRITES = [
    (None, "post", "api-token", {}),
    ("bu_manager", "patch", "api-agency-detail", {"pk": "agency_a"}),
    ("bu_manager", "post", "governance:api-action-list", {}),
    ("bu_manager", "post", "governance:api-action-progress", {"pk": "action_a"}),
    ("lead_a", "post", "s11:api-return-answers", {"pk": "return_a"}),
    ("lead_a", "post", "s11:api-return-submit", {"pk": "return_a"}),
    ("bu_manager", "post", "reviews:api-notification-list", {}),
    ("bu_manager", "patch", "reviews:api-notification-detail", {"pk": "case1"}),
    ("lsp", "post", "reviews:api-rapid-review-sign-off", {"pk": "review1"}),
    ("lead_a", "post", "scrutiny:api-dataset-return-list", {}),
    ("bu_manager", "post", "scrutiny:api-report-create", {}),
    ("scrutineer", "post", "scrutiny:api-challenge-list", {}),
    ("scrutineer", "post", "scrutiny:api-challenge-judge", {"pk": "challenge_council"}),
    ("lsp", "post", "scrutiny:api-challenge-respond", {"pk": "challenge_council"}),
    ("bu_manager", "patch", "funding:api-year-detail", {"pk": "year1"}),
    ("bu_manager", "patch", "funding:api-contribution-detail", {"pk": "contribution_a"}),
]


@pytest.mark.parametrize("who,method,name,kwargs,field", [
    ("bu_manager", "patch", "reviews:api-notification-detail", {"pk": "case1"}, "la_aware_on"),
    ("bu_manager", "patch", "funding:api-contribution-detail", {"pk": "contribution_a"},
     "invoice_date"),
])
def test_api_writes_refuse_a_year_9999_date(cast, client_for, who, method, name, kwargs, field):
    kwargs = {k: getattr(cast, v).pk for k, v in kwargs.items()}
    response = getattr(client_for(getattr(cast, who)), method)(
        reverse(name, kwargs=kwargs), {field: "9999-01-01"}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()[field] == [f"Enter a date between 1900 and {datetime.date.today().year + 100}"]


@pytest.mark.parametrize("who,method,name,kwargs", WRITES)
def test_api_writes_refuse_fields_they_do_not_know(cast, client_for, who, method, name,
                                                   kwargs):
    kwargs = {k: getattr(cast, v).pk for k, v in kwargs.items()}
    client = client_for(getattr(cast, who) if who else None)
    response = getattr(client, method)(reverse(name, kwargs=kwargs), {"bogus_field": 1},
                                       content_type="application/json")
    assert response.status_code == 400, response.content
    assert "bogus_field" in response.json()


def test_an_unknown_field_changes_nothing(cast, client_for):
    before = cast.agency_a.website
    response = client_for(cast.bu_manager).patch(
        reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk}),
        {"website": "https://changed.example", "webiste": "https://typo.example"},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"webiste": [
        "This field is not known here. Remove it or check its spelling."]}
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.website == before


# ------------------------------------------------------------ 20. HEAD /healthz
def test_head_on_the_health_check_answers_like_get_without_a_body(client):
    response = client.head(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b""
