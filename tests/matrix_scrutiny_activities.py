"""Role x route cases: scrutiny activities, the scrutineer's report sections and the
challenge log (see tests/matrix.py for the helpers and rules; tests/cast_scrutiny_activities.py
for the records).

Scrutiny readers are P1's partnership roles; the scrutineer and the business unit write the
plan. Challenges: every P1 partnership role raises them; the police challenge is seen by P1's
roles and the police's agency lead; its response is written by the police's agency lead, the
police's delegated partner (dsp) or the business unit (on its behalf); judged and closed by
whoever raised it (the scrutineer) or the business unit."""

from .cast import P1_BU, P1_ROLES
from .matrix import SIGNED_IN, Case, expect

MANAGERS = (*P1_BU, "scrutineer")
NOT_MANAGERS = ("lsp", "dsp", "chair")
POLICE_CHALLENGE = (*P1_ROLES, "lead_police")
RESPONDERS = (*P1_BU, "dsp", "lead_police")
JUDGES = (*P1_BU, "scrutineer")


def p1(c):
    return {"slug": c.p1.slug}


def activity(c):
    return {"slug": c.p1.slug, "pk": c.activity1.pk}


def section(c):
    return {"slug": c.p1.slug, "pk": c.section1.pk}


def police(c, **more):
    return {"slug": c.p1.slug, "pk": c.challenge_police.pk, **more}


def api(ok=SIGNED_IN, **kwargs):
    return expect(ok, anon=401, **kwargs)


