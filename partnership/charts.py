"""Horizontal bar charts drawn on the server as SVG, for every app: no JavaScript, readable
by screen readers (a title and a description naming every figure; the same figures are
always in a table beside the chart), and the same markup in the pages and in a PDF.
templates/charts/bar_chart.html draws the geometry.

Text is measured, so that nothing is cut off: a label wider than the label area wraps onto
more lines, and the chart is as wide as its longest figure and its legend need. Widths are
those of DejaVu Sans, the PDF's font (static/fonts), which is wider than the Arial (or
Liberation Sans) the pages use: what fits in the PDF fits on screen."""

from decimal import Decimal
from functools import cache

from django.conf import settings
from fontTools.ttLib import TTFont

SERIES_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#912b88")  # 3:1 or more on white
LABEL_WIDTH = 240
PLOT_WIDTH = 360
BAR = 14
GAP = 10
TOP = 8
FONT_SIZE = 12
LINE = 14  # the distance between a wrapped label's lines
LABEL_GAP = 8  # between a label and its bars
MAX_LINES = 4
SWATCH = 16  # a legend's colour square and the space after it
LEGEND_GAP = 24


@cache
def _font():
    font = TTFont(settings.BASE_DIR / "static" / "fonts" / "DejaVuSans.ttf", lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


@cache
def _advance(char):
    cmap, hmtx, units = _font()
    return hmtx[cmap.get(ord(char), ".notdef")][0] / units


def text_width(text, size=FONT_SIZE):
    """The width of the text in CSS px at this font size."""
    return size * sum(_advance(char) for char in text)


def wrap(text, width, size=FONT_SIZE, max_lines=MAX_LINES):
    """The text in lines no wider than `width` px, broken between words (inside a word
    only when the word alone is wider); past max_lines, the last line ends with "…"."""
    lines = []
    for word in text.split():
        while text_width(word, size) > width:  # a word wider than the line: break it
            cut = max(n for n in range(1, len(word) + 1)
                      if n == 1 or text_width(word[:n], size) <= width)
            lines.append(word[:cut])
            word = word[cut:]
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last + "…"]
    return lines or [""]


def label_lines(label, top, height, width=LABEL_WIDTH - LABEL_GAP):
    """A row's label in lines, and the row: (lines, each with its baseline; the row's height,
    at least `height` and as tall as the lines; how far down the row's bars go so that they
    stay level with the label's middle)."""
    lines = wrap(label, width)
    row = max(height, LINE * len(lines))
    middle = top + row / 2
    first = middle - LINE * (len(lines) - 1) / 2 + 4  # +4: a 12px baseline sits below centre
    return ([{"text": line, "y": round(first + LINE * i, 1)} for i, line in enumerate(lines)],
            row, (row - height) // 2)


def legend(names, colours, x=LABEL_WIDTH):
    """Legend entries side by side, each as wide as its name."""
    items = []
    for i, name in enumerate(names):
        items.append({"name": name, "colour": colours[i % len(colours)], "x": x})
        x += SWATCH + int(text_width(name)) + LEGEND_GAP
    return items, x - LEGEND_GAP


TOP = 10  # bars a reader can take in: the largest rows, then one for the others


def top(rows, others, n=TOP):
    """rows (largest first) as a chart draws them: the first n, then one row "Others (k)"
    whose values are `others(the remaining rows)`; all of them when there are n + 1 or
    fewer."""
    if len(rows) <= n + 1:
        return list(rows)
    rest = rows[n:]
    return [*rows[:n], (f"Others ({len(rest)})", others(rest))]


def sums(rows):
    """`others` for top(): each series' total over the rows."""
    return [sum(values[i] for _, values in rows) for i in range(len(rows[0][1]))]


def bar_chart(title, rows, series, fmt=str, table=None):
    """rows: [(label, [value per series])]; series: names, in order; fmt writes a value
    (for example money.pounds); table: the rows of the table beside the chart when they
    are not the chart's own (every figure, where the chart shows the largest and
    "Others"). None with no rows."""
    if not rows:
        return None
    largest = max((v for _, values in rows for v in values), default=0) or 1
    groups, y, right = [], TOP, LABEL_WIDTH + PLOT_WIDTH
    for label, values in rows:
        lines, row, down = label_lines(label, y, BAR * len(values))
        bars = []
        for index, value in enumerate(values):
            width = int(PLOT_WIDTH * Decimal(value) / Decimal(largest))
            text = fmt(value)
            text_x = LABEL_WIDTH + max(width, 1) + 4
            right = max(right, text_x + int(text_width(text)) + 1)
            bars.append({"y": y + down + index * BAR, "width": max(width, 1 if value else 0),
                         "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                         "text": text, "series": series[index], "text_x": text_x})
        groups.append({"label": label, "lines": lines, "bars": bars})
        y += row + GAP
    items, legend_end = legend(series, SERIES_COLOURS)
    return {
        "title": title,
        "description": "; ".join(
            f"{label}: " + ", ".join(f"{s} {fmt(v)}" for s, v in zip(series, values, strict=True))
            for label, values in rows),
        "width": max(right, legend_end) + 8,
        "height": y + 24,
        "label_x": LABEL_WIDTH - LABEL_GAP,
        "label_width": LABEL_WIDTH,
        "legend_y": y + 6,
        "legend": items,
        "groups": groups,
        "table": [{"label": label, "cells": [fmt(v) for v in values]}
                  for label, values in (rows if table is None else table)],
    }
