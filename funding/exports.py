"""The year's summary as CSV and as an Excel workbook (the same rows in both)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from partnership.exports import csv_text
from partnership.exports import safe as _safe

HEADER = ["Agency", "Agreed (£)", "Share of declared budget (%)", "Agreed share (%)",
          "Implied by agreed share (£)", "Earmark", "Invoiced (£)", "Invoice date",
          "Invoice reference", "Received (£)", "Received date", "Outstanding (£)", "In kind"]


def rows(summary):
    yield ["Financial year", summary["year"].label]
    yield ["Partnership", summary["year"].partnership.name]
    if summary["whole"]:
        yield ["Declared budget (£)", summary["declared"]]
        yield ["Contributions agreed (£)", summary["totals"]["agreed"]]
        yield ["Variance (£)", summary["variance"]]
    yield []
    yield HEADER
    for c in summary["contributions"]:
        yield [c.agency.name, c.agreed, c.share_of_total if summary["whole"] else None,
               c.agreed_share, c.implied, c.earmark, c.invoice_amount, c.invoice_date,
               c.invoice_reference, c.received_amount, c.received_date, c.outstanding,
               c.in_kind]
    if summary["whole"]:
        t = summary["totals"]
        yield ["Total", t["agreed"], None, None, None, None, t["invoiced"], None, None,
               t["received"], None, t["outstanding"], None]
        yield []
        yield ["Spending category", "Description", "Budget (£)", "Actual (£)",
               "Actual less budget (£)"]
        for line in summary["spending"]:
            yield [line.get_category_display(), line.description, line.budget, line.actual,
                   line.difference]
        s = summary["spend_totals"]
        yield ["Total", None, s["budget"], s["actual"], s["difference"]]


def to_csv(summary):
    return csv_text(rows(summary))


def to_xlsx(summary):
    book = Workbook()
    sheet = book.active
    sheet.title = summary["year"].label.replace("/", "-")
    for row in rows(summary):
        sheet.append([_safe(v) for v in row])
        if row and row[0] in ("Agency", "Spending category", "Total"):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for cell in sheet["B"] + sheet["G"] + sheet["J"] + sheet["L"] + sheet["C"] + sheet["D"]:
        if hasattr(cell.value, "as_tuple"):
            cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
