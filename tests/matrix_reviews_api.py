"""Role x route cases for the case review deadlines page and the reviews API (see
tests/matrix.py for the helpers and rules).

In P1, case1 (Child A) has a rapid review (review1) asking agency A and the police for
summaries: their leads see the case and the review (their own summary only); agency A's
other staff do not. Practice reviews and recommendations are for P1's roles only. Lead
and delegated safeguarding partners (lsp for the council, dsp for the police) sign off a
decision for the partner they act for; anyone else who sees the review gets 403.
The cast has no practice review, recommendation or decision: the cases that need one make
it when their arguments are built (once per case, before anyone's request)."""

import datetime

from .cast import P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, SIGNED_IN, Case, api, expect
from .matrix_notifications import CHILD

P1_NOT_BU = tuple(u for u in P1_VISIBLE if u not in P1_BU)
NOT_P1 = ("lead_x", "bu_p2", "outsider")
CASE_READERS = (*P1_ROLES, "lead_a", "lead_police")  # P1's roles and the leads asked
CASE_READERS_NOT_BU = tuple(u for u in CASE_READERS if u not in P1_BU)
NOT_SIGNERS = tuple(u for u in CASE_READERS if u != "lsp")


def p1(c):
    return {"slug": c.p1.slug}


def case1(c):
    return {"pk": c.case1.pk}


def review1(c):
    return {"pk": c.review1.pk}


def practice_review(c):
    from reviews.services import practice

    review = practice.practice_review_create(partnership=c.p1, title="Child Q",
                                             decided_on=datetime.date(2026, 2, 2))
    return {"pk": review.pk}


def recommendation(c):
    from reviews.services import recommendations

    made = recommendations.recommendation_create(review=c.review1, text="Share the plan")
    return {"pk": made.pk}


def decided_review1(c):
    from reviews.services import rapid

    rapid.decision_record(review=c.review1, decision="no_review", reasons="Criteria not met",
                          decided_on=datetime.date(2026, 1, 12))
    return review1(c)


def notification_body(c):
    return {"partnership": c.p1.pk, "pseudonym": "Child M", "incident_type": "serious_harm",
            "la_aware_on": "2026-03-27", "notified_on": "2026-04-01",
            "children": [{**CHILD, "pseudonym": "Child M"}]}


def council(c):
    return {"partner": c.council1.pk}


CASES = [
    # The deadlines page
    Case("reviews:deadlines", expect(P1_ROLES), kwargs=p1),
    Case("reviews:deadlines", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("reviews:deadlines", expect(()), kwargs=lambda c: {"slug": "no-such-partnership"},
         note="missing"),
    # API: notifications
    Case("reviews:api-notification-list", api()),
    Case("reviews:api-notification-list", api(P1_VISIBLE), query="?partnership={p1}",
         note="P1 filter"),
    Case("reviews:api-notification-list", api(SIGNED_IN, code=400), query="?partnership=abc",
         note="not a number"),
    Case("reviews:api-notification-list",
         api(P1_BU, code=201, forbidden=P1_NOT_BU, overrides=dict.fromkeys(NOT_P1, 400)),
         method="post", data=notification_body, json=True, note="create"),
    Case("reviews:api-notification-list",
         api(P1_BU, code=400, forbidden=P1_NOT_BU, overrides=dict.fromkeys(NOT_P1, 400)),
         method="post", data=lambda c: {**notification_body(c), "notified_on": "2026-03-20"},
         json=True, note="invalid: notified before aware"),
    Case("reviews:api-notification-detail", api(CASE_READERS), kwargs=case1),
    Case("reviews:api-notification-detail", api(("bu_p2",)),
         kwargs=lambda c: {"pk": c.case_p2.pk}, note="P2"),
    Case("reviews:api-notification-detail", api(()), kwargs=lambda c: {"pk": 999999},
         note="missing"),
    Case("reviews:api-notification-detail",
         api(P1_BU, code=400, forbidden=CASE_READERS_NOT_BU), kwargs=case1, method="patch",
         data={"partners_informed_on": "2025-12-01"}, json=True,
         note="invalid: informed before aware"),
    Case("reviews:api-notification-detail", api(("bu_p2",), code=400),
         kwargs=lambda c: {"pk": c.case_p2.pk}, method="patch",
         data={"la_aware_on": "2099-01-01"}, json=True, note="P2 invalid"),
    # API: rapid reviews and sign-off
    Case("reviews:api-rapid-review-list", api()),
    Case("reviews:api-rapid-review-list", api(P1_VISIBLE), query="?partnership={p1}",
         note="P1 filter"),
    Case("reviews:api-rapid-review-detail", api(CASE_READERS), kwargs=review1),
    Case("reviews:api-rapid-review-detail", api(()), kwargs=lambda c: {"pk": 999999},
         note="missing"),
    Case("reviews:api-rapid-review-sign-off", api(("lsp",), code=400, forbidden=NOT_SIGNERS),
         kwargs=review1, method="post", data=council, json=True, note="no decision yet"),
    Case("reviews:api-rapid-review-sign-off", api(("lsp",), code=201, forbidden=NOT_SIGNERS),
         kwargs=decided_review1, method="post", data=council, json=True, note="for the council"),
    Case("reviews:api-rapid-review-sign-off",
         api(("lsp", "dsp"), code=400, forbidden=tuple(u for u in NOT_SIGNERS if u != "dsp")),
         kwargs=decided_review1, method="post", data={"partner": "council"}, json=True,
         note="invalid partner"),
    Case("reviews:api-rapid-review-sign-off", api(code=405), kwargs=review1,
         note="GET is refused"),
    # API: practice reviews and recommendations (P1's roles only)
    Case("reviews:api-practice-review-list", api()),
    Case("reviews:api-practice-review-list", api(P1_VISIBLE), query="?partnership={p1}",
         note="P1 filter"),
    Case("reviews:api-practice-review-detail", api(P1_ROLES), kwargs=practice_review),
    Case("reviews:api-recommendation-list", api()),
    Case("reviews:api-recommendation-list", api(SIGNED_IN, code=400), query="?partnership=1.5",
         note="not a number"),
    Case("reviews:api-recommendation-detail", api(P1_ROLES), kwargs=recommendation),
]
