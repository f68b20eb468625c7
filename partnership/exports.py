"""CSV and Excel downloads shared by every app: the same rows in both formats, with text a
spreadsheet would run as a formula neutralised (OWASP "CSV injection")."""

import csv
import datetime
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe,
    so a spreadsheet shows it instead of running it; control characters a workbook cannot
    hold (all but tab, newline and carriage return) are dropped, so one stored bell or escape
    cannot break an export. Numbers and dates pass unchanged."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value):
    """A value openpyxl can store: Excel has no time zones, so aware datetimes are shown in
    local time."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return safe(value)


def csv_text(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if v is None else safe(v) for v in row])
    return out.getvalue()


def xlsx_bytes(rows, *, title="Sheet1", bold=(), widths=None):
    """A workbook with one sheet; rows whose first cell is in `bold` are set in bold (header
    and total rows); `widths` maps column letters to widths."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([_cell(v) for v in row])
        if row and row[0] in bold:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for column in sheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for letter, width in (widths or {}).items():
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(rows, filename):
    return download(csv_text(rows), filename, CSV_TYPE)


def xlsx_download(rows, filename, **kwargs):
    return download(xlsx_bytes(rows, **kwargs), filename, XLSX_TYPE)


class _Line:
    """A file-like object whose write returns what was written, for csv.writer."""

    def write(self, value):
        return value


def csv_stream(rows, filename):
    """A CSV download written row by row as it is sent (rows: an iterator, such as one over
    a queryset's .iterator()), so a long export never sits whole in memory."""
    writer = csv.writer(_Line())
    response = StreamingHttpResponse(
        (writer.writerow(["" if v is None else safe(v) for v in row]) for row in rows),
        content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
