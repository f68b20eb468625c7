"""The demo's reviews in full (reviews/demo/review_detail.py): Child B's rapid review with
the criteria and its parallel processes, the practice reviews' stages signed off by the lead
safeguarding partners of the day, and a national review with a recommendation on the
register."""

import pytest

from partnership.permissions import statutory_partners
from reviews.models import NationalReview, PracticeReview, PracticeSignOff

from .test_demo_reviews import ny, reviews_loaded  # noqa: F401 (the module's demo fixtures)

pytestmark = pytest.mark.django_db


def test_child_b_in_full(ny):  # noqa: F811
    review = PracticeReview.objects.get(partnership=ny, title="Child B").rapid_review
    assert {a.criterion: a.finding for a in review.criteria.all()} == {
        "improvements": "met", "recurrent": "met", "working_together": "met",
        "national": "not_met"}
    assert all(a.reasoning for a in review.criteria.all())
    assert {p.kind for p in review.parallel_processes.all()} == {"police_investigation",
                                                                 "inquest"}


def test_the_lead_partners_signed_child_as_practice_review(ny):  # noqa: F811
    published = PracticeReview.objects.get(partnership=ny, title="Child A")
    partners = set(statutory_partners(ny, on=published.published_on))  # the CCG in 2020
    for stage in ("commissioning", "final_report", "publication"):
        signed = PracticeSignOff.objects.filter(review=published, stage=stage)
        assert {s.partner for s in signed} == partners, stage
        for s in signed:
            assert s.signed_by.partnership_memberships.filter(
                role="lead_safeguarding_partner").exists()
            assert ", lead safeguarding partner for " in s.capacity
    assert published.ofsted_copy_sent_on is not None
    in_progress = PracticeReview.objects.get(partnership=ny, title="Child B")
    assert not in_progress.sign_offs.exists()  # for today's lead partners to sign


def test_a_national_review_with_its_recommendation_on_the_register(ny):  # noqa: F811
    [review] = NationalReview.objects.filter(partnership=ny)
    assert review.title.startswith("The myth of invisible men")
    [recommendation] = review.recommendations.all()
    [action] = recommendation.actions.all()
    assert action.source == "review" and action.partnership == ny
    assert action.source_label.startswith("The myth of invisible men")
