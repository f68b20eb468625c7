"""Local child safeguarding practice reviews, their milestones, the lead safeguarding
partners' sign-off of each stage, publication and learning briefings.

The three lead partners sign off, in order, the decision to commission the review, the final
report and the publication decision (domain.md, corrections item 4): the publication decision
is recorded only once the final report is signed by all three, and publication only once the
publication decision is. A delegated partner may prepare and recommend; never sign."""


from django.db import transaction

from partnership import dates
from partnership import permissions as core
from partnership.dates import add_months
from partnership.errors import Forbidden, Invalid, WrongState
from partnership.services.common import locked, model_update

from ..models import (
    Decision,
    LearningBriefing,
    Milestone,
    PracticeReview,
    PracticeSignOff,
    Publication,
    Stage,
)
from ..models.practice import PRE_PUBLICATION_DAYS, TARGET_MONTHS
from .rapid import missing_sign_offs

FIELDS = ("title", "reviewer", "terms_of_reference", "method", "target_on", "status",
          "final_report_on")


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


# Ofsted's copy: Working Together names no separate time for it; domain.md (section 1.4, an
# unverified [K] note) says "within the same timescale", so its due date is the Panel's.
OFSTED_RULE = (f"Ofsted's copy is due by the same day as the Panel's: at least "
               f"{PRE_PUBLICATION_DAYS} working days before publication. The guidance names no "
               f"separate time for Ofsted; check it before relying on this date.")


def ofsted_copy_due_by(review, publication_on=None):
    return copy_due_by(review, publication_on)


def stage_missing(review, stage):
    """The statutory partners (today's) who have not signed off `stage`, by name."""
    signed = set(PracticeSignOff.objects.filter(review=review, stage=stage)
                 .values_list("partner_id", flat=True))
    return sorted((a for a in core.statutory_partners(review.partnership) if a.pk not in signed),
                  key=lambda a: a.name)


def _still_to_sign(what, missing):
    return (f"{what} needs the sign-off of all three lead safeguarding partners first. Still "
            f"to sign: " + ", ".join(a.name for a in missing))


def stage_blocked(review, stage):
    """Why `stage` cannot be signed off yet, or "" (the stages go in order)."""
    if stage == Stage.FINAL_REPORT:
        if not review.final_report_on:
            return "Record the date the final report was received before it is signed off"
        missing = stage_missing(review, Stage.COMMISSIONING)
        return _still_to_sign("The decision to commission the review", missing) if missing else ""
    if stage == Stage.PUBLICATION:
        if not review.publication:
            return "Record the publication decision before it is signed off"
        missing = stage_missing(review, Stage.FINAL_REPORT)
        return _still_to_sign("The final report", missing) if missing else ""
    return ""


@transaction.atomic
def practice_sign_off(*, review, stage, membership):
    """A lead safeguarding partner signs off one stage for the partner `membership` acts for
    (one of partnership.permissions.lead_partner_memberships), recorded with its capacity."""
    review = PracticeReview.objects.select_for_update().get(pk=review.pk)
    if stage not in Stage.values:
        raise Invalid({"stage": "Choose what you are signing off"})
    leads = core.lead_partner_memberships(membership.user, review.partnership)
    if membership.pk not in {m.pk for m in leads}:
        raise Forbidden("Only a lead safeguarding partner signs off a practice review, for "
                        "the statutory partner they lead")
    if review.published_on or review.status == "closed":
        raise WrongState("The review is published or closed: nothing is left to sign off")
    blocked = stage_blocked(review, stage)
    if blocked:
        raise WrongState(blocked)
    partner = membership.agency
    if PracticeSignOff.objects.filter(review=review, stage=stage, partner=partner).exists():
        raise WrongState(f"{partner} has already signed off "
                         f"{Stage(stage).label[0].lower()}{Stage(stage).label[1:]}")
    return PracticeSignOff.objects.create(review=review, stage=stage, partner=partner,
                                          signed_by=membership.user,
                                          capacity=core.capacity(membership))


@transaction.atomic
def publication_record(*, review, publication, planned_on=None, copy_sent_on=None,
                       published_on=None, published_url="", reasons="", ofsted_copy_sent_on=None):
    """The publication decision and its dates. Refused until the final report is signed off
    by all three lead partners; publishing is refused until the publication decision is, and
    unless the copy went to the Panel and the Secretary of State at least 7 working days
    before. Changing the decision (or its reasons) withdraws its sign-offs."""
    locked(review)
    missing = stage_missing(review, Stage.FINAL_REPORT)
    if missing:
        raise WrongState(_still_to_sign("The final report", missing)
                         + ". Then record the publication decision")
    changed = (review.publication, review.not_publishing_reasons) != (publication,
                                                                      reasons.strip())
    if changed and review.published_on is None:
        review.sign_offs.filter(stage=Stage.PUBLICATION).delete()
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
        missing = stage_missing(review, Stage.PUBLICATION)
        if published_on and missing and "published_on" not in errors:
            errors["published_on"] = _still_to_sign("The publication decision", missing)
    if errors:
        raise Invalid(errors)
    review.publication, review.not_publishing_reasons = publication, reasons.strip()
    review.planned_publication_on, review.copy_sent_on = planned_on, copy_sent_on
    review.ofsted_copy_sent_on = ofsted_copy_sent_on
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
