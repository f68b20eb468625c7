"""Bar charts (partnership.charts, agencies.charts): no label, figure or legend entry is cut
off, on screen (Arial) or in the PDF (DejaVu Sans, which is wider): text is measured in the
wider font, long labels wrap onto more lines and the chart is as wide as its text needs
(issue 17, defect 6). tests/test_browser_axe.py checks the drawn SVGs in Chromium."""

import pytest
from django.template.loader import render_to_string

from agencies import charts as s11_charts
from partnership import charts

LONG = "Children and Family Court Advisory and Support Service (Cafcass) for England"
WORD = "Supercalifragilisticexpialidocious-Safeguarding-Partnership-Board"


def test_text_is_measured_in_the_pdf_font():
    assert charts.text_width("") == 0
    assert 120 < charts.text_width("North Yorkshire Police") < 140  # DejaVu Sans at 12px
    assert charts.text_width("iiii") < charts.text_width("WWWW")


@pytest.mark.parametrize("label", [LONG, WORD, "Short"])
def test_every_line_of_a_label_fits_the_label_area(label):
    chart = charts.bar_chart("T", [(label, [5, 3]), ("Police", [1, 0])], ["Open", "Overdue"])
    lines = chart["groups"][0]["lines"]
    assert all(charts.text_width(line["text"]) <= chart["label_x"] for line in lines)
    assert " ".join(line["text"] for line in lines).replace(" ", "") == label.replace(" ", "")
    first_glyph_top = lines[0]["y"] - charts.FONT_SIZE
    assert first_glyph_top >= 0 and lines[-1]["y"] + 4 <= chart["height"]


def test_a_long_label_takes_more_lines_and_its_row_grows():
    chart = charts.bar_chart("T", [(LONG, [5]), ("Police", [1])], ["Open"], fmt=str)
    first, second = chart["groups"]
    assert len(first["lines"]) > 1 and len(second["lines"]) == 1
    # the next row starts below the wrapped label
    assert second["bars"][0]["y"] >= first["lines"][-1]["y"] + 4
    # the bar sits level with the label's middle
    middle = (first["lines"][0]["y"] + first["lines"][-1]["y"]) / 2 - 4
    assert abs(first["bars"][0]["y"] + charts.BAR / 2 - middle) <= charts.LINE


def test_figures_and_legend_fit_the_chart_width():
    chart = charts.bar_chart("T", [("A", [123456789, 1])],
                             ["Agreed contributions", "Received so far this year"],
                             fmt=lambda v: f"£{v:,}.00")
    bar = chart["groups"][0]["bars"][0]
    assert bar["text_x"] + charts.text_width(bar["text"]) <= chart["width"]
    last = chart["legend"][-1]
    assert last["x"] + charts.SWATCH + charts.text_width(last["name"]) <= chart["width"]
    assert chart["legend"][0]["x"] + charts.SWATCH + charts.text_width(
        chart["legend"][0]["name"]) < last["x"]  # side by side, not overlapping


def test_past_four_lines_a_label_ends_with_an_ellipsis():
    lines = charts.wrap(" ".join([LONG] * 4), 232)
    assert len(lines) == charts.MAX_LINES and lines[-1].endswith("…")
    assert all(charts.text_width(line) <= 232 for line in lines)


def test_the_drawn_svg_writes_each_line():
    chart = charts.bar_chart("T", [(LONG, [5])], ["Open"])
    svg = render_to_string("charts/bar_chart.html", {"chart": chart, "id": "c"})
    for line in chart["groups"][0]["lines"]:
        assert f'y="{line["y"]}">{line["text"]}</tspan>' in svg
    assert f"<title>{LONG}, Open: 5</title>" in svg  # the bar's tooltip names it in full


def test_section_11_stacked_bars_wrap_long_standard_names():
    options = ((1, "Not met"), (2, "Partly met"), (3, "Fully met"))
    chart = s11_charts.stacked_bars("T", [(LONG, [1, 1, 1], True), ("B", [1, 0, 0], True)],
                                    options)
    first, second = chart["groups"]
    assert len(first["lines"]) > 1
    assert all(charts.text_width(line["text"]) <= chart["label_x"] for line in first["lines"])
    assert second["y"] >= first["lines"][-1]["y"] + 4
    last = chart["legend"][-1]
    assert last["x"] + charts.SWATCH + charts.text_width(last["name"]) <= chart["width"]
    svg = render_to_string("agencies/analysis/chart.html", {"chart": chart, "id": "c"})
    assert f'>{first["lines"][0]["text"]}</tspan>' in svg