def date(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def manage(name, kwargs, method="get", data=None, note=""):
    return Case(name, expect(MANAGERS, forbidden=NOT_MANAGERS), kwargs=kwargs, method=method,
                data=data, note=note)


CASES = [
    # The scrutiny plan, findings and the scrutineer's report sections
    Case("scrutiny:activity-list", expect(P1_ROLES), kwargs=p1),
    Case("scrutiny:activity-list", expect(P1_ROLES), kwargs=p1, query="?year=abc&type=x",
         note="bad filters"),
    Case("scrutiny:activity-list", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    manage("scrutiny:activity-create", p1),
    manage("scrutiny:activity-create", p1, "post",
           {"year": "19", "activity_type": "nonsense", "title": "",
            **date("starts_on", 31, 2, 2025)}, "invalid"),
    Case("scrutiny:activity-detail", expect(P1_ROLES), kwargs=activity),
    Case("scrutiny:activity-detail", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999},
         note="missing"),
    Case("scrutiny:activity-detail", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.activity1.pk}, note="P1's via P2"),
    manage("scrutiny:activity-edit", activity),
    manage("scrutiny:activity-edit", activity, "post",
           {"year": "2025", "activity_type": "multi_agency", "title": "Audit",
            "status": "cancelled", "cancelled_reason": ""}, "cancelled without a reason"),
    manage("scrutiny:finding-create", activity),
    manage("scrutiny:finding-create", activity, "post",
           {"text": "A finding", "kind": "concern", "recommendation": "Do better"},
           "recommendation without an owner"),
    Case("scrutiny:section-list", expect(P1_ROLES), kwargs=p1),
    manage("scrutiny:section-create", p1),
    manage("scrutiny:section-create", p1, "post", {"year": "2025", "title": "", "body": "",
                                                   "order": "-1"}, "invalid"),
    manage("scrutiny:section-edit", section),
    manage("scrutiny:section-edit", section, "post", {"year": "abc", "title": "T", "body": "B",
                                                      "order": "1"}, "invalid"),
    Case("scrutiny:section-edit", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.section1.pk}, note="P1's via P2"),
    # The challenge log
    Case("scrutiny:challenge-list", expect(POLICE_CHALLENGE), kwargs=p1),
    Case("scrutiny:challenge-list", expect(POLICE_CHALLENGE), kwargs=p1,
         query="?overdue=1&state=raised&agency=99999999999999999999", note="filters"),
    Case("scrutiny:challenge-list", expect(("bu_p2", "lead_police")),
         kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    Case("scrutiny:challenge-create", expect(P1_ROLES, forbidden=("lead_police",)), kwargs=p1),
    Case("scrutiny:challenge-create", expect(P1_ROLES, forbidden=("lead_police",)), kwargs=p1,
         method="post", data=lambda c: {"subject": "S", "detail": "D",
                                        "agencies": [c.agency_a.pk]},
         note="a relevant agency is not a partner"),
    Case("scrutiny:challenge-detail", expect(POLICE_CHALLENGE), kwargs=police),
    Case("scrutiny:challenge-detail", expect(P1_ROLES),
         kwargs=lambda c: {**p1(c), "pk": c.challenge_council.pk}, note="to the council"),
    Case("scrutiny:challenge-detail", expect(()),
         kwargs=lambda c: {**p1(c), "pk": c.challenge_p2.pk}, note="P2's via P1"),
    Case("scrutiny:challenge-respond",
         expect(RESPONDERS, forbidden=("lsp", "chair", "scrutineer")),
         kwargs=lambda c: police(c, agency_pk=c.police.pk)),
    Case("scrutiny:challenge-respond",
         expect(RESPONDERS, forbidden=("lsp", "chair", "scrutineer")),
         kwargs=lambda c: police(c, agency_pk=c.police.pk), method="post",
         data={"response": ""}, note="invalid"),
    Case("scrutiny:challenge-respond", expect(()),
         kwargs=lambda c: police(c, agency_pk=c.council1.pk), note="not addressed"),
    Case("scrutiny:challenge-judge",
         expect(JUDGES, forbidden=("lsp", "dsp", "chair", "lead_police")), kwargs=police),
    Case("scrutiny:challenge-judge",
         expect(JUDGES, forbidden=("lsp", "dsp", "chair", "lead_police")), kwargs=police,
         method="post", data={"judgement": "assured", "text": "Fine"},
         note="before any response"),
    Case("scrutiny:challenge-close",
         expect(JUDGES, forbidden=("lsp", "dsp", "chair", "lead_police")), kwargs=police,
         method="post", note="before a judgement"),
    # API
    Case("scrutiny:api-challenge-list", api()),
    Case("scrutiny:api-challenge-list", api((*P1_ROLES, "lead_a", "chief_a", "contributor_a",
                                             "lead_police")),
         query="?partnership={p1}", note="P1"),
    Case("scrutiny:api-challenge-list", api(P1_ROLES, code=400,
                                            forbidden=("lead_a", "chief_a", "contributor_a",
                                                       "lead_police"),
                                            overrides={"lead_x": 400, "bu_p2": 400,
                                                       "outsider": 400}),
         method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, "subject": "S", "detail": "D",
                         "agencies": [c.agency_a.pk]}, note="a relevant agency"),
    Case("scrutiny:api-challenge-detail", api(POLICE_CHALLENGE),
         kwargs=lambda c: {"pk": c.challenge_police.pk}),
    Case("scrutiny:api-challenge-detail", api(("bu_p2",)),
         kwargs=lambda c: {"pk": c.challenge_p2.pk}, note="P2"),
    Case("scrutiny:api-challenge-respond",
         api(RESPONDERS, code=400, forbidden=("lsp", "chair", "scrutineer")),
         kwargs=lambda c: {"pk": c.challenge_police.pk}, method="post", json=True,
         data=lambda c: {"agency": c.police.pk, "response": ""}, note="invalid"),
    Case("scrutiny:api-challenge-judge",
         api(JUDGES, code=400, forbidden=("lsp", "dsp", "chair", "lead_police")),
         kwargs=lambda c: {"pk": c.challenge_police.pk}, method="post", json=True,
         data={"judgement": "assured", "text": "Fine"}, note="before any response"),
    Case("scrutiny:api-challenge-close",
         api(JUDGES, code=400, forbidden=("lsp", "dsp", "chair", "lead_police")),
         kwargs=lambda c: {"pk": c.challenge_police.pk}, method="post", json=True,
         note="before a judgement"),
    Case("scrutiny:api-activity-list", api()),
    Case("scrutiny:api-activity-detail", api(P1_ROLES), kwargs=lambda c: {"pk": c.activity1.pk}),
]
