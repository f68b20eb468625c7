"""A meeting's life: planned, then held, cancelled (with its reason) or adjourned (begun and
stopped, with its reason). The status changes only through these steps, never through
meeting_update. Each step bumps the meeting's calendar sequence; a cancellation or an
adjournment also sends those holding an e-mailed invitation their update (after commit)."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.services.common import locked

from ..models import MeetingStatus
from . import invitations

REASON_MAX = 500


def _status(meeting):
    return meeting.get_status_display().lower()


def _reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": f"Enter why the meeting was {what}"})
    if len(reason) > REASON_MAX:
        raise Invalid({"reason": f"The reason must be {REASON_MAX} characters or fewer"})
    return reason


def _move(meeting, status, reason=""):
    meeting.status, meeting.status_reason = status, reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    return meeting


@transaction.atomic
def meeting_held(*, meeting):
    """A planned meeting whose start time has passed took place."""
    locked(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise WrongState(f"The meeting is {_status(meeting)}: only a planned meeting can be "
                         "marked as held")
    if meeting.starts_at > timezone.now():
        raise WrongState("The meeting has not started yet: mark it as held once it has begun")
    return _move(meeting, MeetingStatus.HELD)


@transaction.atomic
def meeting_cancel(*, meeting, reason):
    """A planned meeting is called off, with its reason. Those holding an invitation are sent
    a cancellation."""
    locked(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise WrongState(f"The meeting is {_status(meeting)}: only a planned meeting can be "
                         "cancelled")
    _move(meeting, MeetingStatus.CANCELLED, _reason(reason, "cancelled"))
    invitations.updates_queue(meeting)
    return meeting


@transaction.atomic
def meeting_adjourn(*, meeting, reason):
    """A meeting that has begun (planned or held) is stopped, with its reason; its business
    goes to a later meeting. Those holding an invitation are sent the update."""
    locked(meeting)
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.HELD):
        raise WrongState(f"The meeting is {_status(meeting)}: only a planned or held meeting "
                         "can be adjourned")
    if meeting.starts_at > timezone.now():
        raise WrongState("The meeting has not started yet: a meeting is adjourned once it has "
                         "begun (cancel it instead)")
    _move(meeting, MeetingStatus.ADJOURNED, _reason(reason, "adjourned"))
    invitations.updates_queue(meeting)
    return meeting


def require_changeable(meeting):
    """A cancelled meeting can no longer be changed (its time, place or agenda)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise WrongState("The meeting was cancelled: it can no longer be changed")
