"""Rapid reviews: started from a notification sent to the Panel, agency summaries, the
decision and the three statutory partners' sign-offs, and what was sent to the Panel."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partnership import dates, roles
from partnership.errors import Conflict, Invalid, WrongState
from partnership.models import Designation, NotificationKind
from partnership.services.common import locked, model_update
from partnership.services.notifications import agency_people, notify

from ..models import AgencySummary, RapidReview, ReviewSignOff, SummaryStatus
from ..models.rapid import SUMMARY_DAYS
from .notifications import REVIEW_DAYS, rapid_review_refusal

REVIEW_FIELDS = ("facts", "immediate_actions", "learning", "panel_meeting_on",
                 "equality_racism", "equality_disability", "equality_other")


@transaction.atomic
def rapid_review_start(*, notification):
    if hasattr(notification, "rapid_review"):
        raise WrongState("A rapid review of this case has already started")
    if (refusal := rapid_review_refusal(notification)) is not None:
        raise WrongState(refusal)
    if notification.notified_on is None:
        raise Invalid({"notified_on": "Record the date the Panel was notified before "
                                      "starting the rapid review: its 15 working days "
                                      "count from that date"})
    return RapidReview.objects.create(
        notification=notification,
        due_on=dates.statutory_deadline(notification.notified_on, REVIEW_DAYS))


@transaction.atomic
def rapid_review_update(*, review, themes=None, **fields):
    locked(review)
    if fields.get("panel_meeting_on") and fields["panel_meeting_on"] < review.notification.notified_on:
        raise Invalid({"panel_meeting_on": "The panel meeting must be on or after the "
                                           "date the Panel was notified"})
    model_update(review, fields, REVIEW_FIELDS)
    if themes is not None:
        review.themes.set(themes)
    return review


def statutory_partners(partnership):
    return [d.agency for d in Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).select_related("agency")]


@transaction.atomic
def summaries_request(*, review, agencies, requested_on=None, due_on=None):
    """Ask agencies for their summaries; each gets its own deadline (by default
    SUMMARY_DAYS working days after the request, and never after the review is due)."""
    partnership = review.notification.partnership
    requested_on = requested_on or timezone.localdate()
    if not agencies:
        raise Invalid({"agencies": "Choose at least one agency to ask for a summary"})
    designated = set(Designation.objects.active().filter(partnership=partnership)
                     .values_list("agency_id", flat=True))
    outside = [a.name for a in agencies if a.pk not in designated]
    if outside:
        raise Invalid({"agencies": f"Not part of {partnership}: {', '.join(outside)}"})
    if due_on is None:
        due_on = min(dates.local_deadline(requested_on, SUMMARY_DAYS, partnership), review.due_on)
    elif due_on < requested_on:
        raise Invalid({"due_on": "The summary deadline must be on or after the request"})
    made = []
    for agency in agencies:
        summary, created = AgencySummary.objects.get_or_create(
            rapid_review=review, agency=agency,
            defaults={"requested_on": requested_on, "due_on": due_on})
        if created:
            made.append(summary)
            _notify_requested(summary, partnership)
    return made


def _notify_requested(summary, partnership):
    """Tell the agency's leads that its summary is asked for: the case's system reference
    and the deadline, never the child's pseudonym or any detail of the case."""
    review = summary.rapid_review
    notify(kind=NotificationKind.SUMMARY_REQUESTED,
           recipients=agency_people(summary.agency, roles.WRITE_AGENCY_SUMMARY),
           message=f"{partnership.name} asks {summary.agency.name} for its rapid review "
                   f"summary for case {review.notification.reference}, due on "
                   f"{summary.due_on:%-d %B %Y}.",
           link=reverse("reviews:summary-edit", args=[partnership.slug, review.pk, summary.pk]),
           partnership=partnership)


