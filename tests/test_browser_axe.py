"""In Chromium at desktop width: axe-core (the npm package, node_modules/axe-core) finds no
violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules on any kind of page the cast's people
see, and no chart's text sticks out of its SVG (issue 17, defect 6 and acceptance).

The pages are tests/test_browser_reflow.py's: every HTML route of the role x route matrix,
each opened by the first of its VIEWERS who may open it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Cycle
from partnership.models import User
from scrutiny.models import YearlyReport

from .conftest import DEMO_PASSWORD, in_ci
from .test_browser import pytestmark as browser_marks
from .test_browser_reflow import NARROW, VIEWERS, browser_page, check_pages, signed_in, too_wide

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [*browser_marks, pytest.mark.skipif(
    not AXE.exists() and not in_ci(), reason="node_modules/axe-core is missing: run npm ci")]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): '
    + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""

# Text in a chart (agency names, figures, the legend) that does not fit inside its SVG.
CLIPPED_CHART_TEXT = """() => [...document.querySelectorAll('svg')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  const width = box && box.width ? box.width : svg.width.baseVal.value;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < -0.5 || b.x + b.width > width + 0.5;
  }).map(t => JSON.stringify(t.textContent.trim()));
})"""


def axe_and_charts(page):
    page.add_script_tag(path=str(AXE))
    complaints = page.evaluate(RUN_AXE, TAGS)
    clipped = page.evaluate(CLIPPED_CHART_TEXT)
    if clipped:
        complaints.append(f"chart text cut off: {', '.join(clipped)}")
    return "; ".join(complaints)


@pytest.mark.parametrize("who", VIEWERS)
def test_no_wcag_violations_on_any_page(browser, live_server, who):
    assert AXE.exists(), "node_modules/axe-core is missing: run npm ci"
    pages, complaints = check_pages(browser, live_server, who, DESKTOP, axe_and_charts)
    assert not complaints, f"axe-core on {who}'s pages ({len(complaints)} of {len(pages)} " \
        "with violations):\n" + "\n".join(complaints)


DEMO_PAGES = [  # (route, its arguments after the partnership's slug)
    ("home", None), ("partnership-overview", []), ("agency-list", []),
    ("s11:return-list", []), ("s11:analysis", ["cycle"]), ("scrutiny:dashboard", []),
    ("governance:attendance-report", []), ("governance:action-list", []),
    ("governance:meeting-list", []), ("funding:years", []), ("scrutiny:report-html", ["report"]),
]


def test_the_demo_s_busiest_pages(browser, live_server):
    """The demo's real names and numbers (38 agencies, long names in charts and tables), as
    the police's agency lead (two partnerships) and the business unit manager: no sideways
    scrolling at 320px; at desktop width no axe-core violation and no chart text cut off."""
    call_command("load_demo", "--password", DEMO_PASSWORD, stdout=io.StringIO())
    slug = "north-yorkshire"
    objects = {"cycle": Cycle.objects.filter(partnership__slug=slug).order_by("opens_on").first(),
               "report": YearlyReport.objects.filter(partnership__slug=slug).first()}
    complaints = []
    for email in ("lead.police@nyscp.example", "manager@nyscp.example"):
        client = signed_in(User.objects.get(email=email))
        for viewport, check in ((NARROW, too_wide), (DESKTOP, axe_and_charts)):
            context, page = browser_page(browser, live_server, client, viewport)
            for route, args in DEMO_PAGES:
                url = reverse(route, args=None if args is None else
                              [slug, *(objects[a].pk for a in args)])
                if client.get(url).status_code != 200:
                    continue  # not this person's page
                page.goto(live_server.url + url)
                found = check(page)
                if found:
                    complaints.append(f"{email} {viewport['width']}px {url}: {found}")
            context.close()
    assert not complaints, "\n".join(complaints)
