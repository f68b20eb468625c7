"""Issue 14, part 6: dashboards and reports bounded by their period, at national scale.

The scrutiny indicators read only the rows of their trend's windows; the dashboard's query
count is pinned and the same with a few or hundreds of agencies and records; a chart by
agency draws the ten largest and "Others" (the table beneath has the figures); the agency
filter lists only the partnership's agencies of the period, at most 200 of them, with a
search; the attendance export counts only the period's meetings; the yearly report counts
the relevant agencies by heading and lists every one in its appendix."""

import csv
import datetime
import html
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action, Attendance, GroupMember, Meeting
from partnership import charts
from partnership.models import Agency, Designation
from reviews.models import Notification
from scrutiny.forms.indicators import AGENCY_OPTIONS
from scrutiny.selectors import indicators
from scrutiny.selectors.indicator_charts import TABLE_ROWS, indicator_charts
from scrutiny.selectors.report_sections import partners
from scrutiny.services import reports

pytestmark = pytest.mark.django_db
D = datetime.date
FY2025 = (D(2025, 4, 1), D(2026, 3, 31))
DASHBOARD_QUERIES = 31  # the scrutineer's dashboard for a year, whatever the volume


def designate(cast, n, start=0, **fields):
    """n agencies designated in P1 as relevant agencies under two headings."""
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Scale agency {start + i:05d}", sector="voluntary") for i in range(n))
    Designation.objects.bulk_create(
        Designation(partnership=cast.p1, agency=a, kind="relevant_agency",
                    local_category=("Health", "Housing")[i % 2],
                    **{"start_date": D(2015, 4, 1), **fields})
        for i, a in enumerate(agencies))
    return agencies


def with_records(cast, agencies, reference):
    """For each agency: an open action due in June 2025 and a seat on the executive that
    was present at its June 2025 meeting."""
    Action.objects.bulk_create(
        Action(partnership=cast.p1, reference=reference + i, source="meeting",
               description="Bulk", owner_agency=a, due_on=D(2025, 6, 1), status="open")
        for i, a in enumerate(agencies))
    seats = GroupMember.objects.bulk_create(
        GroupMember(group=cast.exec_group, agency=a, role_label="Member",
                    start_date=D(2015, 4, 1)) for a in agencies)
    Attendance.objects.bulk_create(
        Attendance(meeting=cast.meeting1, member=s, agency=s.agency, status="present")
        for s in seats)


def body(response):
    return html.unescape(response.content.decode())


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response


# The indicators read only their period

def test_a_notification_before_the_period_is_not_counted(cast):
    Notification.objects.create(
        partnership=cast.p1, reference="OLD-1", pseudonym="Child O", age_band="1_4",
        incident_type="other", la_aware_on=D(2025, 3, 1), notify_by=D(2025, 3, 7),
        notified_on=D(2025, 3, 20))  # late, due in the quarter before 2025/26 Q1
    quarter = [v for v in indicators.indicators_for(cast.p1, D(2025, 4, 1), D(2025, 6, 30))
               if v.code == "notifications_on_time"][0]
    before = dict(quarter.trend)["2024/25 Q4"]
    assert before == 0  # counted in its own quarter, late
    assert quarter.value != 0  # and not in the period's


def test_every_indicator_query_is_bounded_by_the_trend(cast):
    Action.objects.create(partnership=cast.p1, reference=900, source="meeting",
                          description="Done long ago", owner_agency=cast.police,
                          due_on=D(2012, 1, 1), status="completed", completed_on=D(2012, 1, 2))
    with CaptureQueriesContext(connection) as captured:
        values = indicators.indicators_for(cast.p1, *FY2025)
    sql = "\n".join(q["sql"] for q in captured.captured_queries)
    for column in ("notify_by", "due_on", "target_on", "closes_on", "starts_at",
                   "completed_on"):
        assert f'"{column}" BETWEEN' in sql or f'"{column}" >' in sql, column
    assert "start_year\" IN" in sql
    open_now = next(v for v in values if v.code == "actions_open")
    assert open_now.value == 1  # Agency A's (the police's was added after); not 2012's


# The dashboard: pinned queries, charts of the largest, agencies of the partnership

def test_dashboard_queries_are_pinned_with_few_or_many_agencies(cast, client_for):
    client = client_for(cast.scrutineer)
    path = reverse("scrutiny:dashboard", args=[cast.p1.slug]) + "?period=2025"
    client.get(path)  # warm caches (content types, permissions)
    with_records(cast, designate(cast, 3), 1000)
    few, _ = queries(client, path)
    with_records(cast, designate(cast, 300, start=10), 2000)
    many, response = queries(client, path)
    assert few == many == DASHBOARD_QUERIES
    assert len(response.context["form"].fields["agency"].choices) == 1 + AGENCY_OPTIONS


