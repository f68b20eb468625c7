"""Writes to a meeting's record: attendance, declarations and decisions are recorded only at
a meeting that took place (held or adjourned); decisions and declarations are corrected (the
previous text and the reason kept as a Correction) or withdrawn (with the reason), never
deleted."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.services.common import locked

from ..models import TOOK_PLACE, Correction


def require_took_place(meeting):
    """Refuse a meeting that did not take place, read from its locked row. Must be called
    inside a transaction."""
    locked(meeting)
    if meeting.status not in TOOK_PLACE:
        raise WrongState("Mark the meeting as held first: attendance, declarations and "
                         "decisions are recorded only at a meeting that took place (this one "
                         f"is {meeting.get_status_display().lower()})")


REASON_MAX = 500


def _reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": f"Enter why the {what}"})
    if len(reason) > REASON_MAX:
        raise Invalid({"reason": f"The reason must be {REASON_MAX} characters or fewer"})
    return reason


def _correct(record, field, text, reason, user, noun):
    """Replace the text of a decision (`text`) or a declaration (`interest`), keeping what
    it said and why it changed as a Correction."""
    locked(record)
    if record.withdrawn_at is not None:
        raise WrongState(f"This {noun} was withdrawn: it can no longer be corrected")
    text = (text or "").strip()
    if not text:
        raise Invalid({"text": f"Enter the corrected {noun}"})
    if text == getattr(record, field).strip():
        raise Invalid({"text": f"The corrected {noun} is the same as the recorded one"})
    reason = _reason(reason, f"{noun} was corrected")
    Correction.objects.create(**{noun: record}, previous_text=getattr(record, field),
                              reason=reason, made_by=user)
    setattr(record, field, text)
    record.full_clean()
    record.save(update_fields=[field])
    return record


def _withdraw(record, reason, noun):
    locked(record)
    if record.withdrawn_at is not None:
        raise WrongState(f"This {noun} has already been withdrawn")
    record.withdrawn_reason = _reason(reason, f"{noun} was withdrawn")
    record.withdrawn_at = timezone.now()
    record.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    return record


@transaction.atomic
def decision_correct(*, decision, text, reason, user):
    return _correct(decision, "text", text, reason, user, "decision")


@transaction.atomic
def decision_withdraw(*, decision, reason):
    """A withdrawn decision stays on the record, with its reason, and is no longer current."""
    return _withdraw(decision, reason, "decision")


@transaction.atomic
def declaration_correct(*, declaration, text, reason, user):
    return _correct(declaration, "interest", text, reason, user, "declaration")


@transaction.atomic
def declaration_withdraw(*, declaration, reason):
    return _withdraw(declaration, reason, "declaration")
