"""Section 11 analysis: completion, the rating distribution per standard (exact counts,
anonymised for agency staff), ratings per agency, year-on-year change, the chart, and the
CSV and Excel exports (parsed back), with agency staff seeing only their own agency's
ratings and rows; query counts that do not grow with the number of agencies."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies import charts
from agencies import selectors_analysis as selectors
from agencies.models import Answer, Request, Return, Status
from agencies.services import cycles, returns
from partnership.models import AccessEvent
from partnership.services import structure

pytestmark = pytest.mark.django_db


def submitted_agency(cycle, name, ratings, status=Status.SUBMITTED):
    """A new agency of the cycle's partnership, asked in the cycle, whose return rates the
    template's standards in order (None: not answered) and has the given status."""
    agency = structure.agency_create(name=name, sector="health")
    structure.designation_create(partnership=cycle.partnership, agency=agency,
                                 kind="relevant_agency", start_date=datetime.date(2020, 4, 1))
    cycles.requests_add(cycle=cycle, agencies=[agency])
    assessment = Request.objects.get(cycle=cycle, agency=agency).assessment
    standards = list(cycle.template.standards.all())
    Answer.objects.bulk_create([
        Answer(assessment=assessment, standard=standard, rating=rating, narrative="Narrative")
        for standard, rating in zip(standards, ratings, strict=False) if rating is not None])
    Return.objects.filter(pk=assessment.pk).update(status=status, started_at=timezone.now())
    return agency


def analysis_url(partnership, cycle, name="s11:analysis"):
    return reverse(name, kwargs={"slug": partnership.slug, "cycle_pk": cycle.pk})


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def table_row(html, table_id, name):
    """The row of the table (by its id) whose header names `name`."""
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    return next(row for row in table.split("<tr")[1:] if f">{name}" in row)


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response).decode() if response.streaming
                                       else response.content.decode())))


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


# Completion and distribution -------------------------------------------------------------


def test_completion_counts(cast):
    submitted_agency(cast.cycle1, "Signed Off Trust", [3] * 8, status=Status.SIGNED_OFF)
    submitted_agency(cast.cycle1, "Returned Trust", [2] * 8, status=Status.RETURNED)
    cycles.requests_add(cycle=cast.cycle1, agencies=[cast.council1])  # asked, not started
    figures = {row["key"]: row["count"] for row in
               selectors.completion(cast.cycle1, on=datetime.date(2026, 1, 5))}
    # A (draft, started), police (submitted), signed off, returned, council (not started)
    assert figures == {"asked": 5, "started": 4, "submitted": 2, "signed_off": 1, "returned": 1,
                       "overdue": 3}
    before = selectors.completion(cast.cycle1, on=datetime.date(2025, 12, 19))
    assert {row["key"]: row["count"] for row in before}["overdue"] == 0
    assert {row["key"]: row["percent"] for row in before}["submitted"] == 40


def test_distribution_counts_are_exact(cast, client_for):
    # Standard 1: police 3 (green); new agencies 1, 2, 2, 3; agency A's draft (2) is left out;
    # a returned return's rating is left out too.
    for name, rating in (("Trust One", 1), ("Trust Two", 2), ("Trust Three", 2),
                         ("Trust Four", 3)):
        submitted_agency(cast.cycle1, name, [rating, None])
    submitted_agency(cast.cycle1, "Trust Returned", [1], status=Status.RETURNED)
    standards = list(cast.s11_template.standards.all())
    rows = selectors.distribution(cast.cycle1, standards)
    first = rows[0]
    assert first.answered == 5
    assert [(c["count"], c["percent"]) for c in first.cells] == [(1, 20), (2, 40), (2, 40)]
    assert rows[1].answered == 1 and rows[1].counts == [0, 0, 1]  # only the police
    html = page(client_for(cast.lsp), analysis_url(cast.p1, cast.cycle1))
    row = html.split('id="distribution-1"')[1].split("</tr>")[0]
    assert "1 (20%)" in row and "2 (40%)" in row and ">5<" in row


