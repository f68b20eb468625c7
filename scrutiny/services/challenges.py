"""Writes to the challenge log: raise → each addressed partner responds → judgement →
closed. Every step is dated; a step out of turn is refused with a clear message."""

from django.db import transaction
from django.db.models import Max

from partnership import dates
from partnership.errors import Invalid, WrongState
from partnership.models import Designation, Partnership
from partnership.models.dated import today

from ..models import Challenge, ChallengeAddressee, ChallengeState, Judgement
from ..models.challenges import RESPONSE_DAYS


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


@transaction.atomic
def challenge_raise(*, partnership, raised_by, subject, detail, agencies, due_on=None,
                    raised_on=None):
    raised_on = raised_on or today()
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
                          detail=detail, raised_by=raised_by, raised_on=raised_on, due_on=due_on)
    challenge.full_clean()
    challenge.save()
    ChallengeAddressee.objects.bulk_create(
        ChallengeAddressee(challenge=challenge, agency=agency) for agency in
        {a.pk: a for a in agencies}.values())
    return challenge


def _locked(challenge):
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


@transaction.atomic
def response_record(*, challenge, agency, user, response, on_behalf=False, responded_on=None):
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
    if not challenge.addressees.filter(responded_on__isnull=True).exists():
        challenge.state, challenge.responded_on = ChallengeState.RESPONDED, day
        challenge.save(update_fields=["state", "responded_on"])
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
