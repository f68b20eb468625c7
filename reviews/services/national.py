"""National reviews by the Child Safeguarding Practice Review Panel, recorded by the business
unit: from a rapid review that referred the case for a national review, or standalone for
the national learning. Their recommendations (reviews.services.recommendations) join the
action register like local ones."""

from django.db import transaction

from partnership.errors import Invalid, WrongState
from partnership.services.common import locked, model_update

from ..models import Decision, NationalReview

FIELDS = ("title", "summary", "panel_decided_on", "published_on", "published_url")


def _check(fields):
    decided, published = fields.get("panel_decided_on"), fields.get("published_on")
    if decided and published and published < decided:
        raise Invalid({"published_on": "Publication must be on or after the Panel's decision "
                                       "to review"})


@transaction.atomic
def national_review_create(*, partnership, title, rapid_review=None, themes=(), **fields):
    if rapid_review is not None:
        if rapid_review.notification.partnership_id != partnership.pk:
            raise Invalid({"rapid_review": "Choose one of the partnership's rapid reviews"})
        if rapid_review.decision != Decision.NATIONAL:
            raise WrongState("The rapid review did not refer the case for a national review")
        if NationalReview.objects.filter(rapid_review=rapid_review).exists():
            raise WrongState("A national review of this case is already recorded")
    _check(fields)
    review = NationalReview(partnership=partnership, rapid_review=rapid_review)
    model_update(review, {"title": title, **fields}, FIELDS)
    review.themes.set(themes)
    return review


@transaction.atomic
def national_review_update(*, review, themes=None, **fields):
    locked(review)
    _check({"panel_decided_on": review.panel_decided_on, "published_on": review.published_on,
            **fields})
    model_update(review, fields, FIELDS)
    if themes is not None:
        review.themes.set(themes)
    return review
