"""CSV and Excel downloads shared by every app: the same rows in both formats, with text a
spreadsheet would run as a formula neutralised (OWASP "CSV injection").

Both are written as the rows come (rows: any iterable, such as a generator over a
queryset's .iterator()), so a long export never sits whole in memory: a CSV is streamed to
the browser row by row; a workbook is written in openpyxl's write-only mode (rows go to a
temporary file as they are appended) and only the finished, compressed file is held."""

import csv
import datetime
import decimal
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"


def safe(value):
    """Text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe,
    so a spreadsheet shows it instead of running it; control characters a workbook cannot
    hold (all but tab, newline and carriage return) are dropped, so one stored bell or escape
    cannot break an export. Numbers and dates pass unchanged."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _value(value):
    """A value openpyxl can store: Excel has no time zones, so aware datetimes are shown in
    local time."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return safe(value)


def _cell(sheet, value, bold, money):
    """The value as it is appended: a WriteOnlyCell where it needs a style (a bold row, a
    date, an amount in a money column), else the bare value."""
    value = _value(value)
    if isinstance(value, datetime.datetime):
        number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif money and isinstance(value, decimal.Decimal):
        number_format = MONEY_FORMAT
    else:
        number_format = None
    if not (bold or number_format):
        return value
    cell = WriteOnlyCell(sheet, value)
    if bold:
        cell.font = BOLD
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_bytes(rows, *, title="Sheet1", bold=(), widths=None, money=()):
    """A workbook with one sheet, written in constant memory: rows whose first cell is in
    `bold` are set in bold (header and total rows); `widths` maps column letters to widths;
    amounts (Decimals) in the `money` columns (letters) show two decimal places."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for letter, width in (widths or {}).items():  # before any row, in write-only mode
        sheet.column_dimensions[letter].width = width
    for row in rows:
        strong = bool(row) and row[0] in bold
        sheet.append([_cell(sheet, v, strong, bool(money) and get_column_letter(i) in money)
                      for i, v in enumerate(row, 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_download(rows, filename, **kwargs):
    return download(xlsx_bytes(rows, **kwargs), filename, XLSX_TYPE)


class _Line:
    """A file-like object whose write returns what was written, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(rows):
    """The rows as CSV lines, one at a time."""
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(["" if v is None else safe(v) for v in row])


def csv_stream(rows, filename):
    """A CSV download written row by row as it is sent, so a long export never sits whole
    in memory."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
