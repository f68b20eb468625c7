"""The scrutiny dashboard, indicator pages, targets and the indicators API: pages and their
filters, bad input (a clear message, never a 500), drill-downs showing only what the viewer
may see, and a query count that does not grow with the number of records."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action, Attendance, Meeting
from partnership.periods import FORMAT_HELP
from reviews.models import Notification
from scrutiny.models import IndicatorTarget

from .conftest import at_noon

pytestmark = pytest.mark.django_db
D = datetime.date


def url(cast, name="scrutiny:dashboard", *args, query=""):
    return reverse(name, args=[cast.p1.slug, *args]) + query


def body(response):
    return html.unescape(response.content.decode())


def test_dashboard_shows_figures_charts_and_navigation(cast, client_for):
    response = client_for(cast.scrutineer).get(url(cast, query="?period=2025"))
    assert response.status_code == 200
    text = body(response)
    assert "Scrutiny dashboard: 2025/26" in text
    for name in ("Notifications within 5 working days", "Rapid reviews within 15 working days",
                 "Section 11 returns completed", "Actions overdue", "Contributions received",
                 "Statutory partner attendance", "Practice reviews on track"):
        assert name in text
    assert "<svg" in text and "The same figures are in the table." in text
    assert "No data" in text  # nothing due for practice reviews
    assert 'govuk-service-navigation__item--active">\n                <a class="govuk-service-' \
           'navigation__link" href="/p/p1/scrutiny/" aria-current="page">Scrutiny' in text
    assert "<script" not in text.split("</header>")[1].split("<footer")[0]


@pytest.mark.parametrize("today, label", [(D(2026, 3, 31), "2025/26"), (D(2026, 4, 1), "2026/27")],
                         ids=["31-march", "1-april"])
def test_default_period_is_the_current_financial_year(cast, client_for, time_machine, today, label):
    time_machine.move_to(at_noon(today), tick=False)
    response = client_for(cast.chair).get(url(cast))
    assert response.status_code == 200 and f"Scrutiny dashboard: {label}" in body(response)


def test_navigation_link_only_for_scrutiny_readers(cast, client_for):
    home = reverse("partnership-overview", args=[cast.p1.slug])
    assert 'href="/p/p1/scrutiny/"' in body(client_for(cast.dsp).get(home))
    assert 'href="/p/p1/scrutiny/"' not in body(client_for(cast.lead_a).get(home))


def test_agency_leads_and_outsiders_get_404(cast, client_for):
    for user in (cast.lead_a, cast.lead_police, cast.lead_x, cast.bu_p2):
        assert client_for(user).get(url(cast)).status_code == 404
        assert client_for(user).get(url(cast, "scrutiny:indicator", "actions_open")
                                    ).status_code == 404


@pytest.mark.parametrize("query, message", [
    ("?period=abc", FORMAT_HELP),
    ("?period=2025-Q9", FORMAT_HELP),
    ("?period=1066", "Enter a year from 2000 to 2099"),
    ("?period=2025&agency=abc", "Choose an agency from the list"),
    ("?period=2025&agency=99999999999999999999", "Choose an agency from the list"),
])
def test_bad_filters_answer_400_with_a_message(cast, client_for, query, message):
    client = client_for(cast.scrutineer)
    for name, args in (("scrutiny:dashboard", ()), ("scrutiny:indicator", ("actions_open",))):
        response = client.get(url(cast, name, *args, query=query))
        assert response.status_code == 400
        text = body(response)
        assert "There is a problem" in text and message in text
        assert 'id="indicators"' not in text and 'id="records"' not in text


def test_agency_of_another_partnership_is_refused(cast, client_for):
    response = client_for(cast.scrutineer).get(url(cast, query=f"?agency={cast.agency_x.pk}"))
    assert response.status_code == 400
    assert "Choose an agency from the list" in body(response)


def test_agency_filter(cast, client_for):
    response = client_for(cast.scrutineer).get(url(cast, query=f"?agency={cast.agency_a.pk}"))
    text = body(response)
    assert response.status_code == 200
    assert "Figures for Agency A Academy" in text
    assert "Notifications within 5 working days" in text.split("stay the whole")[1]


def test_overdue_actions_drill_down_to_the_register(cast, client_for):
    """In the current year the overdue figure links to the action register, filtered."""
    client = client_for(cast.scrutineer)
    text = body(client.get(url(cast)))
    link = '/p/p1/actions/?overdue=1'
    assert f'href="{link}"' in text
    register = body(client.get(link))
    assert "CNRY-ACTION-A" in register and "CNRY-ACTION-POLICE" not in register


def test_indicator_page_lists_the_records(cast, client_for):
    response = client_for(cast.scrutineer).get(
        url(cast, "scrutiny:indicator", "notifications_on_time", query="?period=2025-Q3"))
    text = body(response)
    assert response.status_code == 200
    assert cast.case1.reference in text and "30 Dec 2025" in text
    assert "100.0%" in text and "None set" in text
    assert "CNRY-CASE-P2" not in text  # P2's case, due in the same quarter
    past = client_for(cast.scrutineer).get(
        url(cast, "scrutiny:indicator", "actions_overdue", query="?period=2024"))
    assert "No records you can see are counted in this period." in body(past)


def test_section11_drill_down_shows_only_readable_returns(cast, client_for):
    """The scrutineer sees submitted and signed-off returns only; the business unit all."""
    path = url(cast, "scrutiny:indicator", "s11_completion", query="?period=2025")
    bu = body(client_for(cast.bu_manager).get(path))
    scrutineer = body(client_for(cast.scrutineer).get(path))
    assert "Agency A Academy" in bu.split('id="records"')[1]
    assert scrutineer.count("Draft") < bu.count("Draft")


def test_target_form_sets_the_target_and_rag(cast, client_for):
    client = client_for(cast.bu_officer)
    target_url = url(cast, "scrutiny:target-edit", "notifications_on_time")
    assert "Set the target for" in body(client.get(target_url))
    response = client.post(target_url, {"target": "95", "higher_is_better": "yes",
                                         "amber_margin": "5"})
    assert response.status_code == 302
    target = IndicatorTarget.objects.get(partnership=cast.p1)
    assert (target.code, str(target.target), target.set_by) == (
        "notifications_on_time", "95.00", cast.bu_officer)
    page = body(client.get(url(cast, "scrutiny:indicator", "notifications_on_time",
                               query="?period=2025-Q3")))
    assert "95.00%" in page and "govuk-tag--green" in page


@pytest.mark.parametrize("data, message", [
    ({"target": "abc", "higher_is_better": "yes", "amber_margin": "5"},
     "Enter the target as a number"),
    ({"target": "150", "higher_is_better": "yes", "amber_margin": "5"},
     "A percentage target cannot be more than 100"),
    ({"target": "50", "amber_margin": "5"}, "Choose whether a higher figure is better"),
    ({"target": "50", "higher_is_better": "yes", "amber_margin": "-1"},
     "Enter an amber margin of 0 or more"),
])
def test_target_form_refuses_bad_input(cast, client_for, data, message):
    response = client_for(cast.bu_manager).post(
        url(cast, "scrutiny:target-edit", "notifications_on_time"), data)
    assert response.status_code == 200 and message in body(response)
    assert not IndicatorTarget.objects.exists()


def test_only_the_business_unit_sets_targets(cast, client_for):
    response = client_for(cast.scrutineer).post(
        url(cast, "scrutiny:target-edit", "actions_open"),
        {"target": "5", "higher_is_better": "no", "amber_margin": "1"})
    assert response.status_code == 403 and not IndicatorTarget.objects.exists()
    page = body(client_for(cast.scrutineer).get(url(cast, "scrutiny:indicator", "actions_open")))
    assert "Set the target" not in page


# The API

def api(cast, client, query):
    return client.get(reverse("scrutiny:api-indicators") + query)


def test_api_lists_the_indicators(cast, client_for):
    response = api(cast, client_for(cast.scrutineer), f"?partnership={cast.p1.pk}&period=2025-Q3")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert rows["notifications_on_time"] == {
        "code": "notifications_on_time", "name": "Notifications within 5 working days",
        "value": "100.0", "unit": "percent", "period": "2025/26 Q3", "target": None, "rag": None}
    assert rows["practice_reviews_on_track"]["value"] is None
    assert isinstance(rows["actions_open"]["value"], str)


def test_dataset_measures_follow_the_indicators(cast, client_for):
    """The multi-agency dataset's measures (scrutiny.selectors.dataset) are listed too."""
    rows = api(cast, client_for(cast.scrutineer), f"?partnership={cast.p1.pk}&period=2025").json()
    codes = [row["code"] for row in rows]
    assert "dataset_referrals" in codes and "dataset_missing" in codes
    assert codes.index("dataset_referrals") > codes.index("contributions_received")
    text = body(client_for(cast.scrutineer).get(url(cast, query="?period=2025")))
    assert "Referrals to children's social care" in text and "Referrals (Southshire)" not in text


