"""Large exports (issue 14): every CSV export streams its rows as they are sent and every
Excel export is written in openpyxl's write-only mode, so neither holds the whole export in
memory; formulas stay neutralised in both; each export runs a fixed number of queries and
records its AccessEvent where it did before."""

import csv
import datetime
import io
import tracemalloc
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agencies import permissions as s11_permissions
from agencies import selectors_analysis
from funding import exports as funding_exports
from funding import selectors as funding_selectors
from governance.models import Action
from governance.views.reports import ACTION_HEADER, ATTENDANCE_HEADER
from partnership import exports
from partnership.models import AccessEvent
from reviews import selectors_practice
from reviews.services import notifications, taxonomy

pytestmark = pytest.mark.django_db

ROWS = 20_000
# Peak Python memory (tracemalloc) allowed while writing ROWS rows of 11 columns. The CSV
# holds one line at a time (measured: about 0.14 MB for a 2.5 MB file). The workbook writes
# its rows to a temporary file and holds only the finished, compressed file (measured: about
# 1.5 MB for a 1 MB file); the same rows in openpyxl's normal mode peak at about 76 MB.
CSV_PEAK = 512 * 1024
XLSX_PEAK = 4 * 1024 * 1024


def csv_text(rows):
    """Rows as csv.reader gives them back: every value as text, None as empty."""
    return [["" if v is None else str(exports.safe(v)) for v in row] for row in rows]


