"""National reviews by the Panel (issue 16, item 10): the business unit records one from a
rapid review that referred the case, or standalone for national learning; its
recommendations join the action register like local ones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action
from partnership.errors import WrongState
from reviews.models import NationalReview
from reviews.services import national, rapid, recommendations

from .cast import A_STAFF

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_recorded_from_a_rapid_review_that_referred_the_case(cast, client_for):
    rapid.decision_record(review=cast.review1, decision="national", reasons="National themes",
                          decided_on=D(2026, 1, 14))
    client = client_for(cast.bu_manager)
    rapid_page = client.get(reverse("reviews:rapid-detail", kwargs={
        "slug": cast.p1.slug, "pk": cast.review1.pk})).content.decode()
    assert f"national/new/?rapid={cast.review1.pk}" in rapid_page
    form = client.get(url("reviews:national-review-create", cast) + f"?rapid={cast.review1.pk}")
    assert f'value="{cast.review1.pk}" selected' in form.content.decode()
    response = client.post(url("reviews:national-review-create", cast), {
        "rapid_review": cast.review1.pk, "title": "Child protection in cases of neglect",
        "summary": "How agencies recognise cumulative neglect",
        **date("panel_decided_on", D(2026, 2, 2)), **date("published_on", D(2026, 11, 3)),
        "published_url": "https://www.gov.uk/government/publications/neglect"})
    assert response.status_code == 302
    review = NationalReview.objects.get()
    assert review.rapid_review == cast.review1 and review.partnership == cast.p1
    rapid_page = client.get(reverse("reviews:rapid-detail", kwargs={
        "slug": cast.p1.slug, "pk": cast.review1.pk})).content.decode()
    assert "National review:" in rapid_page and "Child protection in cases of neglect" in rapid_page
    detail = client_for(cast.scrutineer).get(url("reviews:national-review-detail", cast,
                                                 pk=review.pk)).content.decode()
    assert "How agencies recognise cumulative neglect" in detail
    assert "3 November 2026" in detail
    # One national review per case.
    response = client.post(url("reviews:national-review-create", cast), {
        "rapid_review": cast.review1.pk, "title": "Again"})
    assert "Choose one of the rapid reviews in the list" in response.content.decode()
    assert NationalReview.objects.count() == 1


def test_a_rapid_review_that_did_not_refer_the_case_is_refused(cast, client_for):
    rapid.decision_record(review=cast.review1, decision="no_review", reasons="Not met",
                          decided_on=D(2026, 1, 14))
    response = client_for(cast.bu_manager).post(url("reviews:national-review-create", cast), {
        "rapid_review": cast.review1.pk, "title": "Not referred"})
    assert "Choose one of the rapid reviews in the list" in response.content.decode()
    with pytest.raises(WrongState):
        national.national_review_create(partnership=cast.p1, title="x",
                                        rapid_review=cast.review1)
    assert not NationalReview.objects.exists()


def test_standalone_with_its_dates_checked(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(url("reviews:national-review-create", cast), {
        "title": "Safeguarding children with disabilities in residential settings",
        **date("panel_decided_on", D(2022, 3, 1)), **date("published_on", D(2022, 2, 1))})
    assert ("Publication must be on or after the Panel&#x27;s decision to review"
            in response.content.decode())
    assert not NationalReview.objects.exists()
    response = client.post(url("reviews:national-review-create", cast), {
        "title": "Safeguarding children with disabilities in residential settings",
        **date("panel_decided_on", D(2022, 3, 1)), **date("published_on", D(2023, 4, 26))})
    assert response.status_code == 302
    review = NationalReview.objects.get()
    assert review.rapid_review is None
    response = client.post(url("reviews:national-review-edit", cast, pk=review.pk), {
        "title": "Safeguarding children with disabilities (phase 2)",
        **date("published_on", D(2023, 10, 31))})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.title.endswith("(phase 2)") and review.panel_decided_on is None


def test_its_recommendations_join_the_action_register(cast, client_for):
    review = national.national_review_create(partnership=cast.p1, title="Myth of invisible men",
                                             published_on=D(2021, 9, 15))
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:recommendation-create", cast) + f"?national={review.pk}",
                           {"text": "Involve fathers in assessments"})
    assert response.status_code == 302
    [recommendation] = review.recommendations.all()
    assert recommendation.partnership == cast.p1 and recommendation.number == 1
    action = recommendations.action_add(
        recommendation=recommendation, description="Add fathers to the assessment template",
        owner_agency=cast.agency_a, due_on=D(2030, 1, 31), created_by=cast.bu_officer)
    assert Action.objects.get(pk=action.pk).partnership == cast.p1
    register = client.get(reverse("governance:action-list", kwargs={"slug": cast.p1.slug})
                          + "?source=review").content.decode()
    assert "Add fathers to the assessment template" in register
    listing = client.get(url("reviews:recommendation-list", cast)).content.decode()
    assert "National review: Myth of invisible men" in listing
    detail = client_for(cast.chair).get(url("reviews:national-review-detail", cast,
                                            pk=review.pk)).content.decode()
    assert "Involve fathers in assessments" in detail
    assert action.code in detail
    api = client_for(cast.chair).get(reverse("reviews:api-recommendation-detail",
                                             kwargs={"pk": recommendation.pk})).json()
    assert api["review"] == {"kind": "national_review", "id": review.pk}


def test_readers_read_the_business_unit_writes_agency_staff_see_nothing(cast, client_for):
    review = national.national_review_create(partnership=cast.p1, title="Child Q")
    for who, code in (("chair", 200), ("scrutineer", 200), ("lead_a", 404), ("bu_p2", 404)):
        client = client_for(cast.users[who])
        assert client.get(url("reviews:national-review-list", cast)).status_code == code, who
        assert client.get(url("reviews:national-review-detail", cast, pk=review.pk)
                          ).status_code == code, who
    chair = client_for(cast.chair)
    assert chair.get(url("reviews:national-review-create", cast)).status_code == 403
    assert chair.post(url("reviews:national-review-edit", cast, pk=review.pk),
                      {"title": "Changed"}).status_code == 403
    for who in A_STAFF:
        listing = client_for(cast.users[who]).get(reverse("reviews:api-national-review-list"))
        assert listing.json()["results"] == [], who


def test_list_queries_do_not_grow_with_reviews(cast, client_for):
    client = client_for(cast.bu_manager)
    address = url("reviews:national-review-list", cast)
    api = reverse("reviews:api-national-review-list")

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    national.national_review_create(partnership=cast.p1, title="First")
    few, few_api = count(address), count(api)
    for i in range(12):
        review = national.national_review_create(partnership=cast.p1, title=f"Review {i}")
        recommendations.recommendation_create(review=review, text=f"Do {i}")
    assert count(address) == few
    assert count(api) == few_api
    assert len(client.get(api).json()["results"]) == 13