def test_distribution_is_bounded_in_queries(cast, client_for):
    for i in range(3):
        submitted_agency(cast.cycle1, f"Trust {i:02d}", [1 + i % 3] * 8)
    pinned = {"bu_manager": 20, "lsp": 20, "lead_a": 22}
    for who in pinned:
        client = client_for(cast.users[who])
        url = analysis_url(cast.p1, cast.cycle1)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for i in range(3, 15):
            submitted_agency(cast.cycle1, f"Trust {who} {i:02d}", [1 + i % 3] * 8)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert response.status_code == 200
        assert len(few) == len(many) == pinned[who], f"{who}: {len(few)} queries, then {len(many)}"


# What agency staff see -------------------------------------------------------------------


def test_agency_staff_see_anonymised_distributions_and_their_own_return(cast, client_for):
    html = page(client_for(cast.lead_a), analysis_url(cast.p1, cast.cycle1))
    # Only the police have submitted: every standard answered by fewer than 3 agencies.
    assert "Not shown: fewer than 3 agencies answered" in html
    assert "1 (100%)" not in html
    assert "Shires Police" not in html
    assert 'id="agency-table"' not in html and 'id="completion-table"' not in html
    # Their own draft's rating of standard 1 (Amber).
    assert "Agency A Academy: your agency's return" in html
    assert "Amber: partly met" in html
    # Once three agencies have answered, the figures show, still without names.
    submitted_agency(cast.cycle1, "Trust One", [1] * 8)
    submitted_agency(cast.cycle1, "Trust Two", [2] * 8)
    html = page(client_for(cast.lead_a), analysis_url(cast.p1, cast.cycle1))
    row = html.split('id="distribution-1"')[1].split("</tr>")[0]
    assert "1 (33%)" in row and ">3<" in row
    for name in ("Shires Police", "Trust One", "Trust Two"):
        assert name not in html


def test_suppression_is_per_standard(cast, client_for):
    submitted_agency(cast.cycle1, "Trust One", [1, 1, None])
    submitted_agency(cast.cycle1, "Trust Two", [2, None])
    html = page(client_for(cast.chief_a), analysis_url(cast.p1, cast.cycle1))
    first = html.split('id="distribution-1"')[1].split("</tr>")[0]
    second = html.split('id="distribution-2"')[1].split("</tr>")[0]
    assert "Not shown" not in first and ">3<" in first
    assert "Not shown: fewer than 3 agencies answered" in second
    rows = selectors.distribution(cast.cycle1, list(cast.s11_template.standards.all()),
                                  anonymised=True)
    assert rows[1].counts is None and rows[1].answered is None


def test_readers_see_every_submitted_agency_never_drafts(cast, client_for):
    submitted_agency(cast.cycle1, "Trust One", [1] * 8)
    lsp = page(client_for(cast.lsp), analysis_url(cast.p1, cast.cycle1))
    table = lsp.split('id="agency-table"')[1].split("</table>")[0]
    assert "Shires Police" in table and "Trust One" in table
    assert "Agency A Academy" not in table  # a draft: not for partnership readers
    assert 'id="completion-table"' in lsp
    bu = page(client_for(cast.bu_manager), analysis_url(cast.p1, cast.cycle1))
    row = table_row(bu, "agency-table", "Agency A Academy")
    assert "Draft" in row and "Amber" not in row  # listed with its status, no ratings
    assert reverse("s11:moderate", args=[cast.p1.slug, cast.return_police.pk]) in bu


def test_per_agency_table_shows_this_partnerships_moderation_only(cast, client_for):
    standard = cast.s11_standard1
    returns.moderate(assessment=cast.return_police, partnership=cast.p1, standard=standard,
                     rating=1, feedback="", user=cast.bu_manager)
    returns.moderate(assessment=cast.return_police, partnership=cast.p2, standard=standard,
                     rating=2, feedback="", user=cast.bu_p2)
    p1 = page(client_for(cast.scrutineer), analysis_url(cast.p1, cast.cycle1))
    p2 = page(client_for(cast.bu_p2), analysis_url(cast.p2, cast.cycle2))
    p1_row = table_row(p1, "agency-table", "Shires Police")
    p2_row = table_row(p2, "agency-table", "Shires Police")
    assert "Moderated: Red" in p1_row and "Moderated: Amber" not in p1_row
    assert "Moderated: Amber" in p2_row and "Moderated: Red" not in p2_row


