"""load_demo's scrutiny plan and challenge log (scrutiny/demo_activities.py): North
Yorkshire's 2019/20 plan with findings, the scrutineer's report sections and a challenge
in each state, one overdue. Loaded once for the module, rolled back at its end."""

import datetime
import io

import pytest

from governance.models import Action
from partnership.models import Partnership
from scrutiny import demo_activities
from scrutiny.models import Challenge, Finding, ReportSection, ScrutinyActivity
from scrutiny.selectors.activities import challenge_summary, report_findings

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def ny(demo_data, db):
    return Partnership.objects.get(slug="north-yorkshire")


def test_the_plan_has_several_types_findings_and_actions(ny):
    activities = ScrutinyActivity.objects.filter(partnership=ny, year=2019)
    assert activities.count() == 7
    assert set(activities.values_list("status", flat=True)) == {
        "planned", "in_progress", "completed", "cancelled"}
    assert Finding.objects.filter(activity__partnership=ny).count() == 5
    assert Action.objects.filter(partnership=ny, source="scrutiny").count() == 2
    assert ReportSection.objects.filter(partnership=ny, year=2019).count() == 2


def test_there_is_a_challenge_in_each_state_and_one_overdue(ny):
    today = datetime.date.today()
    challenges = list(Challenge.objects.filter(partnership=ny))
    assert {c.state for c in challenges} == {"raised", "responded", "judged", "closed"}
    assert sum(c.is_overdue(today) for c in challenges) == 1
    assert sum(c.state == "raised" and not c.is_overdue(today) for c in challenges) == 1
    summary = challenge_summary(ny, D(2019, 4, 1), D(2020, 3, 31), today=today)
    assert summary["total"] == 4 and summary["overdue"] == 1
    findings = report_findings(ny, D(2019, 4, 1), D(2020, 3, 31))
    assert len(findings["activities"]) == 6  # the cancelled one is left out
    assert findings["sections"][0]["author"] == "Jordan Hale"


def test_loading_again_changes_nothing(ny):
    before = ScrutinyActivity.objects.count(), Challenge.objects.count()
    out = io.StringIO()
    demo_activities.load(out)
    assert "left as it is" in out.getvalue()
    assert (ScrutinyActivity.objects.count(), Challenge.objects.count()) == before


def test_the_dashboard_has_targets_and_rag_for_north_yorkshire(ny):
    from scrutiny.models import IndicatorTarget
    from scrutiny.selectors.indicators import indicators_for

    assert IndicatorTarget.objects.filter(partnership=ny).count() == 6
    values = {v.code: v for v in indicators_for(ny, D(2019, 4, 1), D(2020, 3, 31))}
    assert values["actions_overdue"].target == 0
    assert values["actions_overdue"].higher_is_better is False
    assert values["notifications_on_time"].rag in ("red", "amber", "green", None)
    assert any(v.rag for v in values.values())
