"""Writes to a meeting's record: attendance, declarations and decisions are recorded only at
a meeting that took place (held or adjourned); decisions and declarations are corrected (the
previous text and the reason kept as a Correction) or withdrawn (with the reason), never
deleted."""

from partnership.errors import WrongState
from partnership.services.common import locked

from ..models import TOOK_PLACE


def require_took_place(meeting):
    """Refuse a meeting that did not take place, read from its locked row. Must be called
    inside a transaction."""
    locked(meeting)
    if meeting.status not in TOOK_PLACE:
        raise WrongState("Mark the meeting as held first: attendance, declarations and "
                         "decisions are recorded only at a meeting that took place (this one "
                         f"is {meeting.get_status_display().lower()})")