def download(client, name, kwargs, fmt):
    """The response, its whole body and the queries it took, read to its end."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"{name}-{fmt}", kwargs=kwargs))
        assert response.streaming == (fmt == "csv"), (name, fmt)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (name, fmt)
    return response, body, len(queries)


def parsed(body):
    return list(csv.reader(io.StringIO(body.decode())))


def sheet_rows(body):
    return [list(row) for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]


# Each export, its query count (absolute, read to its end, signed-in session included) and
# whether it records an AccessEvent.
EXPORTS = {"s11:export": (16, True), "governance:attendance-export": (11, False),
           "governance:action-export": (10, False), "funding:export": (15, False)}


def kwargs_for(cast, name):
    p1 = {"slug": cast.p1.slug}
    return {"s11:export": {**p1, "cycle_pk": cast.cycle1.pk},
            "funding:export": {**p1, "start_year": cast.year1.start_year}}.get(name, p1)


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_export_runs_a_fixed_number_of_queries_and_is_audited_as_before(
        cast, client_for, name, fmt):
    client = client_for(cast.bu_manager)
    download(client, name, kwargs_for(cast, name), fmt)  # the session settles
    before = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count()
    _, body, queries = download(client, name, kwargs_for(cast, name), fmt)
    count, audited = EXPORTS[name]
    assert queries == count
    assert body
    exported = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count() - before
    assert exported == (1 if audited else 0)


def test_the_section_11_ratings_csv_streams_the_selectors_rows(cast, client_for):
    _, body, _ = download(client_for(cast.bu_manager), "s11:export",
                          kwargs_for(cast, "s11:export"), "csv")
    standards = list(cast.cycle1.template.standards.all())
    expected = selectors_analysis.export_rows(
        cast.cycle1, cast.p1, s11_permissions.requests_for(cast.bu_manager, cast.p1), standards)
    rows = parsed(body)
    assert rows == csv_text(expected)
    assert rows[0] == list(selectors_analysis.EXPORT_HEADER) and len(rows) == 1 + 2 * 8


def test_the_funding_csv_streams_the_years_summary(cast, client_for):
    _, body, _ = download(client_for(cast.bu_manager), "funding:export",
                          kwargs_for(cast, "funding:export"), "csv")
    summary = funding_selectors.year_summary(cast.year1, cast.year1.contributions.all(),
                                             cast.year1.budget_lines.all(), whole=True)
    rows = parsed(body)
    assert rows == csv_text(funding_exports.rows(summary))
    assert rows[0] == ["Financial year", "2025/26"]


def test_the_themes_csv_streams_the_report(cast, client_for):
    theme = taxonomy.theme_create(partnership=cast.p1, name="=Neglect")
    notifications.notification_update(notification=cast.case1, themes=[theme])
    client = client_for(cast.bu_manager)
    response = client.get(reverse("reviews:theme-report-csv", kwargs={"slug": cast.p1.slug}))
    assert response.streaming
    rows = parsed(b"".join(response.streaming_content))
    report = selectors_practice.theme_report(cast.p1)
    assert rows == csv_text(selectors_practice.theme_report_rows(report))
    assert rows[0][:3] == ["Theme", "Retired", "Year"]
    assert rows[-1] == ["'=Neglect", "", "All years", "1", "0", "0", "0"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reviews:theme-report-csv", kwargs={"slug": cast.p1.slug}))
        b"".join(response.streaming_content)
    assert len(queries) == 14
    assert AccessEvent.objects.filter(user=cast.bu_manager, action="export").count() == 2


def test_the_governance_csvs_stream_their_rows(cast, client_for):
    client = client_for(cast.bu_manager)
    _, body, _ = download(client, "governance:action-export", kwargs_for(cast, "x"), "csv")
    rows = parsed(body)
    assert rows[0] == ACTION_HEADER
    assert sorted(row[0] for row in rows[1:]) == sorted(
        f"A{ref}" for ref in Action.objects.filter(partnership=cast.p1)
        .values_list("reference", flat=True))
    _, body, _ = download(client, "governance:attendance-export", kwargs_for(cast, "x"), "csv")
    rows = parsed(body)
    assert rows[0] == ["Attendance by agency"] and rows[1][1] == cast.p1.name
    assert ATTENDANCE_HEADER in rows


def large_rows(n=ROWS):
    """n rows of 11 columns (text, a formula to neutralise, numbers, an amount and dates),
    made one at a time."""
    yield ["Name", "Note", "Count", "Amount", "Due", "At", "A", "B", "C", "D", "E"]
    when = datetime.datetime(2026, 1, 1, 9, 30, tzinfo=datetime.UTC)
    for i in range(n):
        yield [f"Agency {i:05d}", f"=SUM({i})", i, Decimal(i) / 100,
               datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365), when,
               "Standard title", "Green: fully met", 3, "Amber: partly met", None]


def peak(work):
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_csv_streams_in_little_memory():
    response = exports.csv_stream(large_rows(), "large.csv")
    assert response.streaming
    lines = []

    def send():  # what the server does: one line at a time, keeping only the last
        size = 0
        for line in response.streaming_content:
            size += len(line)
            lines[:] = [line]
        return size

    size, used = peak(send)
    assert size > 4 * CSV_PEAK  # the file is far bigger than the memory its writing took
    assert used < CSV_PEAK, f"{used} bytes"
    assert lines[0].decode().startswith("Agency 19999,'=SUM(19999),19999,199.99,")


def test_a_large_workbook_is_written_in_little_memory():
    body, used = peak(lambda: exports.xlsx_bytes(large_rows(), title="Large", bold=("Name",),
                                                 widths={"A": 30}, money=("D",)))
    assert used < XLSX_PEAK, f"{used} bytes"
    book = load_workbook(io.BytesIO(body), read_only=True)
    rows = list(book["Large"].iter_rows(values_only=True))
    assert len(rows) == 1 + ROWS
    assert rows[-1][:5] == ("Agency 19999", "'=SUM(19999)", 19999, 199.99,
                            datetime.datetime(2026, 10, 17))


def test_a_workbook_keeps_its_bold_rows_widths_and_number_formats():
    rows = [["Name", "Due", "At", "Amount", "Count"],
            ["=cmd", datetime.date(2026, 3, 1), datetime.datetime(2026, 3, 1, 14, 5),
             Decimal("1234.5"), 7],
            ["Total", None, None, Decimal("1234.5"), 7]]
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(
        rows, title="Styled", bold=("Name", "Total"), widths={"A": 40}, money=("D",)))).active
    assert sheet.title == "Styled" and sheet.column_dimensions["A"].width == 40
    assert [c.font.bold for c in sheet[1]] == [True] * 5
    assert not sheet["A2"].font.bold and sheet["A3"].font.bold
    assert sheet["A2"].value == "'=cmd" and sheet["A2"].data_type == "s"
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["D2"].number_format == "#,##0.00" and sheet["D3"].number_format == "#,##0.00"
    assert sheet["E2"].number_format == "General"
