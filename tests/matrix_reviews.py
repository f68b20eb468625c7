"""Role x route cases for serious incidents, the child record, case grants and rapid reviews
(see tests/matrix.py for the helpers and rules).

In P1, case1 (Child A) has a rapid review (review1) that asked agency A and the police for
summaries: P1's partnership roles see it all, lead_a and lead_police only their own
summary; agency A's chief officer and contributor see nothing of it. Nobody in the cast
holds a case grant, so the child record answers 403 to everyone who can see the case. P2's
case (case_p2) is not notified yet; its records are always 404 through P1's address.
"""

import datetime

from reviews.services import notifications, rapid

from .cast import P1_BU, P1_ROLES
from .matrix import Case, expect

CASE1 = (*P1_ROLES, "lead_a", "lead_police")  # who sees case1 and review1
CASE1_NOT_BU = tuple(u for u in CASE1 if u not in P1_BU)


def p1(c):
    return {"slug": c.p1.slug}


def case1(c, **more):
    return {"slug": c.p1.slug, "pk": c.case1.pk, **more}


def review1(c, **more):
    return {"slug": c.p1.slug, "pk": c.review1.pk, **more}


def p2_case_via_p1(c):
    return {"slug": c.p1.slug, "pk": c.case_p2.pk}


def _p2_review(c):
    """A notified P2 case with its rapid review, made once per cast."""
    if "review_p2" not in c.__dict__:
        case = notifications.notification_create(
            partnership=c.p2, created_by=c.bu_p2, pseudonym="CNRY-CASE-P2 B", age_band="5_9",
            incident_type="death", la_aware_on=datetime.date(2025, 11, 3),
            notified_on=datetime.date(2025, 11, 4))
        c.__dict__["review_p2"] = rapid.rapid_review_start(notification=case)
    return c.__dict__["review_p2"]


def p2_review_via_p1(c):
    return {"slug": c.p1.slug, "pk": _p2_review(c).pk}


def _grant(notification, c):
    return notifications.grant_create(notification=notification, user=c.bu_officer,
                                      purpose="Matrix", days=1, granted_by=c.bu_manager)


def bu(name, kwargs, method="get", data=None, note="", code=200):
    """A business unit page or action on P1's case: others who see the case get 403."""
    return Case(name, expect(P1_BU, forbidden=CASE1_NOT_BU, code=code), kwargs=kwargs,
                method=method, data=data, note=note)


