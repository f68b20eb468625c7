"""Role x route cases: the multi-agency dataset and consultations (see tests/matrix.py for
the helpers and rules, tests/cast_scrutiny_dataset.py for the records).

- The dataset of P1: its scrutiny readers (P1's roles) see the overview and every return;
  agency A's staff and the police's lead reach the measures and their own agency's returns
  only; only an agency's lead enters its figures (403 for others who see the agency); only
  the business unit defines measures and reopens returns.
- Consultations of P1: the readers, and the leads of the agencies it was sent to (agency A,
  the police), each seeing their own agency's response only; the summary is for readers.
Writes here are all refused or invalid, so nothing changes."""

import datetime

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import SIGNED_IN, Case, api, expect

P1_READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
DATASET_P1 = (*P1_ROLES, *A_STAFF, "lead_police")  # reach P1's dataset pages
DATASET_NOT_BU = tuple(u for u in DATASET_P1 if u not in P1_BU)
CONSULT_P1 = (*P1_ROLES, "lead_a", "lead_police")
CONSULT_NOT_BU = tuple(u for u in CONSULT_P1 if u not in P1_BU)
NEXT_QUARTER = "2025-07-01"


def p1(c):
    return {"slug": c.p1.slug}


def measure(c):
    return {**p1(c), "pk": c.measure_referrals.pk}


def return_a(c):
    return {**p1(c), "pk": c.dataset_a.pk}


def form_a(c):
    return {**p1(c), "agency_pk": c.agency_a.pk, "quarter": NEXT_QUARTER}


def consultation(c):
    return {**p1(c), "pk": c.consultation1.pk}


def draft(c):
    """P1's consultation not sent yet, with a question (made on first use): its page offers
    the business unit "Add a question" and "Send to agencies"; agency staff see no draft."""
    if not hasattr(c, "consultation_draft"):
        from scrutiny.services import consultations

        c.consultation_draft = consultations.consultation_create(
            partnership=c.p1, created_by=c.bu_officer, title="Draft consultation",
            period_start=datetime.date(2025, 10, 1), period_end=datetime.date(2026, 3, 31),
            closes_on=datetime.date(2030, 6, 30))
        consultations.question_add(consultation=c.consultation_draft, text="What changed?",
                                   kind="text")
    return {**p1(c), "pk": c.consultation_draft.pk}


def respond(c, agency):
    return {**consultation(c), "agency_pk": agency.pk}


MEASURE_DATA = {"code": "", "name": "", "unit": "nonsense", "target": "-1"}

