"""Reads of the challenge log (each in a fixed number of queries)."""

from django.db.models import Prefetch, Q

from ..models import Challenge, ChallengeAddressee, ChallengeState


def _with_addressees(challenges):
    return challenges.select_related("raised_by", "judged_by", "closed_by").prefetch_related(
        Prefetch("addressees", queryset=ChallengeAddressee.objects.select_related(
            "agency", "responded_by").order_by("agency__name")))


def overdue_q(today, prefix=""):
    return Q(**{f"{prefix}state": ChallengeState.RAISED, f"{prefix}due_on__lt": today})


def challenge_list(challenges):
    """The challenges (a queryset), newest first, with who raised and judged them and their
    addressees."""
    return _with_addressees(challenges).order_by("-raised_on", "-pk")


def challenge_detail(challenge):
    """The challenge with its responses and the files on it and on them."""
    return _with_addressees(Challenge.objects.filter(pk=challenge.pk)).select_related(
        "partnership").prefetch_related("attachments").get()


def awaiting_response(partnership, agency_ids):
    """Addressees of open challenges still to respond, for the given agencies."""
    return list(ChallengeAddressee.objects.filter(
        challenge__partnership=partnership, challenge__state=ChallengeState.RAISED,
        responded_on__isnull=True, agency_id__in=agency_ids)
        .select_related("challenge", "agency").order_by("challenge__due_on", "pk"))


def awaiting_judgement(partnership, raised_by=None):
    """Answered challenges (every partner has responded) not yet judged, oldest answer
    first; only those `raised_by` raised when given."""
    challenges = Challenge.objects.filter(partnership=partnership,
                                          state=ChallengeState.RESPONDED)
    if raised_by is not None:
        challenges = challenges.filter(raised_by=raised_by)
    return list(challenges.order_by("responded_on", "pk"))
