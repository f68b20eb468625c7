"""Role x route cases: the scrutiny dashboard, indicator pages, targets and the indicators API
(see tests/matrix.py for the helpers and rules).

P1's scrutiny readers (the business unit, the partners, the chair and the scrutineer) see
the dashboard, every indicator and the API's figures; agency staff (lead_a, lead_police) and
everyone outside P1 get 404. Only the business unit (MANAGE_DATASET) sets or removes a
target: the other readers get 403."""

from .cast import P1_BU, P1_ROLES
from .matrix import SIGNED_IN, Case, api, expect

READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)


def p1(c):
    return {"slug": c.p1.slug}


def indicator(c, code="actions_overdue"):
    return {"slug": c.p1.slug, "code": code}


TARGET = {"target": "90", "higher_is_better": "yes", "amber_margin": "5"}

CASES = [
    Case("scrutiny:dashboard", expect(P1_ROLES), kwargs=p1),
    Case("scrutiny:dashboard", expect(P1_ROLES), kwargs=p1, query="?period=2025-Q3",
         note="a quarter"),
    Case("scrutiny:dashboard", expect(P1_ROLES, code=400), kwargs=p1, query="?period=20x5",
         note="bad period"),
    Case("scrutiny:indicator", expect(P1_ROLES), kwargs=indicator),
    Case("scrutiny:indicator", expect(P1_ROLES), kwargs=lambda c: indicator(c, "s11_completion"),
         query="?period=2025", note="section 11"),
    Case("scrutiny:indicator", expect(P1_ROLES),
         kwargs=lambda c: indicator(c, "notifications_on_time"), query="?period=2025-Q3",
         note="notifications"),
    Case("scrutiny:indicator", expect(P1_ROLES),
         kwargs=lambda c: indicator(c, "contributions_received"), query="?period=2025",
         note="contributions"),
    Case("scrutiny:indicator", expect(P1_ROLES),
         kwargs=lambda c: indicator(c, "attendance_statutory"), query="?period=2025",
         note="attendance"),
    Case("scrutiny:indicator", expect(()), kwargs=lambda c: indicator(c, "no_such_thing"),
         note="unknown indicator"),
    Case("scrutiny:target-edit", expect(P1_BU, forbidden=READERS_NOT_BU), kwargs=indicator),
    Case("scrutiny:target-edit", expect(P1_BU, code=302, forbidden=READERS_NOT_BU),
         kwargs=lambda c: indicator(c, "notifications_on_time"), method="post", data=TARGET),
    Case("scrutiny:target-edit", expect(P1_BU, forbidden=READERS_NOT_BU),
         kwargs=lambda c: indicator(c, "notifications_on_time"), method="post",
         data={**TARGET, "target": "101"}, note="a percentage over 100 is refused"),
    Case("scrutiny:target-remove", expect(P1_BU, code=302, forbidden=READERS_NOT_BU),
         kwargs=indicator, method="post"),
    Case("scrutiny:target-remove", expect(SIGNED_IN, code=405), kwargs=indicator,
         note="GET is refused"),
    Case("scrutiny:api-indicators", api(P1_ROLES), query="?partnership={p1}"),
    Case("scrutiny:api-indicators", api(P1_ROLES), query="?partnership={p1}&period=2025-Q4",
         note="a quarter"),
    Case("scrutiny:api-indicators", api(SIGNED_IN, code=400), query="?partnership=abc",
         note="partnership not a number"),
    Case("scrutiny:api-indicators", api(SIGNED_IN, code=400), note="no partnership"),
    Case("scrutiny:api-indicators", api(P1_ROLES, code=400),
         query="?partnership={p1}&period=2025-Q5", note="bad period"),
]
