"""The yearly report's contents (issue 16, items 3, 4, 6 and 11): every section keeps to the
report's period and says what it carries over; counts are exact and only breakdowns of the
children's characteristics are suppressed ("c" for 1 or 2); agency names are those of the
period's last day; the effectiveness narrative is required before sign-off; and who signed
off, and in what capacity, reads exactly (a delegated partner's recommendation is never a
sign-off). The PDF of the demo's report: tests/test_demo_scrutiny_reports.py."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnership.models import AgencyName
from reviews.models import Notification, NotifiedChild, PracticeReview, Recommendation
from scrutiny.selectors.report_reviews import recommendations, reviews, suppress
from scrutiny.selectors.report_sections import assemble
from scrutiny.services import reports

from .cast_scrutiny_reports import lead_partners, membership

pytestmark = pytest.mark.django_db
IN_PERIOD = datetime.date(2025, 6, 2)  # report1 covers 2025/26


def test_only_cells_of_one_or_two_children_are_suppressed_and_never_alone():
    assert suppress([("Female", 3), ("Male", 4)]) == [("Female", "3"), ("Male", "4")]
    assert suppress([("Female", 1), ("Male", 2), ("Not known", 7)]) == [
        ("Female", "c"), ("Male", "c"), ("Not known", "7")]
    # One small cell would be worked out from the others: the next smallest goes too
    assert suppress([("Female", 1), ("Male", 6), ("Not known", 9)]) == [
        ("Female", "c"), ("Male", "c"), ("Not known", "9")]
    assert suppress([("Male", 2)]) == [("Male", "c")]


def _notification(cast, n, aware, kind="serious_harm", children=()):
    notification = Notification.objects.create(
        partnership=cast.p1, reference=f"T-{n}", pseudonym=f"Child {n}", age_band="5_9",
        incident_type=kind, la_aware_on=aware, notify_by=aware)
    for position, (sex, ethnicity) in enumerate(children, start=1):
        NotifiedChild.objects.create(
            notification=notification, position=position, pseudonym=f"Child {n}{position}",
            age_band="5_9", sex=sex, ethnicity=ethnicity, disability="no", legal_status="none",
            placement="parents", known_to_agencies="yes", abuse_or_neglect="suspected",
            home_local_authority="Northshire")
    return notification


def test_counts_are_exact_and_only_the_childrens_characteristics_are_suppressed(cast, client_for):
    _notification(cast, 1, IN_PERIOD, "death", [("female", "white"), ("male", "white")])
    _notification(cast, 2, IN_PERIOD, children=[("female", "white")])
    _notification(cast, 3, IN_PERIOD, "care_leaver_death", [("male", "white")])
    _notification(cast, 4, datetime.date(2025, 3, 31), children=[("female", "asian")])  # earlier
    data = reviews(cast.p1, cast.report1.period_start, cast.report1.period_end)
    # The cast's Child A (December 2025) and the three above; not the one of March 2025
    assert (data["notified"], data["deaths"], data["serious_harm"], data["care_leavers"]) == (
        4, 1, 2, 1)
    by = {t["heading"]: dict(t["rows"]) for t in data["children"]}
    assert by["Sex"] == {"Female": "c", "Male": "c"}
    assert by["Ethnicity"] == {"White": "4"}
    page = client_for(cast.bu_manager).get(
        reverse("scrutiny:report-html", args=[cast.p1.slug, cast.report1.pk])).content.decode()
    assert "fewer than" not in page
    cell = '<td class="govuk-table__cell num govuk-table__cell--numeric">'
    assert f"Serious incidents notified to the Panel</th>{cell}4<" in page
    assert "Children notified: sex" in page


def test_recommendations_count_in_the_period_they_were_decided_and_the_rest_carry_over(cast):
    review = PracticeReview.objects.create(
        partnership=cast.p1, title="Child Q", decided_on=datetime.date(2024, 5, 1),
        target_on=datetime.date(2024, 11, 1))

    def rec(n, status, decided_on):
        return Recommendation.objects.create(partnership=cast.p1, practice_review=review,
                                             number=n, text=f"R{n}", status=status,
                                             decided_on=decided_on)

    rec(1, "accepted", datetime.date(2025, 7, 1))  # in 2025/26
    rec(2, "rejected", datetime.date(2025, 8, 1))  # in 2025/26
    rec(3, "accepted", datetime.date(2026, 12, 1))  # decided in 2026/27: not this report's
    rec(4, "accepted", None)  # undated: its review's decision (May 2024), still open
    rec(5, "complete", datetime.date(2024, 6, 1))  # earlier, done: not carried over
    data = recommendations(cast.p1, cast.report1.period_start, cast.report1.period_end)
    assert data["decided"] == 2
    assert {r["status"]: r["count"] for r in data["by_status"]} == {"Accepted": 1, "Rejected": 1}
    assert data["carried_over"] == 1
    earlier = recommendations(cast.p1, datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    assert earlier["decided"] == 2  # numbers 4 (by its review's date) and 5


def test_accepting_or_rejecting_a_recommendation_records_the_day(cast):
    from reviews.services import recommendations as services

    review = PracticeReview.objects.create(
        partnership=cast.p1, title="Child R", decided_on=datetime.date(2024, 5, 1),
        target_on=datetime.date(2024, 11, 1))
    recommendation = Recommendation.objects.create(partnership=cast.p1, practice_review=review,
                                                   number=1, text="Do better")
    services.recommendation_update(recommendation=recommendation, status="rejected",
                                   response="Already done")
    recommendation.refresh_from_db()
    assert recommendation.decided_on == datetime.date.today()


def test_agency_names_are_those_of_the_periods_last_day(cast, client_for):
    AgencyName.objects.create(agency=cast.council1, name="Northshire County Council",
                              until=datetime.date(2023, 3, 31))
    page = client_for(cast.bu_manager).get(
        reverse("scrutiny:report-html", args=[cast.p1.slug, cast.report_pub.pk])).content.decode()
    assert "Northshire County Council" in page  # the 2021/22 report
    page = client_for(cast.bu_manager).get(
        reverse("scrutiny:report-html", args=[cast.p1.slug, cast.report1.pk])).content.decode()
    assert "Northshire County Council" not in page and "Northshire Council" in page


def test_the_report_says_who_signed_off_in_what_capacity_and_who_only_recommended(cast, client_for):
    html = reverse("scrutiny:report-html", args=[cast.p1.slug, cast.report_pub.pk])
    page = client_for(cast.lead_a).get(html).content.decode()
    assert "Sign-off by the lead safeguarding partners" in page
    assert ("Signed off for Shires Police by Police Lead Partner, Chief Constable, lead "
            "safeguarding partner for Shires Police, on 20 June 2022.") in page
    reports.recommend(report=cast.report1, membership=membership(cast.dsp))
    reports.sign_off(report=cast.report1, membership=membership(cast.lsp))
    page = client_for(cast.bu_manager).get(
        reverse("scrutiny:report-detail", args=[cast.p1.slug, cast.report1.pk])).content.decode()
    assert "Sign-off by the lead safeguarding partners" not in page
    assert ("Not yet signed off by the lead safeguarding partners for Northshire ICB and Shires "
            "Police.") in page
    assert ("Signed off for Northshire Council by Lsp, Lead safeguarding partner for Northshire "
            "Council") in page
    assert ("Shires Police: not yet signed off by its lead safeguarding partner. Recommended "
            "for sign-off by Dsp, Delegated safeguarding partner for Shires Police") in page


def test_a_delegated_partner_cannot_sign_and_a_lead_partner_cannot_recommend(cast, client_for):
    with pytest.raises(ValidationError, match="lead safeguarding partner"):
        reports.sign_off(report=cast.report1, membership=membership(cast.dsp))
    with pytest.raises(ValidationError, match="delegated safeguarding partner"):
        reports.recommend(report=cast.report1, membership=membership(cast.lsp))
    url = reverse("scrutiny:report-sign-off", args=[cast.p1.slug, cast.report1.pk])
    assert client_for(cast.dsp).post(url, {"partner": cast.police.pk}).status_code == 403
    assert not cast.report1.sign_offs.exists()


def test_no_sign_off_until_the_effectiveness_section_is_written(cast, client_for):
    reports.narrative_save(report=cast.report1, section="effectiveness", text="",
                           author=cast.bu_manager)
    with pytest.raises(ValidationError, match="How effective the arrangements have been"):
        reports.sign_off(report=cast.report1, membership=membership(cast.lsp))
    sections = {s.key: s for s in assemble(cast.report1)}
    assert not sections["effectiveness"].complete
    url = reverse("scrutiny:report-sign-off", args=[cast.p1.slug, cast.report1.pk])
    response = client_for(cast.lsp).post(url, {"partner": cast.council1.pk})
    assert response.status_code == 200 and not cast.report1.sign_offs.exists()
    assert "How effective the arrangements have been" in response.content.decode()


def test_the_warning_when_no_report_was_published_in_the_last_12_months(cast, client_for):
    home = reverse("home") + f"?partnership={cast.p1.slug}"
    dashboard = reverse("scrutiny:dashboard", args=[cast.p1.slug])
    api = reverse("api-partnership-detail", args=[cast.p1.pk])
    warning = "No yearly report has been published in the last 12 months"
    assert warning in client_for(cast.bu_manager).get(home).content.decode()
    assert warning in client_for(cast.scrutineer).get(dashboard).content.decode()
    assert warning not in client_for(cast.lead_a).get(home).content.decode()
    data = client_for(cast.lead_a).get(api).json()
    assert (data["yearly_report_last_published_on"], data["yearly_report_overdue"]) == (
        "2022-07-01", True)
    for lead in lead_partners(cast):
        reports.sign_off(report=cast.report1, membership=lead)
    reports.publication_record(report=cast.report1, published_on=datetime.date.today())
    assert warning not in client_for(cast.bu_manager).get(home).content.decode()
    assert warning not in client_for(cast.scrutineer).get(dashboard).content.decode()
    data = client_for(cast.lead_a).get(api).json()
    assert data["yearly_report_overdue"] is False


def test_the_api_lists_reports_newest_first_with_sign_offs_in_fixed_queries(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("scrutiny:api-report-create") + f"?partnership={cast.p1.pk}"
    client = client_for(cast.bu_manager)
    with CaptureQueriesContext(connection) as few:
        listed = client.get(url).json()
    assert [r["label"] for r in listed] == ["2025/26", "2021/22"]
    published = listed[1]
    assert (published["published_on"], published["signed_off"]) == ("2022-07-01", True)
    assert {(s["partner_name"], s["signed_by"], s["capacity"]) for s in published["sign_offs"]} >= {
        ("Shires Police", "Police Lead Partner",
         "Chief Constable, lead safeguarding partner for Shires Police")}
    # Agency staff see the published report only
    assert [r["label"] for r in client_for(cast.lead_a).get(url).json()] == ["2021/22"]
    for year in range(2010, 2016):
        report = reports.report_create(partnership=cast.p1, period_start=datetime.date(year, 4, 1),
                                       period_end=datetime.date(year + 1, 3, 31))
        reports.narrative_save(report=report, section="effectiveness", text="Effective",
                               author=cast.bu_manager)
        reports.sign_off(report=report, membership=membership(cast.lsp))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()) == 8
    assert len(many) == len(few)


def test_the_api_signs_off_for_the_lead_partners_own_partner_only(cast, client_for):
    url = reverse("scrutiny:api-report-sign-off", args=[cast.report1.pk])
    lsp = client_for(cast.lsp)
    refused = lsp.post(url, {"partner": cast.police.pk}, content_type="application/json")
    assert refused.status_code == 403
    done = lsp.post(url, {"partner": cast.council1.pk}, content_type="application/json")
    assert done.status_code == 201
    assert done.json()["capacity"] == "Lead safeguarding partner for Northshire Council"
    again = lsp.post(url, {"partner": cast.council1.pk}, content_type="application/json")
    assert again.status_code == 400 and "partner" in again.json()
    dsp = client_for(cast.dsp).post(url, {"partner": cast.police.pk},
                                    content_type="application/json")
    assert dsp.status_code == 403 and cast.report1.sign_offs.count() == 1