def test_charts_draw_the_ten_largest_and_others_and_the_table_every_figure(cast):
    with_records(cast, designate(cast, 30), 1000)
    found = indicator_charts(cast.p1, *FY2025)
    by_agency = next(c for c in found if "actions by agency" in c["title"])
    assert len(by_agency["groups"]) == charts.TOP + 1
    assert by_agency["groups"][-1]["label"] == "Others (21)"  # 31 agencies own open actions
    assert sum(int(b["bars"][0]["text"]) for b in by_agency["groups"]) == 31
    assert len(by_agency["table"]) == 31 and "more_url" not in by_agency
    attendance = next(c for c in found if "attendance by agency" in c["title"])
    assert len(attendance["groups"]) == charts.TOP + 1
    assert attendance["groups"][-1]["label"].startswith("Others (")
    assert len(attendance["table"]) == 30  # the cast's meeting has no attendance of its own


def test_a_table_of_thousands_is_bounded(cast, client_for):
    with_records(cast, designate(cast, 120), 1000)
    by_agency = next(c for c in indicator_charts(cast.p1, *FY2025)
                     if "actions by agency" in c["title"])
    assert len(by_agency["table"]) == TABLE_ROWS + 1
    assert by_agency["table"][-1]["label"] == f"Others ({121 - TABLE_ROWS})"
    assert by_agency["table"][-1]["cells"] == [str(121 - TABLE_ROWS)] * 2  # open, overdue
    page = body(client_for(cast.scrutineer).get(
        reverse("scrutiny:dashboard", args=[cast.p1.slug]) + "?period=2025"))
    assert page.count("<rect x=\"240\"") <= 4 * (charts.TOP + 1) + 4 + 4
    assert "See the open actions" in page and f"Others ({121 - TABLE_ROWS})" in page


def test_agency_filter_lists_the_partnerships_agencies_of_the_period(cast, client_for):
    ended = designate(cast, 1, start=500, end_date=D(2019, 3, 31))[0]
    later = designate(cast, 1, start=600, start_date=D(2027, 4, 1))[0]
    client = client_for(cast.scrutineer)
    response = client.get(reverse("scrutiny:dashboard", args=[cast.p1.slug]) + "?period=2025")
    names = [name for _, name in response.context["form"].fields["agency"].choices]
    assert "Agency A Academy" in names and "Shires Police" in names
    assert "Agency X Charity" not in names  # P2's
    assert ended.name not in names and later.name not in names
    older = client.get(reverse("scrutiny:dashboard", args=[cast.p1.slug]) + "?period=2018")
    assert ended.name in [n for _, n in older.context["form"].fields["agency"].choices]


def test_agency_search_narrows_the_list_and_picks_the_only_match(cast, client_for):
    designate(cast, AGENCY_OPTIONS + 50)
    client = client_for(cast.scrutineer)
    path = reverse("scrutiny:dashboard", args=[cast.p1.slug]) + "?period=2025&agency_name="
    response = client.get(path + "agency+0024")
    names = [n for _, n in response.context["form"].fields["agency"].choices]
    assert names == ["All agencies", *[f"Scale agency {n:05d}" for n in range(240, 250)]]
    picked = client.get(path + "agency+00249")
    assert picked.context["agency"].name == "Scale agency 00249"
    assert "Figures for Scale agency 00249" in body(picked)


# The attendance export

def test_attendance_export_counts_only_the_periods_meetings(cast, client_for):
    old = Meeting.objects.bulk_create(
        Meeting(group=cast.exec_group, status="held",
                starts_at=datetime.datetime(2019, 5, 1 + i, 10, tzinfo=datetime.UTC))
        for i in range(20))
    Attendance.objects.bulk_create(
        Attendance(meeting=m, member=cast.seat_a, agency=cast.agency_a, status="absent")
        for m in old)
    query = "start_0=1&start_1=4&start_2=2025&end_0=31&end_1=3&end_2=2026"
    response = client_for(cast.bu_manager).get(
        reverse("governance:attendance-export-csv", args=[cast.p1.slug]) + "?" + query)
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    rows = {r[0]: r for r in csv.reader(io.StringIO(text)) if r}
    agency_a = rows["Agency A Academy"]
    assert agency_a[2] == "2"  # the meetings of June and September 2025: not 2019's twenty
    assert agency_a[6] == "0"  # absent: none in the period


# The yearly report

def test_yearly_report_counts_agencies_by_heading_and_lists_every_one(cast, client_for):
    made = designate(cast, 301)
    data = partners(cast.p1, *FY2025)
    assert data["headings"] == [("Education and early years", 1), ("Health", 151),
                                ("Housing", 150)]  # Agency A: its sector, with no heading
    listed = [name for _, _, names in data["appendix"] for name in names]
    assert sorted(listed) == sorted([a.name for a in made] + ["Agency A Academy"])
    assert [count for _, count, _ in data["appendix"]] == [1, 151, 150]
    report = reports.report_for_period(partnership=cast.p1, period_start=FY2025[0],
                                       period_end=FY2025[1])
    page = body(client_for(cast.bu_manager).get(
        reverse("scrutiny:report-html", args=[cast.p1.slug, report.pk])))
    section = page.split('id="section-partners"')[1].split("</section>")[0]
    assert "Health</th>" in section and ">151<" in section
    assert "Scale agency" not in section  # the names are in the appendix only
    appendix = page.split('id="appendix-agencies"')[1]
    assert "Health (151)" in appendix and all(a.name in appendix for a in made)
