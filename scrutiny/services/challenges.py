"""Writes to the challenge log: raise → each addressed partner responds → judgement →
closed. Every step is dated; a step out of turn is refused with a clear message. A challenge
may be about a dashboard indicator in a period, and carry a file, as may each response
(checked by partnership.uploads before it gets here). Each step tells the people it
concerns (partnership.services.notifications): a challenge raised or judged, the addressed
agencies' leads; a response, whoever raised it, the scrutineer and the business unit."""

from django.db import transaction
from django.db.models import Max

from partnership import dates
from partnership.errors import Invalid, WrongState
from partnership.files import file_save
from partnership.models import Designation, Partnership
from partnership.models.dated import today

from ..models import (
    Challenge,
    ChallengeAddressee,
    ChallengeAttachment,
    ChallengeState,
    Judgement,
)
from ..models.challenges import RESPONSE_DAYS
from ..selectors.indicators import SPECS
from . import notices


def default_due_on(partnership, raised_on=None):
    """RESPONSE_DAYS working days after the day it is raised."""
    return dates.local_deadline(raised_on or today(), RESPONSE_DAYS, partnership)


def partner_agencies(partnership):
    """The statutory partners of the partnership today: the only agencies a challenge is
    addressed to (relevant agencies are not partners)."""
    from partnership.models import Agency

    return Agency.objects.filter(pk__in=Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id")
    ).order_by("name")


def _about(indicator, period):
    """(indicator, period_start, period_end) of what a challenge is about, checked."""
    if indicator and indicator not in SPECS:
        raise Invalid({"indicator": "Choose an indicator of the dashboard"})
    if period is not None and not indicator:
        raise Invalid({"indicator": "Say which indicator the period is about"})
    return indicator or "", *((period.start, period.end) if period else (None, None))


def _attach(challenge, checked, user, addressee=None):
    """Store a file (a CheckedFile from partnership.uploads.check_upload) on the challenge,
    or on one partner's response."""
    attachment = ChallengeAttachment(challenge=challenge, addressee=addressee,
                                     filename=checked.filename,
                                     content_type=checked.content_type, size=checked.size,
                                     uploaded_by=user)
    file_save(attachment.file, checked)
    attachment.save()
    return attachment


@transaction.atomic
def challenge_raise(*, partnership, raised_by, subject, detail, agencies, due_on=None,
                    raised_on=None, indicator="", period=None, attachment=None):
    """Raise a challenge to statutory partners of the partnership; `indicator` and `period`
    (a partnership.periods.Period) say which dashboard figure it is about, `attachment` is
    a checked upload."""
    raised_on = raised_on or today()
    indicator, period_start, period_end = _about(indicator, period)
    agencies = list(agencies)
    if not agencies:
        raise Invalid({"agencies": "Choose at least one partner to address the "
                                   "challenge to"})
    partners = set(partner_agencies(partnership).values_list("pk", flat=True))
    others = [a.name for a in agencies if a.pk not in partners]
    if others:
        raise Invalid({"agencies": f"{', '.join(others)}: challenges are addressed "
                                   f"to the statutory partners of {partnership} only"})
    due_on = due_on or default_due_on(partnership, raised_on)
    if due_on <= raised_on:
        raise Invalid({"due_on": "The response due date must be after the day the "
                                 "challenge is raised"})
    Partnership.objects.select_for_update().get(pk=partnership.pk)  # references in order
    last = Challenge.objects.filter(partnership=partnership).aggregate(n=Max("reference"))["n"]
    challenge = Challenge(partnership=partnership, reference=(last or 0) + 1, subject=subject,
                          detail=detail, raised_by=raised_by, raised_on=raised_on, due_on=due_on,
                          indicator=indicator, period_start=period_start, period_end=period_end)
    challenge.full_clean()
    challenge.save()
    addressed = list({a.pk: a for a in agencies}.values())
    ChallengeAddressee.objects.bulk_create(
        ChallengeAddressee(challenge=challenge, agency=agency) for agency in addressed)
    if attachment is not None:
        _attach(challenge, attachment, raised_by)
    notices.raised(challenge, addressed)
    return challenge


def _locked(challenge):
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


@transaction.atomic
def response_record(*, challenge, agency, user, response, on_behalf=False, responded_on=None,
                    attachment=None):
    """One addressed partner's response (`attachment`: a checked upload); the challenge is
    answered once every partner has responded."""
    challenge = _locked(challenge)
    if challenge.state != ChallengeState.RAISED:
        raise WrongState(f"The challenge is {challenge.get_state_display().lower()}: "
                         "no more responses are taken")
    if not response.strip():
        raise Invalid({"response": "Enter the partner's response"})
    addressee = challenge.addressees.select_for_update().filter(agency=agency).first()
    if addressee is None:
        raise Invalid(f"The challenge is not addressed to {agency}")
    if addressee.responded_on is not None:
        raise WrongState(f"{agency} has already responded")
    day = responded_on or today()
    if day < challenge.raised_on:
        raise Invalid("A response cannot come before the challenge was raised")
    addressee.response, addressee.responded_on = response.strip(), day
    addressee.responded_by, addressee.on_behalf = user, on_behalf
    addressee.save()
    if attachment is not None:
        _attach(challenge, attachment, user, addressee)
    if not challenge.addressees.filter(responded_on__isnull=True).exists():
        challenge.state, challenge.responded_on = ChallengeState.RESPONDED, day
        challenge.save(update_fields=["state", "responded_on"])
    notices.answered(challenge, agency)
    return addressee


@transaction.atomic
def judgement_record(*, challenge, user, judgement, text, judged_on=None):
    challenge = _locked(challenge)
    if challenge.state == ChallengeState.RAISED:
        raise WrongState("Every addressed partner must respond before a judgement is "
                         "recorded")
    if challenge.state != ChallengeState.RESPONDED:
        raise WrongState(f"The challenge is already {challenge.get_state_display().lower()}")
    if judgement not in Judgement.values:
        raise Invalid({"judgement": "Choose assured, partly assured or not assured"})
    if not text.strip():
        raise Invalid({"text": "Enter the reasons for the judgement"})
    challenge.state, challenge.judgement = ChallengeState.JUDGED, judgement
    challenge.judgement_text, challenge.judged_by = text.strip(), user
    challenge.judged_on = judged_on or today()
    challenge.save()
    notices.judged(challenge)
    return challenge


@transaction.atomic
def challenge_close(*, challenge, user, closed_on=None):
    challenge = _locked(challenge)
    if challenge.state == ChallengeState.CLOSED:
        raise WrongState("The challenge is already closed")
    if challenge.state != ChallengeState.JUDGED:
        raise WrongState("Record a judgement before closing the challenge")
    challenge.state, challenge.closed_by = ChallengeState.CLOSED, user
    challenge.closed_on = closed_on or today()
    challenge.save()
    return challenge
