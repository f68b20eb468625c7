"""Horizontal bar charts drawn on the server as SVG, for every app: no JavaScript, readable
by screen readers (a title and a description naming every figure; the same figures are
always in a table beside the chart), and the same markup in the pages and in a PDF.
templates/charts/bar_chart.html draws the geometry."""

from decimal import Decimal

SERIES_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#912b88")  # 3:1 or more on white
LABEL_WIDTH = 240
PLOT_WIDTH = 360
BAR = 14
GAP = 10
TOP = 8
LEGEND_STEP = 130


def bar_chart(title, rows, series, fmt=str):
    """rows: [(label, [value per series])]; series: names, in order; fmt writes a value
    (for example money.pounds). None with no rows."""
    if not rows:
        return None
    largest = max((v for _, values in rows for v in values), default=0) or 1
    groups, y = [], TOP
    for label, values in rows:
        bars = []
        for index, value in enumerate(values):
            width = int(PLOT_WIDTH * Decimal(value) / Decimal(largest))
            bars.append({"y": y + index * BAR, "width": max(width, 1 if value else 0),
                         "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                         "text": fmt(value), "series": series[index],
                         "text_x": LABEL_WIDTH + max(width, 1) + 4})
        groups.append({"label": label[:40] + ("…" if len(label) > 40 else ""),
                       "label_y": y + BAR * len(values) // 2 + 4, "bars": bars})
        y += BAR * len(values) + GAP
    return {
        "title": title,
        "description": "; ".join(
            f"{label}: " + ", ".join(f"{s} {fmt(v)}" for s, v in zip(series, values, strict=True))
            for label, values in rows),
        "width": max(LABEL_WIDTH + PLOT_WIDTH + 110, LABEL_WIDTH + LEGEND_STEP * len(series)),
        "height": y + 24,
        "label_width": LABEL_WIDTH,
        "legend_y": y + 6,
        "legend": [{"name": name, "colour": SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    "x": LABEL_WIDTH + i * LEGEND_STEP} for i, name in enumerate(series)],
        "groups": groups,
    }