def test_chart_is_server_side_svg(cast, client_for):
    for i in range(3):
        submitted_agency(cast.cycle1, f"Trust {i}", [i + 1] * 8)
    html = page(client_for(cast.bu_officer), analysis_url(cast.p1, cast.cycle1))
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "1. Senior management commitment to safeguarding: Red: not met 1 (25%)" in svg
    assert "style=" not in svg and "<script>" not in html  # no inline script or style
    assert "The same figures are in the table." in html


def test_chart_geometry():
    options = ((1, "Red"), (2, "Amber"), (3, "Green"))
    chart = charts.stacked_bars("T", [("A", [1, 1, 1], True), ("B", [], False),
                                      ("C", [0, 0, 0], True)], options, hidden_text="Hidden")
    first = chart["groups"][0]["segments"]
    assert [s["x"] for s in first] == [charts.LABEL_WIDTH, charts.LABEL_WIDTH + 133,
                                       charts.LABEL_WIDTH + 266]
    assert first[-1]["x"] + first[-1]["width"] + 1 == charts.LABEL_WIDTH + charts.PLOT_WIDTH
    assert [s["text"] for s in first] == ["33%", "33%", "33%"]
    assert chart["groups"][1]["note"] == "Hidden" and not chart["groups"][1]["segments"]
    assert chart["groups"][2]["note"] == "No ratings yet"
    assert "B: hidden" in chart["description"]
    assert charts.stacked_bars("T", [], options) is None
    assert selectors.percent(1, 8) == 13 and selectors.percent(1, 3) == 33
    assert selectors.percent(0, 0) == 0


# Year on year ----------------------------------------------------------------------------


def earlier_cycle(cast, police_rating, a_rating):
    cycle0 = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template,
                                 name="P1 Section 11 2023", opens_on=datetime.date(2023, 9, 1),
                                 closes_on=datetime.date(2023, 12, 19),
                                 agencies=[cast.agency_a, cast.police])
    for agency, rating in ((cast.police, police_rating), (cast.agency_a, a_rating)):
        assessment = Request.objects.get(cycle=cycle0, agency=agency).assessment
        assert assessment.pk not in (cast.return_police.pk, cast.return_a.pk)
        Answer.objects.bulk_create([Answer(assessment=assessment, standard=s, rating=rating)
                                    for s in cast.s11_template.standards.all()])
        Return.objects.filter(pk=assessment.pk).update(status=Status.SIGNED_OFF)
    return cycle0


def test_year_on_year_change(cast, client_for):
    earlier_cycle(cast, police_rating=2, a_rating=1)
    requests = Request.objects.filter(cycle__partnership=cast.p1)
    cycles_seen = selectors.trend_cycles(cast.p1.assessment_cycles.all())
    agencies = list(selectors.trend_agencies(cycles_seen, requests))
    trends = selectors.year_on_year(cycles_seen, requests, agencies)
    assert [c.name for c in cycles_seen] == ["P1 Section 11 2023", "P1 Section 11 2025"]
    police = next(t for t in trends if t.agency == "Shires Police")
    overall = police.rows[0]
    assert overall.label == "All standards"
    assert [c["average"] for c in overall.cells] == [pytest.approx(2), pytest.approx(3)]
    assert overall.cells[1]["change"] == 1
    assert police.rows[1].label.startswith("1. ")
    agency_a = next(t for t in trends if t.agency == "Agency A Academy")
    assert agency_a.rows[0].cells[1]["average"] is None  # 2025 is still a draft
    url = reverse("s11:year-on-year", kwargs={"slug": cast.p1.slug})
    lsp = page(client_for(cast.lsp), url)
    assert "Shires Police" in lsp and "Agency A Academy" in lsp and "+1.00" in lsp
    lead_a = page(client_for(cast.lead_a), url)
    assert "Agency A Academy" in lead_a and "Shires Police" not in lead_a
    assert "1.00" in lead_a and "2.00" not in lead_a and "3.00" not in lead_a
    lead_police = page(client_for(cast.lead_police), url)
    assert "Shires Police" in lead_police and "Agency A Academy" not in lead_police