CASES = [
    # The dataset's pages
    Case("scrutiny:dataset", expect(P1_ROLES), kwargs=p1),
    Case("scrutiny:dataset", expect(P1_ROLES, code=400), kwargs=p1, query="?quarter=1999-13-01",
         note="bad quarter"),
    Case("scrutiny:dataset", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    Case("scrutiny:dataset-measure-list", expect(DATASET_P1), kwargs=p1),
    Case("scrutiny:dataset-measure-create", expect(P1_BU, forbidden=DATASET_NOT_BU), kwargs=p1),
    Case("scrutiny:dataset-measure-create", expect(P1_BU, forbidden=DATASET_NOT_BU), kwargs=p1,
         method="post", data=MEASURE_DATA, note="invalid"),
    Case("scrutiny:dataset-measure-edit", expect(P1_BU, forbidden=DATASET_NOT_BU), kwargs=measure),
    Case("scrutiny:dataset-measure-edit", expect(P1_BU, forbidden=DATASET_NOT_BU), kwargs=measure,
         method="post", data=MEASURE_DATA, note="invalid"),
    Case("scrutiny:dataset-measure-edit", expect(()),
         kwargs=lambda c: {**p1(c), "pk": c.measure_p2.pk}, method="post",
         data={"code": "taken", "name": "Taken", "definition": "x", "unit": "count",
               "sectors": ["education"], "higher_is_better": "yes"}, note="P2 measure via P1"),
    Case("scrutiny:dataset-return-list", expect(DATASET_P1), kwargs=p1),
    Case("scrutiny:dataset-return-detail", expect((*P1_ROLES, *A_STAFF)), kwargs=return_a,
         note="agency A"),
    Case("scrutiny:dataset-return-detail", expect((*P1_BU, "lead_police")),
         kwargs=lambda c: {**p1(c), "pk": c.dataset_police.pk}, note="police draft"),
    Case("scrutiny:api-dataset-return-detail", api((*P1_BU, "lead_police"), denied=404),
         kwargs=lambda c: {"pk": c.dataset_police.pk}, note="police draft"),
    Case("scrutiny:dataset-return-detail", expect(()),
         kwargs=lambda c: {**p1(c), "pk": c.dataset_x.pk}, note="X via P1"),
    Case("scrutiny:dataset-return-reopen", expect(P1_BU, forbidden=(*P1_READERS_NOT_BU, *A_STAFF)),
         kwargs=return_a),
    Case("scrutiny:dataset-return-reopen", expect(P1_BU, forbidden=(*P1_READERS_NOT_BU, *A_STAFF)),
         kwargs=return_a, method="post", data={"reason": " "}, note="no reason"),
    Case("scrutiny:dataset-return-form",
         expect(("lead_a",), forbidden=(*P1_ROLES, "chief_a", "contributor_a")), kwargs=form_a),
    Case("scrutiny:dataset-return-form",
         expect(("lead_a",), forbidden=(*P1_ROLES, "chief_a", "contributor_a")), kwargs=form_a,
         method="post", data=lambda c: {"version": "0", f"measure_{c.measure_referrals.pk}": "-4"},
         note="negative figure"),
    Case("scrutiny:dataset-return-form",
         expect((), forbidden=(*P1_ROLES, *A_STAFF)),
         kwargs=lambda c: {**p1(c), "agency_pk": c.agency_a.pk, "quarter": "2025-04-01"},
         method="post", data=lambda c: {"version": "1", f"measure_{c.measure_referrals.pk}": "1"},
         note="submitted"),
    Case("scrutiny:dataset-return-form", expect(("lead_police",), forbidden=P1_ROLES),
         kwargs=lambda c: {**p1(c), "agency_pk": c.police.pk, "quarter": "2025-04-01"},
         note="police draft"),
    Case("scrutiny:dataset-return-form", expect(()),
         kwargs=lambda c: {**p1(c), "agency_pk": c.agency_a.pk, "quarter": "2025-05-01"},
         note="not a quarter"),
    Case("scrutiny:dataset-return-form", expect(()),
         kwargs=lambda c: {**p1(c), "agency_pk": c.agency_x.pk, "quarter": NEXT_QUARTER},
         method="post", data=lambda c: {"version": "0"}, note="X via P1"),
    # The dataset's API
    Case("scrutiny:api-dataset-measure-list", api(SIGNED_IN)),
    Case("scrutiny:api-dataset-measure-list",
         api(DATASET_P1, overrides={"lead_x": 404, "bu_p2": 404, "outsider": 404}),
         query="?partnership={p1}", note="P1"),
    Case("scrutiny:api-dataset-measure-detail", api(DATASET_P1, denied=404),
         kwargs=lambda c: {"pk": c.measure_referrals.pk}),
    Case("scrutiny:api-dataset-return-list", api(SIGNED_IN)),
    Case("scrutiny:api-dataset-return-detail", api((*P1_ROLES, *A_STAFF), denied=404),
         kwargs=lambda c: {"pk": c.dataset_a.pk}),
    Case("scrutiny:api-dataset-return-list", api(SIGNED_IN, code=400), method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, "agency": c.agency_a.pk,
                         "period_start": NEXT_QUARTER, "version": 0,
                         "values": [{"measure": c.measure_referrals.pk, "value": "-5"}]},
         note="negative figure"),
    Case("scrutiny:api-dataset-return-list",
         api(("lead_a",), code=201, forbidden=(*P1_ROLES, "chief_a", "contributor_a"),
             overrides=dict.fromkeys(("lead_police", "lead_x", "bu_p2", "outsider"), 400)),
         method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, "agency": c.agency_a.pk,
                         "period_start": "2024-04-01", "version": 0,
                         "values": [{"measure": c.measure_referrals.pk, "value": "12"}]},
         note="agency A's lead enters a quarter"),
    Case("scrutiny:api-dataset-return-detail",
         api(("lead_a",), code=400, forbidden=(*P1_ROLES, "chief_a", "contributor_a")),
         method="patch", json=True, kwargs=lambda c: {"pk": c.dataset_a.pk},
         data={"version": 1, "note": "changed"}, note="submitted"),
    # Consultations
    Case("scrutiny:consultation-list", expect(CONSULT_P1), kwargs=p1),
    Case("scrutiny:consultation-create", expect(P1_BU, forbidden=CONSULT_NOT_BU), kwargs=p1),
    Case("scrutiny:consultation-create", expect(P1_BU, forbidden=CONSULT_NOT_BU), kwargs=p1,
         method="post", data={"title": "", "closes_on_0": "31", "closes_on_1": "2",
                              "closes_on_2": "2030"}, note="invalid"),
    Case("scrutiny:consultation-detail", expect(CONSULT_P1), kwargs=consultation),
    Case("scrutiny:consultation-detail", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.consultation1.pk}, note="via P2"),
    # First: its URL is the one the reachability crawl looks for (tests/pages.py).
    Case("scrutiny:consultation-question-add", expect(P1_BU, forbidden=P1_READERS_NOT_BU),
         kwargs=draft, note="a draft"),
    Case("scrutiny:consultation-send", expect(P1_BU, forbidden=P1_READERS_NOT_BU),
         kwargs=draft, note="a draft"),
    Case("scrutiny:consultation-question-add", expect(P1_BU, forbidden=CONSULT_NOT_BU),
         kwargs=consultation),
    Case("scrutiny:consultation-question-add", expect(P1_BU, forbidden=CONSULT_NOT_BU),
         kwargs=consultation, method="post", data={"text": "Too late?", "kind": "text"},
         note="already sent"),
    Case("scrutiny:consultation-send", expect(P1_BU, forbidden=CONSULT_NOT_BU),
         kwargs=consultation),
    Case("scrutiny:consultation-send", expect(P1_BU, forbidden=CONSULT_NOT_BU),
         kwargs=consultation, method="post", data={"kinds": ["police"]}, note="already sent"),
    Case("scrutiny:consultation-summary", expect(P1_ROLES, forbidden=("lead_a", "lead_police")),
         kwargs=consultation),
    Case("scrutiny:consultation-respond", expect((*P1_ROLES, "lead_a")),
         kwargs=lambda c: respond(c, c.agency_a), note="agency A (submitted)"),
    # Not yet submitted: the agency's own (the draft rule), so the other readers get 404.
    Case("scrutiny:consultation-respond", expect((*P1_BU, "lead_police")),
         kwargs=lambda c: respond(c, c.police), note="police"),
    Case("scrutiny:consultation-respond", expect(("lead_police",), forbidden=P1_BU),
         kwargs=lambda c: respond(c, c.police), method="post",
         data=lambda c: {"version": "0", f"question_{c.question_scale.pk}": "9"},
         note="police, out of scale"),
    Case("scrutiny:consultation-respond", expect(("lead_a",), forbidden=P1_ROLES),
         kwargs=lambda c: respond(c, c.agency_a), method="post",
         data=lambda c: {"version": "2", f"question_{c.question_text.pk}": "Changed"},
         note="agency A, submitted"),
]
