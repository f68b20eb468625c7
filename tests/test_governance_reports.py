"""Reports and exports: attendance by agency (arithmetic, statutory partners, filters,
queries, CSV and Excel) and the action register as CSV and Excel (scoping, RAG, latest
update, formula injection, queries)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from governance.models import Meeting
from governance.selectors import reports
from governance.services import actions, groups, meetings
from partnership import exports
from partnership.services import structure

pytestmark = pytest.mark.django_db

START = datetime.date(2020, 4, 1)
PERIOD = {"start_0": "1", "start_1": "1", "start_2": "2025",
          "end_0": "31", "end_1": "12", "end_2": "2025"}
P, D, A, X = "present", "deputy", "apologies", "absent"


def at(y, m, d):
    return datetime.datetime(y, m, d, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def board(cast):
    """A P1 board with known attendance in 2025 (see test_attendance_arithmetic)."""
    group = groups.group_create(partnership=cast.p1, name="Reporting board",
                                group_type="subgroup", frequency="quarterly", start_date=START)
    seat = {}
    for key, agency in (("council", cast.council1), ("police", cast.police),
                        ("icb", cast.icb1), ("a", cast.agency_a)):
        seat[key] = groups.member_add(group=group, agency=agency, role_label=f"{key} seat",
                                      start_date=START)
    ended = structure.agency_create(name="Ended Agency", sector="other")
    late = structure.agency_create(name="Late Agency", sector="other")
    for agency in (ended, late):
        structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency",
                                     start_date=START)
    seat["ended"] = groups.member_add(group=group, agency=ended, role_label="Ended seat",
                                      start_date=START, end_date=datetime.date(2025, 5, 31))
    seat["late"] = groups.member_add(group=group, agency=late, role_label="Late seat",
                                     start_date=datetime.date(2025, 12, 1))
    m1 = meetings.meeting_create(group=group, starts_at=at(2025, 3, 4))
    m2 = meetings.meeting_create(group=group, starts_at=at(2025, 6, 3))
    m3 = meetings.meeting_create(group=group, starts_at=at(2025, 9, 2))
    cancelled = meetings.meeting_create(group=group, starts_at=at(2025, 10, 7))  # see below
    before = meetings.meeting_create(group=group, starts_at=at(2024, 12, 3))
    table = {
        m1: {"council": P, "police": D, "icb": X, "a": P},
        m2: {"council": P, "police": P, "icb": A, "a": D},
        m3: {"council": A, "police": P, "a": X, "late": P},
        cancelled: {"council": P, "police": P, "icb": P, "a": P},
        before: {"council": X, "police": X, "icb": X, "a": X},
    }
    for meeting, entries in table.items():
        Meeting.objects.filter(pk=meeting.pk).update(status="held")
        meetings.attendance_record(meeting=meeting, entries={
            seat[k]: (status, "A deputy" if status == D else "") for k, status in entries.items()})
    Meeting.objects.filter(pk=cancelled.pk).update(status="cancelled")
    # Elsewhere: another P1 group (for the group filter) and P2 (never counted in P1).
    other = groups.group_create(partnership=cast.p1, name="Other board", group_type="panel",
                                frequency="quarterly", start_date=START)
    other_seat = groups.member_add(group=other, agency=cast.police, role_label="Police",
                                   start_date=START)
    elsewhere = meetings.meeting_create(group=other, starts_at=at(2025, 7, 1))
    Meeting.objects.filter(pk__in=[elsewhere.pk, cast.meeting_p2.pk]).update(status="held")
    meetings.attendance_record(meeting=elsewhere, entries={other_seat: (X, "")})
    p2_seat = groups.member_add(group=cast.group_p2, agency=cast.police, role_label="Police",
                                start_date=START)
    meetings.attendance_record(meeting=cast.meeting_p2, entries={p2_seat: (A, "")})
    return group


def report_url(slug="p1", **query):
    from urllib.parse import urlencode

    return reverse("governance:attendance-report", kwargs={"slug": slug}) + "?" + urlencode(query)


def test_attendance_rate_is_present_and_deputy_over_recorded():
    row = reports.AgencyAttendance(1, "X", present=2, deputy=1, apologies=1, absent=1)
    assert (row.recorded, row.attended, row.rate) == (5, 3, Decimal("60.0"))
    assert reports.AgencyAttendance(1, "X", present=2, absent=1).rate == Decimal("66.7")
    assert reports.AgencyAttendance(1, "X", present=1, absent=2).rate == Decimal("33.3")
    assert reports.AgencyAttendance(1, "X", deputy=1).rate == Decimal("100.0")
    assert reports.AgencyAttendance(1, "X", apologies=3).rate == Decimal("0.0")
    assert reports.AgencyAttendance(1, "X").rate is None


def test_attendance_arithmetic(cast, board):
    meetings_2025 = reports.meetings_in_period(
        Meeting.objects.filter(group__partnership=cast.p1), datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31))
    rows = reports.attendance_by_agency(meetings_2025.filter(group=board), cast.p1)
    got = {r.name: (r.statutory, r.meetings, r.present, r.deputy, r.apologies, r.absent,
                    r.rate) for r in rows}
    assert got == {
        "Northshire Council": ("Local authority", 3, 2, 0, 1, 0, Decimal("66.7")),
        "Shires Police": ("Police", 3, 2, 1, 0, 0, Decimal("100.0")),
        "Northshire ICB": ("NHS commissioner (ICB/CCG)", 3, 0, 0, 1, 1, Decimal("0.0")),
        "Agency A Academy": ("", 3, 1, 1, 0, 1, Decimal("66.7")),
        "Ended Agency": ("", 1, 0, 0, 0, 0, None),  # seat ended before the 2nd meeting
        "Late Agency": ("", 1, 1, 0, 0, 0, Decimal("100.0")),  # recorded before its seat began
    }
    # statutory partners first, in the order of the Act; then the others by name
    assert [r.name for r in rows] == ["Northshire Council", "Shires Police", "Northshire ICB",
                                      "Agency A Academy", "Ended Agency", "Late Agency"]
    everything = {r.name: r for r in reports.attendance_by_agency(meetings_2025, cast.p1)}
    # plus the other board's meeting and the cast executive's two (nothing recorded); P2's
    # meeting, where the police sent apologies, is not P1's
    police = everything["Shires Police"]
    assert (police.meetings, police.absent, police.apologies, police.rate) == (
        6, 1, 0, Decimal("75.0"))


def test_attendance_page_shows_statutory_partners_first_with_their_rates(cast, board,
                                                                        client_for):
    body = client_for(cast.chair).get(report_url(**PERIOD, group=board.pk)).content.decode()
    assert "1 January 2025 to 31 December 2025: Reporting board" in body
    summary = body[body.index("Statutory partners"):body.index("By agency")]
    assert "<strong>66.7%</strong> attended (2 of 3 recorded)" in summary
    assert "<strong>100.0%</strong> attended (3 of 3 recorded)" in summary
    assert "<strong>0.0%</strong> attended (0 of 2 recorded)" in summary
    table = body[body.index("By agency"):]
    assert table.index("Northshire Council") < table.index("Shires Police") \
        < table.index("Northshire ICB") < table.index("Agency A Academy")
    assert table.count("Statutory partner: ") == 3
    assert "?start_0=1&amp;start_1=1" in body  # downloads keep the filters


def test_attendance_defaults_to_the_last_twelve_months(cast, client_for):
    start, end = reports.last_twelve_months()
    assert (end - start).days in (364, 365)
    body = client_for(cast.bu_manager).get(
        reverse("governance:attendance-report", kwargs={"slug": "p1"})).content.decode()
    assert f"{start:%-d %B %Y} to {end:%-d %B %Y}: all groups" in body
    assert f'name="start_2" type="text" inputmode="numeric" value="{start.year}"' in body
    assert reports.last_twelve_months(datetime.date(2024, 2, 29)) == (
        datetime.date(2023, 3, 1), datetime.date(2024, 2, 29))


@pytest.mark.parametrize("query,message", [
    ({**PERIOD, "end_2": "2024"}, "The end of the period must be on or after its start"),
    ({**PERIOD, "start_0": "31", "start_1": "2"}, "The start of the period must be a real date"),
    ({**PERIOD, "end_1": ""}, "The end of the period must include a month"),
    ({**PERIOD, "group": "999999"}, "Choose a group from the list"),
])
def test_attendance_filters_are_checked(cast, client_for, query, message):
    client = client_for(cast.bu_manager)
    response = client.get(report_url(**query))
    body = response.content.decode()
    assert response.status_code == 200 and message in body and "There is a problem" in body
    assert "By agency" not in body
    export = client.get(reverse("governance:attendance-export-csv", kwargs={"slug": "p1"}) + "?"
                        + response.wsgi_request.GET.urlencode())
    assert export.status_code == 302 and export["Location"].startswith(
        reverse("governance:attendance-report", kwargs={"slug": "p1"}))


def test_a_p2_group_cannot_filter_the_p1_report(cast, client_for):
    body = client_for(cast.bu_manager).get(
        report_url(**PERIOD, group=cast.group_p2.pk)).content.decode()
    assert "Choose a group from the list" in body


def test_attendance_exports_parse_back(cast, board, client_for):
    client = client_for(cast.scrutineer)
    query = "?" + "&".join(f"{k}={v}" for k, v in PERIOD.items()) + f"&group={board.pk}"
    response = client.get(reverse("governance:attendance-export-csv", kwargs={"slug": "p1"}) + query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="p1-attendance-2025-01-01-to-2025-12-31.csv"')
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[1] == ["Partnership", "Northshire Safeguarding Children Partnership"]
    assert rows[2] == ["From", "2025-01-01"] and rows[4] == ["Group", "Reporting board"]
    header = rows.index(["Agency", "Statutory partner", "Meetings with a seat", "Present",
                         "Deputy sent", "Apologies", "Absent", "Recorded",
                         "Attendance rate (%)"])
    body = {row[0]: row[1:] for row in rows[header + 1:]}
    assert body["Northshire Council"] == ["Local authority", "3", "2", "0", "1", "0", "3", "66.7"]
    assert body["Ended Agency"] == ["", "1", "0", "0", "0", "0", "0", ""]
    response = client.get(reverse("governance:attendance-export-xlsx", kwargs={"slug": "p1"}) + query)
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    by_name = {row[0]: row for row in table}
    assert by_name["From"][1] == datetime.datetime(2025, 1, 1)
    assert by_name["Shires Police"][1:] == ("Police", 3, 2, 1, 0, 0, 3, 100)
    assert by_name["Northshire ICB"][8] == 0


def test_attendance_report_queries_do_not_grow_with_rows(cast, client_for):
    client = client_for(cast.bu_manager)
    url = report_url(**PERIOD)
    n = [0]

    def add_meetings(count):
        for _ in range(count):
            n[0] += 1
            agency = structure.agency_create(name=f"Agency {n[0]:03d}", sector="other")
            structure.designation_create(partnership=cast.p1, agency=agency,
                                         kind="relevant_agency")
            group = groups.group_create(partnership=cast.p1, name=f"Board {n[0]}",
                                        group_type="panel", frequency="monthly",
                                        start_date=START)
            seats = [groups.member_add(group=group, agency=a, role_label="Seat",
                                       start_date=START) for a in (agency, cast.police)]
            meeting = meetings.meeting_create(group=group, starts_at=at(2025, 5, n[0] % 28 + 1))
            Meeting.objects.filter(pk=meeting.pk).update(status="held")
            meetings.attendance_record(meeting=meeting, entries={
                seats[0]: (P, ""), seats[1]: (D, "Inspector")})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    add_meetings(2)
    client.get(url)
    few, _ = queries()
    add_meetings(15)
    many, body = queries()
    assert few == many, f"{few} queries for 2 meetings, {many} for 17"
    assert "Agency 017" in body


# The action register as CSV and Excel


def export(client, fmt="csv", slug="p1", query=""):
    return client.get(reverse(f"governance:action-export-{fmt}", kwargs={"slug": slug}) + query)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_action_export_columns_rag_and_latest_update(cast, client_for):
    actions.progress_record(action=cast.action_a, author=cast.lead_a, status="in_progress",
                            note="Training booked for staff")
    done = actions.action_create(partnership=cast.p1, source="other",
                                 description="Publish the annual report",
                                 owner_agency=cast.council1, due_on=datetime.date(2025, 1, 31),
                                 created_by=cast.bu_manager)
    actions.progress_record(action=done, author=cast.bu_manager, status="completed",
                            evidence="Published on the website")
    response = export(client_for(cast.bu_manager))
    assert response["Content-Disposition"].startswith('attachment; filename="p1-actions-')
    found = csv_rows(response)  # streamed: read once
    rows = {row["Code"]: row for row in found}
    assert set(rows) == {"A1", "A2", "A3"}
    a1 = rows["A1"]
    assert a1["Source"] == "Meeting" and a1["Source detail"].startswith("Executive, 3 June 2025")
    assert (a1["Description"], a1["Owner agency"], a1["Owner"], a1["Due date"]) == (
        "CNRY-ACTION-A", "Agency A Academy", "Lead A", "2025-07-01")
    assert (a1["Status"], a1["RAG"], a1["Completed on"]) == ("In progress", "Red (overdue)", "")
    assert a1["Latest update"] == "Training booked for staff"
    assert a1["Last updated"] == datetime.date.today().isoformat()
    assert rows["A2"]["RAG"] == "Green (on track)" and rows["A2"]["Latest update"] == "Started"
    a3 = rows["A3"]
    assert (a3["Status"], a3["RAG"], a3["Completed on"]) == (
        "Completed", "Blue (complete)", datetime.date.today().isoformat())
    assert a3["Latest update"] == "Evidence: Published on the website"
    assert list(found[0]) == [
        "Code", "Source", "Source detail", "Description", "Owner agency", "Owner", "Due date",
        "Status", "RAG", "Completed on", "Last updated", "Latest update"]


def test_action_export_is_the_register_each_viewer_may_see(cast, client_for):
    def codes(who, slug="p1", query=""):
        return [row["Code"] for row in csv_rows(export(client_for(cast.users[who]), slug=slug,
                                                       query=query))]

    assert codes("scrutineer") == ["A1", "A2"]
    assert codes("lead_a") == ["A1"] and codes("contributor_a") == ["A1"]
    assert codes("lead_police") == ["A2"]
    assert codes("lead_police", "p2") == []
    assert codes("bu_p2", "p2") == ["A1"]
    assert export(client_for(cast.lead_x)).status_code == 404
    assert codes("bu_manager", query="?overdue=1") == ["A1"]
    assert codes("bu_manager", query="?status=in_progress") == ["A2"]
    assert codes("bu_manager", query=f"?agency={cast.police.pk}") == ["A2"]
    assert codes("bu_manager", query="?status=bogus&source=bogus") == ["A1", "A2"]
    assert codes("bu_manager", query=f"?agency={cast.agency_x.pk}") == ["A1", "A2"]
    assert codes("lead_a", query=f"?agency={cast.police.pk}") == ["A1"]
    sheet = load_workbook(io.BytesIO(export(client_for(cast.lead_a), "xlsx").content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in values] == ["Code", "A1"]
    assert values[1][3] == "CNRY-ACTION-A" and values[1][6] == datetime.datetime(2025, 7, 1)


def test_exported_text_cannot_run_as_a_formula(cast, client_for):
    actions.action_update(action=cast.action_a, description='=HYPERLINK("http://x","y")')
    actions.progress_record(action=cast.action_a, author=cast.bu_manager, status="open",
                            note="@SUM(1+1)")
    client = client_for(cast.bu_manager)
    row = csv_rows(export(client))[0]
    assert row["Description"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["Latest update"] == "'@SUM(1+1)"
    sheet = load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    cell = sheet["D2"]
    assert cell.value == "'=HYPERLINK(\"http://x\",\"y\")" and cell.data_type == "s"


@pytest.mark.parametrize("value,safe", [
    ("=1+1", "'=1+1"), ("+44 1234", "'+44 1234"), ("-5", "'-5"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), ("", ""), (Decimal("-5.00"),
                                                                      Decimal("-5.00")),
    (-3, -3), (None, None), (datetime.date(2025, 1, 1), datetime.date(2025, 1, 1)),
])
def test_safe_cells(value, safe):
    assert exports.safe(value) == safe


def test_action_export_queries_do_not_grow_with_rows(cast, client_for):
    client = client_for(cast.bu_manager)

    def add(n):
        for i in range(n):
            action = actions.action_create(
                partnership=cast.p1, source="other", description=f"Action {n}-{i}",
                owner_agency=cast.police if i % 2 else cast.council1,
                owner=cast.lead_police if i % 2 else cast.lsp,
                due_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
                created_by=cast.bu_manager)
            actions.progress_record(action=action, author=cast.bu_manager,
                                    status="in_progress", note=f"Update {n}-{i}")

    def queries(fmt):
        with CaptureQueriesContext(connection) as captured:
            response = export(client, fmt)
            body = response.getvalue()  # a streamed CSV reads its rows as it is sent
        assert response.status_code == 200
        return len(captured), body

    add(2)
    export(client)
    few = {fmt: queries(fmt)[0] for fmt in ("csv", "xlsx")}
    add(20)
    many = {fmt: queries(fmt)[0] for fmt in ("csv", "xlsx")}
    assert few == many
    assert len(list(csv.DictReader(io.StringIO(queries("csv")[1].decode())))) == 24