def test_api_target_and_rag(cast, client_for):
    IndicatorTarget.objects.create(partnership=cast.p1, code="notifications_on_time",
                                   target=90, amber_margin=5)
    rows = {r["code"]: r for r in api(cast, client_for(cast.chair),
                                      f"?partnership={cast.p1.pk}&period=2025-Q3").json()}
    assert (rows["notifications_on_time"]["target"], rows["notifications_on_time"]["rag"]) == (
        "90.00", "green")


@pytest.mark.parametrize("query, field, message", [
    ("?partnership={p1}&period=2025-Q5", "period", FORMAT_HELP),
    ("?partnership={p1}&period=", "period", FORMAT_HELP),
    ("?partnership={p1}&agency=x", "agency", "Enter a whole number"),
    ("?partnership={p1}&agency={x}", "agency", "Choose an agency of the partnership."),
    ("", "partnership", "Enter a whole number"),
])
def test_api_bad_input_is_400(cast, client_for, query, field, message):
    response = api(cast, client_for(cast.scrutineer),
                   query.format(p1=cast.p1.pk, x=cast.agency_x.pk))
    assert response.status_code == 400
    assert message in response.json()[field][0]


def test_api_partnership_you_cannot_read_is_404(cast, client_for):
    assert api(cast, client_for(cast.scrutineer), f"?partnership={cast.p2.pk}").status_code == 404
    assert api(cast, client_for(cast.lead_a), f"?partnership={cast.p1.pk}").status_code == 404
    assert api(cast, client_for(cast.scrutineer), "?partnership=999999").status_code == 404