@transaction.atomic
def summary_save(*, summary, user, involvement, analysis, version, submit=False, nil=False):
    """The agency lead's draft or submission. `version` is the one the writer started
    from: if someone saved in between, nothing is overwritten."""
    summary = AgencySummary.objects.select_for_update().get(pk=summary.pk)
    if summary.version != version:
        raise Conflict("Someone else saved this summary while you were writing. Your "
                       "changes have not been saved: copy them, reload the page and "
                       "make them again", current=summary.version)
    if summary.status in (SummaryStatus.SUBMITTED, SummaryStatus.NIL):
        raise WrongState("This summary has been submitted and can no longer be changed")
    if submit and not nil and not (involvement.strip() and analysis.strip()):
        raise Invalid("Enter the agency's involvement and its analysis before "
                      "submitting, or submit a nil return")
    summary.involvement, summary.analysis = involvement, analysis
    summary.version += 1
    if submit:
        summary.status = SummaryStatus.NIL if nil else SummaryStatus.SUBMITTED
        summary.submitted_by, summary.submitted_at = user, timezone.now()
    else:
        summary.status = SummaryStatus.DRAFT
    summary.save()
    return summary


@transaction.atomic
def decision_record(*, review, decision, reasons, decided_on):
    """Record the decision. Changing it withdraws the sign-offs given for the old one."""
    locked(review)
    errors = {}
    if not decision:
        errors["decision"] = "Choose the decision"
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the decision, against the criteria for a local review"
    if decided_on and review.notification.notified_on and decided_on < review.notification.notified_on:
        errors["decided_on"] = "The decision must be on or after the date the Panel was notified"
    if review.sent_to_panel_on:
        errors["decision"] = "The decision has been sent to the Panel and can no longer change"
    if errors:
        raise Invalid(errors)
    if (review.decision, review.decision_reasons) != (decision, reasons.strip()):
        review.sign_offs.all().delete()
    review.decision, review.decision_reasons, review.decided_on = decision, reasons.strip(), decided_on
    review.save(update_fields=["decision", "decision_reasons", "decided_on"])
    return review


@transaction.atomic
def sign_off(*, review, partner, user):
    review = RapidReview.objects.select_for_update().get(pk=review.pk)
    if not review.decision:
        raise WrongState("There is no decision to sign off yet")
    if partner not in statutory_partners(review.notification.partnership):
        raise Invalid(f"{partner} is not a statutory partner of this partnership")
    if ReviewSignOff.objects.filter(rapid_review=review, partner=partner).exists():
        raise WrongState(f"{partner} has already signed off this decision")
    return ReviewSignOff.objects.create(rapid_review=review, partner=partner, signed_by=user,
                                        decision=review.decision)


def missing_sign_offs(review):
    signed = set(review.sign_offs.values_list("partner_id", flat=True))
    return [a for a in statutory_partners(review.notification.partnership) if a.pk not in signed]


@transaction.atomic
def panel_sent_record(*, review, sent_on):
    """The review and its decision go to the Panel only once all three partners signed."""
    missing = missing_sign_offs(review)
    if missing:
        raise WrongState("The decision needs the sign-off of all three safeguarding "
                         "partners first. Still to sign: "
                         + ", ".join(a.name for a in missing))
    if sent_on < (review.decided_on or review.notification.notified_on):
        raise Invalid({"sent_on": "The date sent must be on or after the decision"})
    review.sent_to_panel_on = sent_on
    review.save(update_fields=["sent_to_panel_on"])
    return review


@transaction.atomic
def panel_response_record(*, review, response, received_on):
    if not review.sent_to_panel_on:
        raise WrongState("Record when the review was sent to the Panel first")
    if not response.strip():
        raise Invalid({"response": "Enter the Panel's response"})
    if received_on < review.sent_to_panel_on:
        raise Invalid({"received_on": "The response must be on or after the date the "
                                      "review was sent"})
    review.panel_response, review.panel_response_on = response.strip(), received_on
    review.save(update_fields=["panel_response", "panel_response_on"])
    return review
