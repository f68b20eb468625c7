"""Scrutiny activities (issue 7, item 4): the plan by financial year, findings (a
recommendation becomes an action on the register, source "scrutiny"), the scrutineer's
report sections, the API's activities, and the yearly report's report_findings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action
from scrutiny.models import Finding, ReportSection, ScrutinyActivity
from scrutiny.selectors.activities import report_findings
from scrutiny.services import activities as services

from .test_queries import count_queries

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def plan(cast, n, year=2019):
    for i in range(n):
        activity = services.activity_create(
            partnership=cast.p1, created_by=cast.scrutineer, year=year,
            activity_type="schools", title=f"Schools audit {i}", lead_name="Education lead",
            quarter=1 + i % 4)
        services.finding_add(activity=activity, text=f"Finding {i}", kind="strength",
                             created_by=cast.scrutineer)


def test_the_scrutineer_plans_an_activity_and_records_findings(cast, client_for):
    client = client_for(cast.scrutineer)
    response = client.post(url("scrutiny:activity-create", cast), {
        "year": "2019", "activity_type": "section_11", "title": "Section 11 audit 2019",
        "scope": "All partners", "lead": cast.scrutineer.pk, "quarter": "3",
        **date("starts_on", D(2019, 10, 1)), **date("ends_on", D(2019, 12, 20))})
    assert response.status_code == 302
    activity = ScrutinyActivity.objects.get(title="Section 11 audit 2019")
    assert (activity.partnership, activity.status, activity.quarter) == (cast.p1, "planned", 3)
    assert activity.lead_label == cast.scrutineer.full_name

    response = client.post(url("scrutiny:finding-create", cast, pk=activity.pk), {
        "text": "Supervision is not recorded", "kind": "improvement",
        "recommendation": "Record supervision", "owner_agency": cast.police.pk,
        **date("due_on", D(2020, 3, 31))})
    assert response.status_code == 302
    finding = Finding.objects.get(text="Supervision is not recorded")
    action = finding.action
    assert (action.source, action.owner_agency, action.description) == (
        "scrutiny", cast.police, "Record supervision")
    assert action.source_label == "Scrutiny: Section 11 audit 2019"
    page = client.get(url("scrutiny:activity-detail", cast, pk=activity.pk)).content.decode()
    assert "Supervision is not recorded" in page and action.code in page
    listing = client.get(url("scrutiny:activity-list", cast) + "?year=2019").content.decode()
    assert "Section 11 audit 2019" in listing and "Scrutiny plan 2019/20" in listing


def test_a_finding_without_a_recommendation_adds_no_action(cast):
    before = Action.objects.count()
    finding = services.finding_add(activity=cast.activity1, text="Good", kind="strength",
                                   created_by=cast.scrutineer)
    assert finding.action is None and Action.objects.count() == before


@pytest.mark.parametrize("fields, field", [
    ({"recommendation": "Do it"}, "owner_agency"),
    ({"recommendation": "Do it", "owner_agency": "police"}, "due_on"),
    ({"owner_agency": "police", "due_on": D(2026, 1, 1)}, "recommendation"),
])
def test_a_recommendation_needs_its_owner_and_due_date(cast, fields, field):
    if "owner_agency" in fields:
        fields = {**fields, "owner_agency": cast.police}
    before = Action.objects.count(), Finding.objects.count()
    with pytest.raises(ValidationError) as error:
        services.finding_add(activity=cast.activity1, text="T", kind="concern",
                             created_by=cast.scrutineer, **fields)
    assert field in error.value.message_dict
    assert (Action.objects.count(), Finding.objects.count()) == before


def test_an_action_for_an_agency_outside_the_partnership_is_refused(cast):
    with pytest.raises(ValidationError):
        services.finding_add(activity=cast.activity1, text="T", kind="concern",
                             created_by=cast.scrutineer, recommendation="R",
                             owner_agency=cast.agency_x, due_on=D(2026, 1, 1))
    assert not Finding.objects.filter(text="T").exists()


def test_cancelling_needs_a_reason_and_a_cancelled_activity_takes_no_findings(cast, client_for):
    client = client_for(cast.bu_officer)
    edit = url("scrutiny:activity-edit", cast, pk=cast.activity1.pk)
    fields = {"year": "2025", "activity_type": "multi_agency", "title": "Neglect audit"}
    response = client.post(edit, {**fields, "status": "cancelled"})
    assert response.status_code == 200
    assert "Enter why the activity was cancelled" in response.content.decode()
    response = client.post(edit, {**fields, "status": "cancelled",
                                  "cancelled_reason": "Superseded by the JTAI"})
    assert response.status_code == 302
    cast.activity1.refresh_from_db()
    assert (cast.activity1.status, cast.activity1.cancelled_reason) == (
        "cancelled", "Superseded by the JTAI")
    with pytest.raises(ValidationError, match="cancelled"):
        services.finding_add(activity=cast.activity1, text="Late", kind="concern",
                             created_by=cast.scrutineer)
    with pytest.raises(ValidationError):
        services.activity_update(activity=cast.activity1, status="planned",
                                 cancelled_reason="still here")


def test_dates_and_lead_are_checked(cast):
    with pytest.raises(ValidationError) as error:
        services.activity_create(partnership=cast.p1, created_by=cast.scrutineer, year=2019,
                                 activity_type="other", title="Backwards",
                                 starts_on=D(2019, 5, 1), ends_on=D(2019, 4, 1))
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.activity_create(partnership=cast.p1, created_by=cast.scrutineer, year=2019,
                                 activity_type="other", title="Someone else's",
                                 lead=cast.lead_x)
    assert "lead" in error.value.message_dict


def test_report_sections_render_markdown_safely(cast, client_for):
    client = client_for(cast.scrutineer)
    response = client.post(url("scrutiny:section-create", cast), {
        "year": "2019", "title": "Leadership", "order": "2",
        "body": "## Strong leadership\n\n- *clear* priorities\n\n<script>alert(1)</script>"})
    assert response.status_code == 302
    section = ReportSection.objects.get(title="Leadership")
    assert section.author == cast.scrutineer and section.year == 2019
    page = client.get(url("scrutiny:section-list", cast) + "?year=2019").content.decode()
    assert "<h2>Strong leadership</h2>" in page and "<em>clear</em>" in page
    assert "<script>alert" not in page
    response = client.post(url("scrutiny:section-edit", cast, pk=section.pk), {
        "year": "2019", "title": "Leadership", "order": "2", "body": "Changed"})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Changed"


def test_report_findings_gives_the_period_activities_findings_and_sections(cast):
    plan(cast, 2, year=2019)
    services.activity_create(partnership=cast.p1, created_by=cast.scrutineer, year=2019,
                             activity_type="thematic", title="Cancelled review",
                             status="cancelled", cancelled_reason="No capacity")
    dated = services.activity_create(
        partnership=cast.p1, created_by=cast.scrutineer, year=2018, activity_type="learning",
        title="Spanning review", starts_on=D(2019, 2, 1), ends_on=D(2019, 5, 1))
    services.section_create(partnership=cast.p1, author=cast.scrutineer, year=2019,
                            title="Summary", body="**Good**", order=0)
    result = report_findings(cast.p1, D(2019, 4, 1), D(2020, 3, 31))
    titles = [a["title"] for a in result["activities"]]
    assert titles == ["Spanning review", "Schools audit 0", "Schools audit 1"]
    assert dated.title in titles and "Cancelled review" not in titles
    assert "Neglect multi-agency audit" not in titles  # 2025/26
    assert result["activities"][1]["findings"] == [
        {"kind": "Strength", "text": "Finding 0", "recommendation": ""}]
    assert result["sections"] == [{"title": "Summary", "body": "**Good**",
                                   "author": cast.scrutineer.full_name}]
    assert report_findings(cast.p2, D(2019, 4, 1), D(2020, 3, 31)) == {
        "activities": [], "sections": []}


def test_report_findings_runs_in_a_fixed_number_of_queries(cast):
    plan(cast, 2)
    with CaptureQueriesContext(connection) as few:
        report_findings(cast.p1, D(2019, 4, 1), D(2020, 3, 31))
    plan(cast, 20)
    with CaptureQueriesContext(connection) as many:
        result = report_findings(cast.p1, D(2019, 4, 1), D(2020, 3, 31))
    assert len(result["activities"]) == 22
    assert len(few) == len(many) <= 3


@pytest.mark.parametrize("route, query", [
    ("scrutiny:activity-list", "?year=2019"), ("scrutiny:section-list", "?year=2019")])
def test_pages_run_in_a_fixed_number_of_queries(cast, client_for, route, query):
    client = client_for(cast.scrutineer)
    page = url(route, cast) + query
    plan(cast, 2)
    client.get(page)
    few, _ = count_queries(client, page)
    plan(cast, 20)
    for i in range(10):
        services.section_create(partnership=cast.p1, author=cast.scrutineer, year=2019,
                                title=f"S{i}", body="x", order=i)
    many, response = count_queries(client, page)
    assert few == many


def test_the_api_lists_activities_with_findings(cast, client_for):
    client = client_for(cast.chair)
    data = client.get(reverse("scrutiny:api-activity-list") + f"?partnership={cast.p1.pk}").json()
    row = data["results"][0]
    assert (row["title"], row["activity_type"], row["lead"]) == (
        "Neglect multi-agency audit", "multi_agency", cast.scrutineer.full_name)
    assert row["findings"][0]["kind"] == "concern"
    assert client_for(cast.lead_police).get(
        reverse("scrutiny:api-activity-detail", args=[cast.activity1.pk])).status_code == 404
    bad = client.get(reverse("scrutiny:api-activity-list") + "?partnership=x")
    assert bad.status_code == 400


def test_the_api_activity_list_runs_in_a_fixed_number_of_queries(cast, client_for):
    client = client_for(cast.scrutineer)
    api = reverse("scrutiny:api-activity-list") + f"?partnership={cast.p1.pk}"
    plan(cast, 2)
    client.get(api)
    few, _ = count_queries(client, api)
    plan(cast, 20)
    many, _ = count_queries(client, api)
    assert few == many
