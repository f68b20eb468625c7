"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers (a
title and a description; the same figures are always in a table beside the chart), and
the same markup in the pages and in the yearly report's PDF."""

from decimal import Decimal

from . import money

SERIES_COLOURS = ("#1d70b8", "#00703c", "#6f72af", "#f47738")
LABEL_WIDTH = 240
PLOT_WIDTH = 360
BAR = 14
GAP = 10
TOP = 8


def bar_chart(title, rows, series):
    """rows: [(label, [value per series])]; series: names, in order.

    Returns the geometry templates/funding/bar_chart.html draws (or None with no rows)."""
    if not rows:
        return None
    largest = max((v for _, values in rows for v in values), default=Decimal(0)) or Decimal(1)
    groups, y = [], TOP
    for label, values in rows:
        bars = []
        for index, value in enumerate(values):
            width = int(PLOT_WIDTH * Decimal(value) / largest)
            bars.append({"y": y + index * BAR, "width": max(width, 1 if value else 0),
                         "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                         "text": money.pounds(value), "series": series[index],
                         "text_x": LABEL_WIDTH + max(width, 1) + 4})
        groups.append({"label": label[:40] + ("…" if len(label) > 40 else ""),
                       "label_y": y + BAR * len(values) / 2 + 4, "bars": bars})
        y += BAR * len(values) + GAP
    return {
        "title": title,
        "description": "; ".join(
            f"{label}: " + ", ".join(f"{s} {money.pounds(v)}" for s, v in zip(series, values,
                                                                               strict=True))
            for label, values in rows
        ),
        "width": LABEL_WIDTH + PLOT_WIDTH + 110,
        "height": y + 24,
        "label_width": LABEL_WIDTH,
        "legend_y": y + 12,
        "legend": [{"name": name, "colour": SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    "x": LABEL_WIDTH + i * 110} for i, name in enumerate(series)],
        "groups": groups,
    }