def date(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


CASE_FORM = {"pseudonym": "Child Z", "age_band": "5_9", "incident_type": "serious_harm",
             **date("la_aware_on", 2, 3, 2026)}

CASES = [
    # The case list and one case
    Case("reviews:case-list", expect(CASE1), kwargs=p1, note="P1"),
    Case("reviews:case-list", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("reviews:case-list", expect(()), kwargs=lambda c: {"slug": "no-such-partnership"},
         note="missing partnership"),
    bu("reviews:case-create", p1),
    bu("reviews:case-create", p1, "post", {"pseudonym": "", **date("la_aware_on", 31, 2, 2026)},
       "invalid"),
    bu("reviews:case-create", p1, "post", {**CASE_FORM, **date("incident_on", 3, 3, 2026)},
       "incident after aware"),
    Case("reviews:case-detail", expect(CASE1), kwargs=case1),
    Case("reviews:case-detail", expect(("bu_p2",)),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.case_p2.pk}, note="P2"),
    Case("reviews:case-detail", expect(()), kwargs=p2_case_via_p1, note="P2 via P1"),
    Case("reviews:case-detail", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999},
         note="missing"),
    bu("reviews:case-edit", case1),
    bu("reviews:case-edit", case1, "post", {**CASE_FORM, **date("notified_on", 1, 3, 2026)},
       "notified before aware"),
    Case("reviews:case-edit", expect(()), kwargs=p2_case_via_p1, method="post", data=CASE_FORM,
         note="P2 via P1"),
    # The restricted child record: nobody in the cast holds a grant
    Case("reviews:child-record", expect((), forbidden=CASE1), kwargs=case1),
    Case("reviews:child-record", expect(()), kwargs=p2_case_via_p1, note="P2 via P1"),
    Case("reviews:child-record-edit", expect((), forbidden=CASE1), kwargs=case1),
    Case("reviews:child-record-edit", expect((), forbidden=CASE1), kwargs=case1, method="post",
         data={"legal_name": "", "nhs_number": "123"}, note="invalid"),
    Case("reviews:child-record-edit", expect(()), kwargs=p2_case_via_p1, method="post",
         data={"legal_name": "Taken over"}, note="P2 via P1"),
    # Case grants
    bu("reviews:grant-create", case1),
    bu("reviews:grant-create", case1, "post", {"user": "", "purpose": "", "days": "365"},
       "invalid"),
    Case("reviews:grant-create", expect(()), kwargs=p2_case_via_p1, method="post",
         data=lambda c: {"user": c.bu_manager.pk, "purpose": "Take over", "days": "5"},
         note="P2 via P1"),
    bu("reviews:grant-revoke", lambda c: case1(c, grant_pk=_grant(c.case1, c).pk), "post",
       code=302),
    Case("reviews:grant-revoke", expect((), forbidden=CASE1_NOT_BU),
         kwargs=lambda c: case1(c, grant_pk=999999), method="post", note="missing grant"),
    Case("reviews:grant-revoke", expect(()),
         kwargs=lambda c: {**p2_case_via_p1(c), "grant_pk": _grant(c.case_p2, c).pk},
         method="post", note="P2 via P1"),
    # Starting the rapid review
    bu("reviews:rapid-start", case1, "post", note="already started"),
    Case("reviews:rapid-start", expect(("bu_p2",)),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.case_p2.pk}, method="post",
         note="P2, not notified yet"),
    Case("reviews:rapid-start", expect(()), kwargs=p2_case_via_p1, method="post",
         note="P2 via P1"),
    # The rapid review
    Case("reviews:rapid-detail", expect(CASE1), kwargs=review1),
    Case("reviews:rapid-detail", expect(("bu_p2",)),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": _p2_review(c).pk}, note="P2"),
    Case("reviews:rapid-detail", expect(()), kwargs=p2_review_via_p1, note="P2 via P1"),
    Case("reviews:rapid-detail", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999},
         note="missing"),
    bu("reviews:rapid-edit", review1),
    bu("reviews:rapid-edit", review1, "post", date("panel_meeting_on", 1, 1, 2025),
       "meeting before notified"),
    Case("reviews:rapid-edit", expect(()), kwargs=p2_review_via_p1, method="post",
         data={"facts": "Taken over"}, note="P2 via P1"),
    bu("reviews:summaries-request", review1),
    bu("reviews:summaries-request", review1, "post", {"agencies": []}, "invalid"),
    Case("reviews:summaries-request", expect(()), kwargs=p2_review_via_p1, method="post",
         data=lambda c: {"agencies": [c.agency_x.pk]}, note="P2 via P1"),
    # Agency summaries: each lead sees only their own agency's. Both are drafts, which are
    # the agency's own and the business unit's until submitted (reviews/permissions.py):
    # partners, the chair and the scrutineer get 404.
    Case("reviews:summary-edit", expect((*P1_BU, "lead_a")),
         kwargs=lambda c: review1(c, summary_pk=c.summary_a.pk), note="agency A"),
    Case("reviews:summary-edit", expect((*P1_BU, "lead_police")),
         kwargs=lambda c: review1(c, summary_pk=c.summary_police.pk), note="police"),
    Case("reviews:summary-edit", expect(("lead_a",), forbidden=P1_BU),
         kwargs=lambda c: review1(c, summary_pk=c.summary_a.pk), method="post",
         data={"involvement": "Overwritten", "analysis": "", "version": "99", "action": "draft"},
         note="stale version"),
    Case("reviews:summary-edit", expect(()),
         kwargs=lambda c: review1(c, summary_pk=999999), note="missing"),
    Case("reviews:summary-edit", expect(()),
         kwargs=lambda c: {**p2_review_via_p1(c), "summary_pk": c.summary_a.pk},
         method="post", data={"involvement": "x", "analysis": "", "version": "1"},
         note="P2 review via P1"),
    # Decision, sign-off and the Panel
    bu("reviews:decision", review1),
    bu("reviews:decision", review1, "post",
       {"decision": "no_review", "reasons": " ", **date("decided_on", 5, 1, 2026)},
       "no reasons"),
    Case("reviews:decision", expect(()), kwargs=p2_review_via_p1, method="post",
         data={"decision": "no_review", "reasons": "x", **date("decided_on", 5, 1, 2026)},
         note="P2 via P1"),
    Case("reviews:sign-off",
         expect(("lsp", "dsp"), forbidden=tuple(u for u in CASE1 if u not in ("lsp", "dsp"))),
         kwargs=review1, method="post", data=lambda c: {"partner": c.council1.pk},
         note="no decision yet"),
    Case("reviews:sign-off", expect(()), kwargs=p2_review_via_p1, method="post",
         data=lambda c: {"partner": c.council1.pk}, note="P2 via P1"),
    bu("reviews:panel", review1),
    bu("reviews:panel", review1, "post", date("sent_on", 2, 2, 2026), "not signed off"),
    Case("reviews:panel", expect(()), kwargs=p2_review_via_p1, method="post",
         data=date("sent_on", 2, 2, 2026), note="P2 via P1"),
]
