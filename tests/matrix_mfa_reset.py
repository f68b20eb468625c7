"""The business unit's second factor pages (issue 15): resetting a person's second factor
and the partnership's setting for agency leads and contributors. In the cast, dsp (P1) has an
authenticator app (tests/test_matrix.py gives everyone who must have one an app)."""

from .matrix import P1_BU, P1_NOT_BU, Case, expect, p1


def person(who):
    return lambda c: {**p1(c), "pk": c.users[who].pk}


CASES = [
    Case("person-second-factor-reset", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=person("dsp"),
         note="P1 partner"),
    Case("person-second-factor-reset", expect(P1_BU, code=302, forbidden=P1_NOT_BU),
         kwargs=person("dsp"), method="post", note="P1 partner"),
    Case("person-second-factor-reset", expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=person("lead_police"), note="agency lead of a P1 agency"),
    Case("person-second-factor-reset", expect((), forbidden=P1_NOT_BU), kwargs=person("lead_x"),
         method="post", note="P2 person via P1"),
    Case("person-second-factor-reset", expect((), forbidden=P1_NOT_BU),
         kwargs=person("outsider"), note="no role"),
    Case("person-second-factor-reset",
         expect(("bu_officer",), code=302, forbidden=(*P1_NOT_BU, "bu_manager")),
         kwargs=person("bu_manager"), method="post", note="oneself"),
    Case("partnership-second-factor", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1),
    Case("partnership-second-factor", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1,
         method="post", data={"second_factor": "sometimes"}, note="invalid"),
    Case("partnership-second-factor",
         expect(("bu_p2",), code=302, forbidden=("lead_x", "lead_police")),
         kwargs=lambda c: {"slug": c.p2.slug}, method="post",
         data={"second_factor": "required"}, note="P2"),
]
