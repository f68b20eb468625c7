"""Local child safeguarding practice reviews, their milestones, publication and learning
briefings."""

import datetime

from django.db import transaction

from partnership import dates
from partnership.errors import Invalid, WrongState
from partnership.services.common import locked, model_update

from ..models import Decision, LearningBriefing, Milestone, PracticeReview, Publication
from ..models.practice import PRE_PUBLICATION_DAYS, TARGET_MONTHS
from .rapid import missing_sign_offs

FIELDS = ("title", "reviewer", "terms_of_reference", "method", "target_on", "status",
          "final_report_on")


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return day.replace(year=year, month=month, day=min(day.day, last))


@transaction.atomic
def practice_review_create(*, partnership, title, decided_on, rapid_review=None,
                           target_months=TARGET_MONTHS, themes=(), **fields):
    if rapid_review is not None:
        if rapid_review.decision != Decision.PRACTICE_REVIEW:
            raise WrongState("The rapid review did not decide on a local practice review")
        missing = missing_sign_offs(rapid_review)
        if missing:
            raise WrongState("The decision needs the sign-off of all three safeguarding "
                             "partners first. Still to sign: "
                             + ", ".join(a.name for a in missing))
        if hasattr(rapid_review, "practice_review"):
            raise WrongState("A practice review of this case already exists")
    if not 1 <= target_months <= 24:
        raise Invalid({"target_months": "The target is between 1 and 24 months"})
    review = PracticeReview(partnership=partnership, rapid_review=rapid_review, decided_on=decided_on)
    fields.setdefault("target_on", add_months(decided_on, target_months))
    model_update(review, {"title": title, **fields}, FIELDS)
    review.themes.set(themes)
    return review


@transaction.atomic
def practice_review_update(*, review, themes=None, **fields):
    locked(review)
    if fields.get("target_on") and fields["target_on"] < review.decided_on:
        raise Invalid({"target_on": "The target date must be after the decision"})
    model_update(review, fields, FIELDS)
    if themes is not None:
        review.themes.set(themes)
    return review


def copy_due_by(review, publication_on=None):
    return review.copy_due_by(dates.STATUTORY, publication_on)


@transaction.atomic
def publication_record(*, review, publication, planned_on=None, copy_sent_on=None,
                       published_on=None, published_url="", reasons=""):
    """The publication decision and its dates. Publishing is refused unless the copy went
    to the Panel and the Secretary of State at least 7 working days before."""
    locked(review)
    errors = {}
    if publication not in Publication.values:
        errors["publication"] = "Choose whether the review will be published"
    elif publication == Publication.NOT_PUBLISHED:
        if not reasons.strip():
            errors["reasons"] = "Enter the reasons for not publishing"
        if published_on:
            errors["published_on"] = "A review that is not published has no publication date"
    else:
        publication_day = published_on or planned_on
        if publication_day and copy_sent_on:
            latest = copy_due_by(review, publication_day)
            if copy_sent_on > latest:
                errors["copy_sent_on"] = (
                    f"The copy must reach the Panel and the Secretary of State at least "
                    f"{PRE_PUBLICATION_DAYS} working days before publication: by "
                    f"{latest:%-d %B %Y} for publication on {publication_day:%-d %B %Y}")
        if published_on and not copy_sent_on:
            errors["copy_sent_on"] = ("Record the date the copy was sent to the Panel and the "
                                      "Secretary of State before recording publication")
        if published_on and review.final_report_on and published_on < review.final_report_on:
            errors["published_on"] = "Publication must be on or after the final report"
    if errors:
        raise Invalid(errors)
    review.publication, review.not_publishing_reasons = publication, reasons.strip()
    review.planned_publication_on, review.copy_sent_on = planned_on, copy_sent_on
    review.published_on, review.published_url = published_on, published_url
    if published_on:
        review.status = "published"
    elif publication == Publication.NOT_PUBLISHED:
        review.status = "not_published"
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def milestone_add(*, review, title, due_on):
    return model_update(Milestone(review=review), {"title": title, "due_on": due_on},
                        ("title", "due_on"))


@transaction.atomic
def milestone_done(*, milestone, done_on):
    return model_update(milestone, {"done_on": done_on}, ("done_on",))


@transaction.atomic
def briefing_add(*, review, **fields):
    return model_update(LearningBriefing(review=review), fields,
                        ("title", "summary", "published_on", "link"))
