"""The rating distribution per standard as a 100 % stacked horizontal bar chart, drawn on
the server as SVG: no JavaScript, readable by screen readers (a title and a description
naming every figure; the same figures are always in a table beside the chart), colours in
the scale's order from worst to best with white gaps between segments, and each segment's
share written on it when it is wide enough. agencies may not import funding or reviews, so
this module has its own geometry; labels wrap and the legend is measured as in
partnership.charts, so that no text is cut off."""

from partnership.charts import LABEL_GAP, label_lines, legend

from .selectors_analysis import percent

LABEL_WIDTH = 260
PLOT_WIDTH = 400
BAR = 22
GAP = 12
TOP = 8
MIN_TEXT_WIDTH = 34  # a segment narrower than this carries no text (the table has it)

# Worst first, like SCALE_OPTIONS; (fill, text colour on it), each pair 4.5:1 or more.
PALETTES = {
    3: (("#d4351c", "#ffffff"), ("#f47738", "#0b0c0c"), ("#00703c", "#ffffff")),
    4: (("#d4351c", "#ffffff"), ("#f47738", "#0b0c0c"), ("#85994b", "#0b0c0c"),
        ("#00703c", "#ffffff")),
}
FALLBACK = ("#1d70b8", "#ffffff")


def palette(size):
    return PALETTES.get(size, (FALLBACK,) * size)


def stacked_bars(title, rows, options, *, hidden_text="Not shown"):
    """rows: [(label, [count per option, in the options' order], shown)] where `shown` is
    False for a row whose figures are suppressed; options: [(value, label)], worst first.

    Returns the geometry templates/agencies/analysis/chart.html draws (None with no rows)."""
    if not rows:
        return None
    colours = palette(len(options))
    groups, y, described = [], TOP, []
    for label, counts, shown in rows:
        total = sum(counts)
        lines, row, down = label_lines(label, y, BAR, LABEL_WIDTH - LABEL_GAP)
        group = {"label": label, "lines": lines, "y": y + down, "text_y": y + down + BAR // 2 + 4,
                 "segments": [], "note": ""}
        if not shown:
            group["note"] = hidden_text
            described.append(f"{label}: {hidden_text.lower()}")
        elif not total:
            group["note"] = "No ratings yet"
            described.append(f"{label}: no ratings yet")
        else:
            x, used = LABEL_WIDTH, 0
            parts = []
            for index, count in enumerate(counts):
                if not count:
                    continue
                used += count
                # Cumulative rounding: the segments always add up to the full width.
                end = LABEL_WIDTH + PLOT_WIDTH * used // total
                width = end - x
                share = percent(count, total)
                fill, ink = colours[index]
                option = options[index][1]
                group["segments"].append({
                    "x": x, "width": max(width - 1, 1), "fill": fill, "ink": ink,
                    "text": f"{share}%" if width >= MIN_TEXT_WIDTH else "",
                    "text_x": x + width // 2, "tooltip": f"{label}, {option}: {count} ({share}%)"})
                parts.append(f"{option} {count} ({share}%)")
                x = end
            described.append(f"{label}: " + ", ".join(parts))
        groups.append(group)
        y += row + GAP
    legend_y = y + 4
    items, legend_end = legend([name for _, name in options], [fill for fill, _ in colours], 10)
    return {
        "title": title,
        "description": "; ".join(described),
        "width": max(LABEL_WIDTH + PLOT_WIDTH + 20, legend_end + 10),
        "height": legend_y + 24,
        "label_width": LABEL_WIDTH,
        "bar": BAR,
        "legend_y": legend_y,
        "label_x": LABEL_WIDTH - LABEL_GAP,
        "legend": items,
        "groups": groups,
    }