def test_year_on_year_queries_do_not_grow(cast, client_for):
    earlier_cycle(cast, police_rating=2, a_rating=1)
    client = client_for(cast.bu_manager)
    url = reverse("s11:year-on-year", kwargs={"slug": cast.p1.slug})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        submitted_agency(cast.cycle1, f"Trust {i:02d}", [2] * 8)
    with CaptureQueriesContext(connection) as many:
        html = page(client, url)
    assert len(few) == len(many) == 18
    assert "Trust 09" in html


def test_year_on_year_shows_a_page_of_agencies_filtered_by_name(cast, client_for, settings):
    settings.LIST_PAGE_SIZE = 5
    earlier_cycle(cast, police_rating=2, a_rating=1)
    for i in range(10):
        submitted_agency(cast.cycle1, f"Trust {i:02d}", [2] * 8)
    client = client_for(cast.bu_manager)
    url = reverse("s11:year-on-year", kwargs={"slug": cast.p1.slug})
    first = page(client, url)
    assert "Showing 1 to 5 of 12 agencies" in first
    assert "Agency A Academy" in first and "Trust 04" not in first
    last = page(client, url + "?kind=section_11&page=3")
    assert "Trust 09" in last and "Trust 03" not in last and "Agency A Academy" not in last
    found = page(client, url + "?agency=trust+0")
    assert "Showing 1 to 5 of 10 agencies" in found and "Shires Police" not in found
    assert "agency=trust+0&amp;page=2" in found  # the filter stays on the next page
    assert "No agencies match this filter" in page(client, url + "?agency=nobody")
    response = client.get(url + "?agency=" + "x" * 101)
    assert response.status_code == 200
    assert "Enter 100 characters or fewer" in response.content.decode()
    assert "Trust 00" not in response.content.decode()


# Exports ---------------------------------------------------------------------------------


