"""Role x route cases for an agency's portfolio (portfolio/permissions.py): agency A's own
staff (lead, chief officer, contributor) open its page and its API list; the police's lead
the police's (the police serve P1 and P2); everyone else, partnership roles included, gets
404, as for a missing agency. The API answers 400 for a missing or bad `agency`."""

from .cast import A_STAFF
from .matrix import Case, api, everyone, expect


def agency_a(c):
    return {"pk": c.agency_a.pk}


def police(c):
    return {"pk": c.police.pk}


CASES = [
    Case("portfolio:agency", expect(A_STAFF), kwargs=agency_a),
    Case("portfolio:agency", expect(("lead_police",)), kwargs=police, note="police"),
    Case("portfolio:agency", expect(A_STAFF), kwargs=agency_a,
         query="?kind=action&due=overdue&due_before_0=1&due_before_1=1&due_before_2=2031",
         note="filtered"),
    Case("portfolio:agency", expect(()), kwargs=lambda c: {"pk": 999999}, note="missing"),
    Case("portfolio:agency", everyone(405, anon=302), kwargs=agency_a, method="post",
         note="read only"),
    Case("portfolio:api", api(A_STAFF), data=lambda c: {"agency": c.agency_a.pk}),
    Case("portfolio:api", api(("lead_police",)), data=lambda c: {"agency": c.police.pk},
         note="police"),
    Case("portfolio:api", api(A_STAFF), note="filtered", data=lambda c: {
        "agency": c.agency_a.pk, "partnership": c.p1.pk, "kind": "action", "due": "overdue",
        "due_before": "2031-01-01"}),
    Case("portfolio:api", api(()), data={"agency": 999999}, note="missing"),
    Case("portfolio:api", api((), denied=400), note="bad: no agency"),
    Case("portfolio:api", api(A_STAFF, code=400), note="bad date",
         data=lambda c: {"agency": c.agency_a.pk, "due_before": "1 January 2031"}),
]
