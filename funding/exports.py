"""The year's summary as rows for partnership.exports (the same rows in CSV and Excel)."""

from partnership import exports

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


def download(summary, filename, fmt):
    """The summary as a streamed CSV or an Excel workbook (amounts to the penny, header and
    total rows in bold)."""
    if fmt == "csv":
        return exports.csv_stream(rows(summary), f"{filename}.csv")
    return exports.xlsx_download(rows(summary), f"{filename}.xlsx",
                                 title=summary["year"].label.replace("/", "-"),
                                 bold=("Agency", "Spending category", "Total"),
                                 widths={"A": 45}, money=("B", "C", "D", "G", "J", "L"))
