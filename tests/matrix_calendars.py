"""Role x route cases for calendar files and feeds, and for the governance API (groups,
meetings, the action register); see tests/matrix.py for the helpers and rules.

In P1 the executive's seats are held by lsp, dsp and lead_a; partnership roles see every
group, agency staff only the groups they sit on. action_a belongs to agency A (owner
lead_a), action_police to the shared police force (lead_police updates it)."""

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, SIGNED_IN, Case, api, everyone, expect

EXEC_VIEWERS = (*P1_ROLES, "lead_a")
P1_NOT_BU = tuple(u for u in P1_VISIBLE if u not in P1_BU)
P1_READERS = tuple(u for u in P1_ROLES if u not in P1_BU)  # see the register, cannot update it
NOT_P1 = ("lead_x", "bu_p2", "outsider")


def action_body(c):
    return {"partnership": c.p1.pk, "description": "Review the escalation policy",
            "owner_agency": c.agency_a.pk, "owner": c.lead_a.pk, "due_on": "2027-03-31",
            "meeting": c.meeting1.pk}


def a(c):
    return {"pk": c.action_a.pk}


def police(c):
    return {"pk": c.action_police.pk}


CASES = [
    # Calendar files and the private feed
    Case("governance:meeting-ics", expect(EXEC_VIEWERS), kwargs=lambda c: {"slug": c.p1.slug,
                                                                "pk": c.meeting1.pk}),
    Case("governance:meeting-ics", expect(("bu_p2", "lead_x")),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.meeting_p2.pk}, note="P2"),
    Case("governance:meeting-ics", expect(()), kwargs=lambda c: {"slug": c.p1.slug, "pk": c.meeting_p2.pk},
         note="P2 via P1"),
    Case("governance:calendar-feed", expect(SIGNED_IN)),
    Case("governance:calendar-feed-reset", expect(SIGNED_IN, code=302), method="post"),
    Case("governance:calendar-feed-reset", everyone(405, anon=302), note="GET is refused"),
    Case("governance:calendar-feed-revoke", expect(SIGNED_IN, code=302), method="post"),
    Case("governance:calendar-feed-revoke", everyone(405, anon=302), note="GET is refused"),
    Case("governance:calendar-feed-ics", expect((), anon=404),
         kwargs=lambda c: {"secret": "not-a-real-secret-0123456789abcdefghijklmnopq"},
         note="bogus secret"),
    # API: groups
    Case("governance:api-group-list", api()),
    Case("governance:api-group-list", api(P1_VISIBLE), query="?partnership={p1}", note="P1 filter"),
    Case("governance:api-group-list", api(SIGNED_IN, code=400), query="?partnership=abc",
         note="not a number"),
    Case("governance:api-group-detail", api(EXEC_VIEWERS), kwargs=lambda c: {"pk": c.exec_group.pk}),
    Case("governance:api-group-detail", api(("bu_p2", "lead_x")), kwargs=lambda c: {"pk": c.group_p2.pk},
         note="P2"),
    # API: meetings
    Case("governance:api-meeting-list", api()),
    Case("governance:api-meeting-list", api(P1_VISIBLE), query="?partnership={p1}", note="P1 filter"),
    Case("governance:api-meeting-list", api(SIGNED_IN, code=400), query="?status=nonsense",
         note="bad filter"),
    Case("governance:api-meeting-detail", api(EXEC_VIEWERS), kwargs=lambda c: {"pk": c.meeting1.pk}),
    Case("governance:api-meeting-detail", api(("bu_p2", "lead_x")),
         kwargs=lambda c: {"pk": c.meeting_p2.pk}, note="P2"),
    Case("governance:api-meeting-ics", api(EXEC_VIEWERS), kwargs=lambda c: {"pk": c.meeting1.pk}),
    # API: the action register
    Case("governance:api-action-list", api()),
    Case("governance:api-action-list", api(P1_VISIBLE), query="?partnership={p1}&overdue=true",
         note="P1 overdue"),
    Case("governance:api-action-list", api(SIGNED_IN, code=400), query="?status=nonsense",
         note="bad filter"),
    Case("governance:api-action-list", api(P1_BU, code=201, forbidden=P1_NOT_BU,
                                overrides=dict.fromkeys(NOT_P1, 400)),
         method="post", data=action_body, json=True, note="create"),
    Case("governance:api-action-list", api(P1_BU, code=400, forbidden=P1_NOT_BU,
                                overrides=dict.fromkeys(NOT_P1, 400)),
         method="post", data=lambda c: {**action_body(c), "description": "",
                                        "owner_agency": c.agency_x.pk},
         json=True, note="invalid"),
    Case("governance:api-action-detail", api((*P1_ROLES, *A_STAFF)), kwargs=a),
    Case("governance:api-action-detail", api((*P1_ROLES, "lead_police")), kwargs=police, note="police"),
    Case("governance:api-action-detail", api(("bu_p2", "lead_x")), kwargs=lambda c: {"pk": c.action_x.pk},
         note="P2"),
    Case("governance:api-action-progress", api((*P1_BU, "lead_a"), code=201,
                                    forbidden=(*P1_READERS, "chief_a", "contributor_a")),
         kwargs=a, method="post", data={"status": "in_progress", "note": "Policy drafted"},
         json=True),
    Case("governance:api-action-progress", api((*P1_BU, "lead_a"), code=400,
                                    forbidden=(*P1_READERS, "chief_a", "contributor_a")),
         kwargs=a, method="post", data={"status": "completed", "evidence": " "}, json=True,
         note="invalid"),
    Case("governance:api-action-progress", api(P1_BU, code=201,
                                    forbidden=(*P1_READERS, *A_STAFF)),
         kwargs=a, method="post", data={"status": "closed", "evidence": "Policy published"},
         json=True, note="closing"),
    Case("governance:api-action-progress", api((*P1_BU, "lead_police"), code=201, forbidden=P1_READERS),
         kwargs=police, method="post", data={"status": "in_progress", "note": "Training booked"},
         json=True, note="police action: agency A gets 404"),
    Case("governance:api-action-progress", api(code=405), kwargs=a, note="GET is refused"),
]
