"""Role x route cases for the Section 11 API (see tests/matrix.py for the helpers and rules).

In the cast, P1's cycle1 asks agency A (return_a: a draft, seen by P1's business unit and
agency A's staff only) and the police; P2's cycle2 asks the police and agency X (return_x:
an empty draft). The police answer one return shared by both cycles, submitted: P1's
roles, the police lead and P2's business unit see it. Agency A's lead and contributor
answer; the lead submits; chief_a (agency A's chief officer) signs off; the cast has no
police chief officer. Successful submissions and sign-offs (200) are in
tests/test_section11_api.py: here are the refused and invalid ones, which change nothing,
and one saved answer (201) followed by a stale save (409)."""

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, SIGNED_IN, Case, api

RETURN_A = (*P1_BU, *A_STAFF)
RETURN_POLICE = (*P1_ROLES, "lead_police", "bu_p2")
P2_CYCLE = ("bu_p2", "lead_x", "lead_police")


def cycle1(c):
    return {"pk": c.cycle1.pk}


def return_a(c):
    return {"pk": c.return_a.pk}


def return_police(c):
    return {"pk": c.return_police.pk}


def answer(c):
    return {"standard_id": c.s11_standard1.pk, "rating": 3, "narrative": "Named board lead",
            "version": c.return_a.version}


def not_others(allowed, *more):
    """The people in `allowed` not named in `more` (they see the record but may not act)."""
    return tuple(u for u in allowed if u not in more)


CASES = [
    # Cycles
    Case("s11:api-cycle-list", api()),
    Case("s11:api-cycle-list", api(P1_VISIBLE), query="?partnership={p1}", note="P1 filter"),
    Case("s11:api-cycle-list", api(SIGNED_IN, code=400), query="?partnership=abc",
         note="not a number"),
    Case("s11:api-cycle-detail", api(P1_VISIBLE), kwargs=cycle1),
    Case("s11:api-cycle-detail", api(P2_CYCLE), kwargs=lambda c: {"pk": c.cycle2.pk},
         note="P2"),
    Case("s11:api-cycle-detail", api(()), kwargs=lambda c: {"pk": 999999}, note="missing"),
    Case("s11:api-cycle-list", api(code=405), method="post", data={}, json=True,
         note="read only"),
    # Returns
    Case("s11:api-return-list", api()),
    Case("s11:api-return-list", api(P1_VISIBLE), query="?partnership={p1}", note="P1 filter"),
    Case("s11:api-return-list", api(SIGNED_IN, code=400), query="?partnership=1.5",
         note="not a number"),
    Case("s11:api-return-list", api(SIGNED_IN, code=400), query="?status=lost",
         note="invalid status"),
    Case("s11:api-return-detail", api(RETURN_A), kwargs=return_a, note="agency A's draft"),
    Case("s11:api-return-detail", api(RETURN_POLICE), kwargs=return_police,
         note="the shared police return"),
    Case("s11:api-return-detail", api(("bu_p2", "lead_x")), kwargs=lambda c: {"pk": c.return_x.pk},
         note="agency X's draft"),
    Case("s11:api-return-detail", api(()), kwargs=lambda c: {"pk": 999999}, note="missing"),
    Case("s11:api-return-detail", api(code=405), kwargs=return_a, method="patch",
         data={"status": "signed_off"}, json=True, note="no direct changes"),
    # Answering: agency A's lead saves (201); the contributor then sends the same, now
    # stale, version (409). Those who see the draft but do not write it: 403.
    Case("s11:api-return-answers",
         api(("lead_a",), code=201, forbidden=(*P1_BU, "chief_a"),
             overrides={"contributor_a": 409}),
         kwargs=return_a, method="post", data=answer, json=True, note="saved, then stale"),
    Case("s11:api-return-answers",
         api(("lead_a", "contributor_a"), code=400, forbidden=(*P1_BU, "chief_a")),
         kwargs=return_a, method="post", data=lambda c: {**answer(c), "rating": 9},
         json=True, note="invalid rating"),
    Case("s11:api-return-answers",
         api(("lead_a", "contributor_a"), code=400, forbidden=(*P1_BU, "chief_a")),
         kwargs=return_a, method="post",
         data=lambda c: {"standard_id": "one", "rating": 3}, json=True,
         note="invalid: no standard or version"),
    Case("s11:api-return-answers", api((), forbidden=RETURN_POLICE), kwargs=return_police,
         method="post", data=lambda c: {**answer(c), "version": c.return_police.version},
         json=True, note="submitted: locked"),
    Case("s11:api-return-answers", api(code=405), kwargs=return_a, note="GET is refused"),
    # Submitting: the lead of an incomplete draft gets 400 with what is missing.
    Case("s11:api-return-submit",
         api(("lead_a",), code=400, forbidden=not_others(RETURN_A, "lead_a")),
         kwargs=return_a, method="post", data=lambda c: {"version": c.return_a.version},
         json=True, note="incomplete"),
    Case("s11:api-return-submit",
         api(("lead_a",), code=400, forbidden=not_others(RETURN_A, "lead_a")),
         kwargs=return_a, method="post", data={"version": "latest"}, json=True,
         note="invalid version"),
    Case("s11:api-return-submit", api((), forbidden=RETURN_POLICE), kwargs=return_police,
         method="post", data=lambda c: {"version": c.return_police.version}, json=True,
         note="already submitted"),
    # Signing off: only the agency's chief officer, and only a submitted return.
    Case("s11:api-return-sign-off",
         api(("chief_a",), code=400, forbidden=not_others(RETURN_A, "chief_a")),
         kwargs=return_a, method="post", data={}, json=True, note="a draft"),
    Case("s11:api-return-sign-off", api((), forbidden=RETURN_POLICE), kwargs=return_police,
         method="post", data={}, json=True, note="nobody here is the police's chief officer"),
    Case("s11:api-return-sign-off", api(code=405), kwargs=return_a, note="GET is refused"),
]
