"""load_demo's multi-agency dataset and consultations (scrutiny/demo_dataset.py): North
Yorkshire's measures and four quarters of 2019/20 returns (one draft), a closed autumn 2019
consultation with answers and a current one. Loaded once for the module."""

import datetime
import io

import pytest
from django.urls import reverse

from partnership.models import Partnership, User
from scrutiny import demo_dataset
from scrutiny.models import Consultation, DatasetReturn, Measure
from scrutiny.selectors.dataset import consultation_summary, indicator_values, report_summary

pytestmark = pytest.mark.django_db

YEAR = (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))


@pytest.fixture
def ny(demo_data, db):
    return Partnership.objects.get(slug="north-yorkshire")


def test_measures_and_four_quarters_of_returns(ny, demo_data):
    assert "Dataset demo: 5 measures, 20 quarterly returns" in demo_data
    assert Measure.objects.filter(partnership=ny).count() == 5
    returns = DatasetReturn.objects.filter(partnership=ny)
    assert sorted({r.quarter.label for r in returns}) == [
        "2019/20 Q1", "2019/20 Q2", "2019/20 Q3", "2019/20 Q4"]
    assert returns.filter(status="draft").count() == 1
    rows = {r["code"]: r for r in report_summary(ny, *YEAR)}
    assert rows["referrals"]["agencies_reporting"] == 4
    assert rows["cp-plans"]["quarters"][-1][1] == 419
    values = {v.code: v for v in indicator_values(ny, datetime.date(2020, 1, 1),
                                                  datetime.date(2020, 3, 31))}
    assert values["dataset_missing"].rag == "amber" and len(values["dataset_missing"].trend) == 4


def test_consultations(ny):
    [autumn] = consultation_summary(ny, *YEAR)
    assert autumn["responded"] == 3 and autumn["sent_to"] > 3
    assert autumn["questions"][0]["average"] == pytest.approx(3.7, abs=0.05)
    assert Consultation.objects.filter(partnership=ny).count() == 2


def test_the_police_lead_is_asked_for_figures_and_answers(ny, client):
    client.force_login(User.objects.get(email="lead.police@nyscp.example"))
    client.post(reverse("partnership-switch"), {"partnership": ny.slug})
    page = client.get(reverse("home")).content.decode()
    assert "dataset figures for" in page and "Answer the consultation" in page
    overview = reverse("scrutiny:dataset", args=[ny.slug])
    client.force_login(User.objects.get(email="scrutineer@nyscp.example"))
    page = client.get(overview, {"quarter": "2019-04-01"}).content.decode()
    assert "Multi-agency dataset, 2019/20 Q1" in page and "5 of 5 agencies asked have" in page


def test_loading_again_changes_nothing(ny):
    before = DatasetReturn.objects.count()
    out = io.StringIO()
    demo_dataset.load(out)
    assert "left as it is" in out.getvalue() and DatasetReturn.objects.count() == before
