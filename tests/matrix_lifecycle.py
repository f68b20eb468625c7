"""Role x route cases for a meeting's life (mark as held, cancel, adjourn) and its e-mailed
calendar invitations (see tests/matrix.py for the helpers and rules).

The business unit and the group's chair (lsp) run P1's executive; the other people who see
it get 403, everyone else 404. Invitations are sent by the business unit only (the chair
gets 403). Every POST here is refused and changes nothing: marking a meeting that has not
started as held, a cancellation or adjournment without its reason, invitations to a meeting
that has passed."""

import datetime

from django.utils import timezone

from .cast import P1_BU
from .matrix import Case, expect
from .matrix_governance import EXEC_NOT_RUNNERS, EXEC_RUNNERS, EXEC_VIEWERS, m1

NOT_BU_VIEWERS = tuple(u for u in EXEC_VIEWERS if u not in P1_BU)


def upcoming(c):
    """A meeting of P1's executive still to come, made on first use."""
    if "meeting_upcoming" not in c.__dict__:
        from governance.services import meetings

        c.meeting_upcoming = meetings.meeting_create(
            group=c.exec_group, starts_at=timezone.now() + datetime.timedelta(days=60))
    return {"slug": c.p1.slug, "pk": c.meeting_upcoming.pk}


def run(name, **kwargs):
    return Case(name, expect(EXEC_RUNNERS, forbidden=EXEC_NOT_RUNNERS), **kwargs)


CASES = [
    run("governance:meeting-held", kwargs=m1),
    run("governance:meeting-held", kwargs=upcoming, method="post", data={},
        note="not started"),
    run("governance:meeting-cancel", kwargs=m1),
    run("governance:meeting-cancel", kwargs=upcoming, method="post", data={"reason": " "},
        note="no reason"),
    run("governance:meeting-adjourn", kwargs=m1),
    run("governance:meeting-adjourn", kwargs=m1, method="post", data={"reason": ""},
        note="no reason"),
    Case("governance:meeting-held", expect(()), method="post", data={},
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.meeting_p2.pk}, note="P2 via P1"),
    Case("governance:meeting-invitations", expect(P1_BU, forbidden=NOT_BU_VIEWERS),
         kwargs=upcoming),
    Case("governance:meeting-invitations", expect(P1_BU, forbidden=NOT_BU_VIEWERS), kwargs=m1,
         method="post", data={}, note="meeting has passed"),
    Case("governance:meeting-invitations", expect(()), method="post", data={},
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.meeting_p2.pk}, note="P2 via P1"),
]
