"""load_demo's yearly report (scrutiny/demo_reports.py): North Yorkshire's 2019/20 report
with its narratives and two of the three sign-offs, every required item present from live
data or a narrative, and a second load leaving it as it is. Loaded once for the module."""

import datetime
import io

import pytest

from partnership.models import Partnership
from scrutiny import demo_reports
from scrutiny.models import YearlyReport
from scrutiny.selectors.report_sections import assemble, checklist
from scrutiny.services.reports import missing_sign_offs

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(demo_data, db):
    ny = Partnership.objects.get(slug="north-yorkshire")
    return YearlyReport.objects.get(partnership=ny, period_start=datetime.date(2019, 4, 1))


def test_the_demo_report_waits_for_the_nhs_commissioner(report, demo_data):
    assert "Yearly report demo" in demo_data
    assert report.narratives.count() == len(demo_reports.NARRATIVES)
    assert [a.name for a in missing_sign_offs(report)] == ["North Yorkshire and York CCGs"]
    assert not report.versions.exists()  # no PDF rendered while loading


def test_every_required_item_of_the_demo_report_is_present(report):
    rows = checklist(assemble(report))
    assert [row["heading"] for row in rows if not row["complete"]] == []
    live = {row["key"] for row in rows if row["live"]}
    assert {"partners", "governance", "priorities", "reviews", "funding", "scrutiny"} <= live


def test_loading_again_leaves_the_report_as_it_is(report):
    out = io.StringIO()
    demo_reports.load(out)
    assert "left as it is" in out.getvalue()
    assert YearlyReport.objects.filter(partnership=report.partnership).count() == 1
