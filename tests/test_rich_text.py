"""One Markdown sanitiser for every place Markdown is shown (issue 13, defect 19): the
scrutineer's report sections on the web page and the yearly report's narratives (page and
PDF) keep the same allowlist; images only from the portal itself."""

import pytest
from django.urls import reverse

from partnership.rich_text import to_html
from scrutiny.services import activities as services

pytestmark = pytest.mark.django_db

HOSTILE = ("# Title\n\n<h1>Raw heading</h1>\n\n![tracker](https://evil.example/pixel.png)\n\n"
           "![logo](/static/images/logo.png) ![up](/static/../../etc/passwd)\n\n"
           "<script>alert(1)</script> [bad](javascript:alert(1)) [GOV.UK](https://www.gov.uk)\n\n"
           "### Kept heading")


def test_the_allowlist():
    html = str(to_html(HOSTILE))
    assert "<h1" not in html and "evil.example" not in html and "<script" not in html
    assert "javascript:" not in html and "etc/passwd" not in html
    assert '<img alt="logo" src="/static/images/logo.png">' in html
    assert '<a href="https://www.gov.uk" rel="noopener noreferrer">GOV.UK</a>' in html
    assert "<h3>Kept heading</h3>" in html


def test_the_scrutineers_sections_page_shows_what_the_report_shows(cast, client_for):
    services.section_create(partnership=cast.p1, author=cast.scrutineer, year=2019,
                            title="Hostile", body=HOSTILE, order=0)
    page = client_for(cast.scrutineer).get(
        reverse("scrutiny:section-list", args=[cast.p1.slug]) + "?year=2019").content.decode()
    assert "evil.example" not in page and "Raw heading</h1>" not in page
    assert "<h3>Kept heading</h3>" in page and str(to_html(HOSTILE)) in page