def test_api_is_in_the_schema(cast, client_for):
    schema = client_for(cast.scrutineer).get(reverse("api-schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/scrutiny/indicators/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"partnership", "period", "agency"}


# Query counts

def add_records(cast, n, start):
    """n actions, n notifications and n attendance rows in 2025/26, P1's."""
    Action.objects.bulk_create([
        Action(partnership=cast.p1, reference=start + i, source="meeting", description="Bulk",
               owner_agency=(cast.police, cast.agency_a)[i % 2], due_on=D(2025, 6, 1 + i % 28),
               status=("open", "completed")[i % 2],
               completed_on=D(2025, 6, 2) if i % 2 else None) for i in range(n)])
    Notification.objects.bulk_create([
        Notification(partnership=cast.p1, reference=f"B-{start + i}", pseudonym="Child B",
                     age_band="1_4", incident_type="other", la_aware_on=D(2025, 5, 1),
                     notify_by=D(2025, 5, 8), notified_on=D(2025, 5, 2 + i % 10))
        for i in range(n)])
    meetings = Meeting.objects.bulk_create([
        Meeting(group=cast.exec_group, status="held",
                starts_at=datetime.datetime(2025, 5, 1 + i % 28, 10, tzinfo=datetime.UTC))
        for i in range(max(n // 4, 1))])
    Attendance.objects.bulk_create([
        Attendance(meeting=m, member=seat, agency=seat.agency, status="present")
        for m in meetings for seat in (cast.seat_lsp, cast.seat_dsp, cast.seat_icb, cast.seat_a)])


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name, args, query", [
    ("scrutiny:dashboard", (), "?period=2025"),
    ("scrutiny:dashboard", (), "?period=2025-Q1&agency={a}"),
    ("scrutiny:indicator", ("actions_on_time",), "?period=2025"),
    ("scrutiny:indicator", ("notifications_on_time",), "?period=2025"),
    ("scrutiny:indicator", ("attendance_all",), "?period=2025"),
    ("scrutiny:api-indicators", (), "?partnership={p}&period=2025"),
])
def test_queries_do_not_grow_with_records(cast, client_for, name, args, query):
    client = client_for(cast.scrutineer)
    path = (reverse(name, args=[cast.p1.slug, *args]) if name != "scrutiny:api-indicators"
            else reverse(name)) + query.format(a=cast.agency_a.pk, p=cast.p1.pk)
    add_records(cast, 10, 1000)
    client.get(path)  # warm caches (content types, permissions)
    few = count(client, path)
    add_records(cast, 990, 2000)
    assert count(client, path) == few