def test_csv_export_for_the_business_unit(cast, client_for):
    returns.moderate(assessment=cast.return_police, partnership=cast.p1,
                     standard=cast.s11_standard1, rating=2, feedback="", user=cast.bu_manager)
    returns.plan_item_add(assessment=cast.return_a, user=cast.lead_a, version=cast.return_a.version,
                          action="Train staff", due_on=datetime.date(2026, 3, 1),
                          standard=cast.s11_standard1)
    response = client_for(cast.bu_manager).get(analysis_url(cast.p1, cast.cycle1, "s11:export-csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="p1-p1-section-11-2025-ratings.csv"'
    rows = csv_rows(response)
    assert rows[0] == list(selectors.EXPORT_HEADER)
    assert len(rows) == 1 + 2 * 8
    police = [r for r in rows[1:] if r[1] == "Shires Police"]
    assert police[0] == ["P1 Section 11 2025", "Shires Police", "Submitted", "1",
                         "Senior management commitment to safeguarding", "3", "Green: fully met",
                         "2", "Amber: partly met", "1", "0"]
    agency_a = [r for r in rows[1:] if r[1] == "Agency A Academy"]
    assert agency_a[0][2:] == ["Draft", "1", "Senior management commitment to safeguarding", "2",
                               "Amber: partly met", "", "", "0", "1"]
    assert agency_a[1][5] == ""  # standard 2 not answered
    assert "CNRY-RETURN" not in str(rows)  # no narratives
    event = AccessEvent.objects.get(user=cast.bu_manager)
    assert event.action == AccessEvent.Action.EXPORT and event.partnership == cast.p1
    assert event.object_id == str(cast.cycle1.pk)


def test_xlsx_export_parses_back(cast, client_for):
    response = client_for(cast.chair).get(analysis_url(cast.p1, cast.cycle1, "s11:export-xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response)
    assert rows[0] == list(selectors.EXPORT_HEADER)
    # The chair reads submitted returns only: the police's rows, not agency A's draft.
    assert {r[1] for r in rows[1:]} == {"Shires Police"}
    assert rows[1][3:7] == ["1", "Senior management commitment to safeguarding", 3,
                            "Green: fully met"]
    assert AccessEvent.objects.filter(user=cast.chair, action="export").count() == 1


@pytest.mark.parametrize("who, agency", [("lead_a", "Agency A Academy"),
                                         ("contributor_a", "Agency A Academy"),
                                         ("lead_police", "Shires Police")])
def test_agency_staff_export_only_their_own_rows(cast, client_for, who, agency):
    submitted_agency(cast.cycle1, "Trust One", [1] * 8)
    submitted_agency(cast.cycle1, "Trust Two", [1] * 8)
    client = client_for(cast.users[who])
    csv_response = client.get(analysis_url(cast.p1, cast.cycle1, "s11:export-csv"))
    rows = csv_rows(csv_response)
    assert {r[1] for r in rows[1:]} == {agency}
    assert len(rows) == 1 + 8
    xlsx = xlsx_rows(client.get(analysis_url(cast.p1, cast.cycle1, "s11:export-xlsx")))
    assert {r[1] for r in xlsx[1:]} == {agency}
    text = str(rows)
    for other in {"Agency A Academy", "Shires Police", "Trust One", "Trust Two"} - {agency}:
        assert other not in text


def test_shared_return_exported_with_each_partnerships_moderation(cast, client_for):
    returns.moderate(assessment=cast.return_police, partnership=cast.p1,
                     standard=cast.s11_standard1, rating=1, feedback="", user=cast.bu_manager)
    rows = csv_rows(client_for(cast.bu_p2).get(analysis_url(cast.p2, cast.cycle2,
                                                            "s11:export-csv")))
    police = [r for r in rows[1:] if r[1] == "Shires Police"]
    assert police[0][0] == "P2 Section 11 2025" and police[0][7:9] == ["", ""]
    assert {r[1] for r in rows[1:]} == {"Shires Police", "Agency X Charity"}


def test_export_neutralises_formulas(cast, client_for):
    submitted_agency(cast.cycle1, "=HYPERLINK(\"http://evil.example\")", [3] * 8)
    response = client_for(cast.bu_manager).get(analysis_url(cast.p1, cast.cycle1,
                                                            "s11:export-csv"))
    names = {r[1] for r in csv_rows(response)[1:]}
    assert "'=HYPERLINK(\"http://evil.example\")" in names
    xlsx = xlsx_rows(client_for(cast.bu_manager).get(
        analysis_url(cast.p1, cast.cycle1, "s11:export-xlsx")))
    assert "'=HYPERLINK(\"http://evil.example\")" in {r[1] for r in xlsx[1:]}


def test_export_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = analysis_url(cast.p1, cast.cycle1, "s11:export-csv")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        submitted_agency(cast.cycle1, f"Trust {i:02d}", [2] * 8)
    with CaptureQueriesContext(connection) as many:
        rows = csv_rows(client.get(url))
    assert len(few) == len(many)
    assert len(rows) == 1 + 12 * 8


def test_ratings_by_agency_are_a_page_filtered_by_name(cast, client_for, settings):
    settings.LIST_PAGE_SIZE = 4
    for i in range(6):
        submitted_agency(cast.cycle1, f"Trust {i:02d}", [2] * 8)
    client = client_for(cast.bu_manager)
    url = analysis_url(cast.p1, cast.cycle1)
    first = page(client, url)
    table = first.split('id="agency-table"')[1]
    assert "Showing 1 to 4 of 8 agencies" in first  # police, agency A and six trusts
    assert "Agency A Academy" in table and "Trust 03" not in table
    found = page(client, url + "?agency=trust&page=2")
    table = found.split('id="agency-table"')[1]
    assert "Showing 5 to 6 of 6 agencies" in found and "Trust 05" in table
    assert "Shires Police" not in table
    assert "No agencies match this filter" in page(client, url + "?agency=nobody")
    response = client.get(url + "?agency=" + "x" * 101)
    assert response.status_code == 200 and "Enter 100 characters or fewer" in response.content.decode()
    assert 'id="agency-table"' not in response.content.decode()
    # agency staff see no ratings by agency, and no filter for them
    assert 'id="agency-table"' not in page(client_for(cast.lead_a), url)
