"""Role x route cases for a contribution's payments (see tests/matrix.py for the helpers and
rules). Whoever sees a contribution line sees its payments (P1's roles, and agency A's lead and
chief officer for agency A's line); only the business unit records or removes a payment, the
others who see the line get 403; anyone else 404 (P2's line: its business unit records, agency
X's lead gets 403, P1's people 404; through P1's address it is 404 to all)."""

import datetime
from decimal import Decimal

from funding import services

from .cast import P1_BU, P1_ROLES
from .matrix import Case, api, expect

SEES_A = (*P1_ROLES, "lead_a", "chief_a")
SEES_A_NOT_BU = tuple(u for u in SEES_A if u not in P1_BU)


def line_a(c):
    return {"slug": c.p1.slug, "start_year": c.year1.start_year, "pk": c.contribution_a.pk}


def payment_a(c):
    """A payment from agency A, made once per cast."""
    if "payment_a" not in c.__dict__:
        c.__dict__["payment_a"] = services.payment_add(
            contribution=c.contribution_a, amount=Decimal("10.00"),
            received_on=datetime.date(2025, 5, 1), recorded_by=c.bu_officer)
    return c.__dict__["payment_a"]


def with_payment(c):
    return {**line_a(c), "payment_pk": payment_a(c).pk}


CASES = [
    Case("funding:payments", expect(SEES_A), kwargs=line_a),
    Case("funding:payments", expect(()), note="P2 line via P1",
         kwargs=lambda c: {**line_a(c), "pk": c.contribution_x.pk}),
    Case("funding:payment-create", expect(P1_BU, forbidden=SEES_A_NOT_BU), kwargs=line_a),
    Case("funding:payment-create", expect(P1_BU, forbidden=SEES_A_NOT_BU), kwargs=line_a,
         method="post", data={"amount": "1433,65", "received_on_0": "1",
                              "received_on_1": "5", "received_on_2": "2025"}, note="invalid"),
    Case("funding:payment-create", expect(P1_BU, code=302, forbidden=SEES_A_NOT_BU),
         kwargs=line_a, method="post", data={"amount": "10", "received_on_0": "1",
                                             "received_on_1": "5", "received_on_2": "2025"}),
    Case("funding:payment-remove", expect(P1_BU, forbidden=SEES_A_NOT_BU), kwargs=with_payment),
    Case("funding:payment-remove",
         expect(forbidden=SEES_A_NOT_BU, overrides={"bu_manager": 302, "bu_officer": 404}),
         kwargs=with_payment, method="post", note="the first removes it"),
    Case("funding:api-contribution-payments", api(P1_BU, code=400, forbidden=SEES_A_NOT_BU),
         kwargs=lambda c: {"pk": c.contribution_a.pk}, method="post", json=True,
         data={"amount": "1433,65", "received_on": "2025-05-01"}, note="invalid"),
    Case("funding:api-contribution-payments", api(P1_BU, code=201, forbidden=SEES_A_NOT_BU),
         kwargs=lambda c: {"pk": c.contribution_a.pk}, method="post", json=True,
         data={"amount": "10.00", "received_on": "2025-05-01"}),
    Case("funding:api-contribution-payments",
         api(("bu_p2",), code=201, forbidden=("lead_x",)), note="P2 line",
         kwargs=lambda c: {"pk": c.contribution_x.pk}, method="post", json=True,
         data={"amount": "10.00", "received_on": "2025-05-01"}),
]
