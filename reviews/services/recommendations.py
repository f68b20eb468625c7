"""Recommendations of reviews, and the actions on the partnership's register that carry
them out (written through the core's action service)."""

from django.db import transaction
from django.db.models import Max

from governance.services import actions
from partnership.errors import Invalid, WrongState
from partnership.models.dated import today
from partnership.services.common import locked, model_update

from ..models import NationalReview, PracticeReview, Recommendation

FIELDS = ("text", "status", "response", "impact")


def _source(review):
    """The Recommendation field naming `review`, and the review's partnership."""
    if isinstance(review, PracticeReview):
        return "practice_review", review.partnership
    if isinstance(review, NationalReview):
        return "national_review", review.partnership
    return "rapid_review", review.notification.partnership


@transaction.atomic
def recommendation_create(*, review, text, themes=(), **fields):
    """`review`: a RapidReview, a PracticeReview or a NationalReview (the Panel's, whose
    recommendations the partnership takes on like its own)."""
    source, partnership = _source(review)
    siblings = Recommendation.objects.filter(**{source: review})
    number = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
    recommendation = Recommendation(partnership=partnership, number=number, **{source: review})
    model_update(recommendation, {"text": text, **fields}, FIELDS)
    recommendation.themes.set(themes)
    return recommendation


def _decided(recommendation, before):
    """Record the day a recommendation was accepted or rejected (the yearly report counts it
    in the period of that day): when its status becomes one of them, or when it leaves
    "proposed" for the first time."""
    status = recommendation.status
    if status == before or status == "proposed":
        return
    if status in ("accepted", "rejected") or recommendation.decided_on is None:
        recommendation.decided_on = today()
        recommendation.save(update_fields=["decided_on"])


@transaction.atomic
def recommendation_update(*, recommendation, themes=None, **fields):
    locked(recommendation)
    if fields.get("status") == "rejected" and not fields.get("response", recommendation.response).strip():
        raise Invalid({"response": "Enter why the recommendation was not accepted"})
    before = recommendation.status
    model_update(recommendation, fields, FIELDS)
    _decided(recommendation, before)
    if themes is not None:
        recommendation.themes.set(themes)
    return recommendation


@transaction.atomic
def action_add(*, recommendation, description, owner_agency, due_on, created_by, owner=None):
    if recommendation.status == "rejected":
        raise WrongState("The recommendation was not accepted: it has no actions")
    action = actions.action_create(
        partnership=recommendation.partnership, source="review", description=description,
        owner_agency=owner_agency, owner=owner, due_on=due_on, created_by=created_by,
        source_label=f"{recommendation.review}: recommendation {recommendation.number}")
    recommendation.actions.add(action)
    if recommendation.status == "proposed":
        recommendation.status = "accepted"
        recommendation.save(update_fields=["status"])
        _decided(recommendation, "proposed")
    return action
