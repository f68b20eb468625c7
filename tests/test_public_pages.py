"""The partnership's public pages (issue 16, item 7): without sign-in, in their own GOV.UK
layout with none of the signed-in site's navigation, showing only what an explicit publish
action put there: the arrangements and threshold document from their frozen versions, yearly
reports recorded as published (HTML and their final PDF), published practice reviews and
learning briefings, and an Atom feed of it all."""

import datetime

import pytest
from django.urls import reverse

from arrangements import services
from reviews.models import PracticeReview
from reviews.services import practice
from scrutiny.models import RenderStatus
from scrutiny.services import report_render

from .matrix_arrangements import docs, final_pdf

pytestmark = pytest.mark.django_db


def published_review(cast, title, publication="full", url="https://nscp.example/child-b"):
    """A practice review the reviews app recorded as published (its sign-off and copy rules
    are the reviews app's own, tested there)."""
    review = practice.practice_review_create(partnership=cast.p1, title=title,
                                             decided_on=datetime.date(2025, 1, 6))
    PracticeReview.objects.filter(pk=review.pk).update(
        publication=publication, published_on=datetime.date(2025, 9, 1), published_url=url)
    return review


def test_the_index_shows_what_was_published_to_anyone(cast, client_for):
    docs(cast)
    published_review(cast, "Child B")
    unpublished = practice.practice_review_create(partnership=cast.p1, title="Child C",
                                                  decided_on=datetime.date(2025, 3, 3))
    practice.briefing_add(review=unpublished, title="Seven minutes on neglect",
                          summary="What practitioners should look for.",
                          published_on=datetime.date(2025, 10, 1))
    practice.briefing_add(review=unpublished, title="Briefing still in draft")
    anon = client_for(None)
    response = anon.get(reverse("arrangements:public-index", args=[cast.p1.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Published safeguarding arrangements</a> (version 1, published" in body
    assert "The threshold document has not been published here yet." in body
    assert "Yearly report 2021/22" in body and "2025/26" not in body
    assert 'href="https://nscp.example/child-b">Child B</a>' in body
    assert "Child C" not in body  # the review itself is not published
    assert "Seven minutes on neglect" in body and "Briefing still in draft" not in body
    # Its own layout: none of the signed-in site's navigation, even for a signed-in person.
    signed_in = client_for(cast.bu_manager).get(
        reverse("arrangements:public-index", args=[cast.p1.slug])).content.decode()
    for page in (body, signed_in):
        assert "Sign out" not in page and "Case reviews" not in page
        assert page.count("<h1") == 1


def test_a_published_version_is_shown_from_its_snapshot(cast, client_for):
    docs(cast)
    services.setting_create(partnership=cast.p1, name="Added later", kind="other", area="Town")
    url = reverse("arrangements:public-document", args=[cast.p1.slug, "arrangements", 1])
    body = client_for(None).get(url).content.decode()
    assert "Hilltop children&#x27;s home (children&#x27;s home), Northtown" in body
    assert "Added later" not in body  # recorded after the version was drafted
    assert "A joint child death overview panel." in body
    assert "Chief Constable, Chief Constable, lead safeguarding partner for Shires Police" in body
    assert "Northshire Council" in body and "Not yet signed" not in body


@pytest.mark.parametrize("address", [
    ("p1", "arrangements", 2),  # a draft
    ("p1", "threshold", 1),  # none
    ("p2", "threshold", 1),  # P2's draft
    ("no-such-partnership", "arrangements", 1),
])
def test_nothing_unpublished_is_reachable(cast, client_for, address):
    docs(cast)
    assert client_for(None).get(
        reverse("arrangements:public-document", args=address)).status_code == 404


def test_the_signed_in_site_still_needs_sign_in(cast, client_for):
    docs(cast)
    response = client_for(None).get(reverse("arrangements:list", args=[cast.p1.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_yearly_reports_as_html_and_their_final_pdf(cast, client_for):
    anon = client_for(None)
    html = anon.get(reverse("arrangements:public-report", args=[cast.p1.slug,
                                                                 cast.report_pub.pk]))
    assert html.status_code == 200
    assert "Yearly report 2021/22" in html.content.decode()
    assert anon.get(reverse("arrangements:public-report",
                            args=[cast.p1.slug, cast.report1.pk])).status_code == 404
    pdf = reverse("arrangements:public-report-pdf", args=[cast.p1.slug, cast.report_pub.pk])
    assert anon.get(pdf).status_code == 404  # no final version yet
    # A rendered version is public only when it is final (not a draft).
    version = report_render.render_request(report=cast.report_pub, queue=False)
    assert report_render.render_run(version.pk) == RenderStatus.READY
    version.refresh_from_db()
    assert anon.get(pdf).status_code == (404 if version.draft else 200)
    final_pdf(cast)
    response = anon.get(pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Never a report of another partnership through this one's address.
    assert anon.get(reverse("arrangements:public-report",
                            args=[cast.p2.slug, cast.report_pub.pk])).status_code == 404


def test_the_feed_lists_what_was_published(cast, client_for):
    docs(cast)
    published_review(cast, "Child B", publication="improvements_only", url="")
    response = client_for(None).get(reverse("arrangements:public-feed", args=[cast.p1.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 3
    assert "Published safeguarding arrangements, version 1" in body
    assert f"/public/{cast.p1.slug}/arrangements/1/" in body
    assert "Yearly report 2021/22" in body and "Practice review: Child B" in body
    assert "version 2" not in body


def test_the_index_does_not_grow_in_queries(cast, client_for, django_assert_max_num_queries):
    docs(cast)
    for n in range(5):
        review = published_review(cast, f"Child {n}")
        practice.briefing_add(review=review, title=f"Briefing {n}",
                              published_on=datetime.date(2025, 10, 1))
    anon = client_for(None)
    url = reverse("arrangements:public-index", args=[cast.p1.slug])
    anon.get(url)
    with django_assert_max_num_queries(8):
        assert "Briefing 4" in anon.get(url).content.decode()
    with django_assert_max_num_queries(8):
        assert anon.get(reverse("arrangements:public-feed", args=[cast.p1.slug])).status_code \
            == 200
