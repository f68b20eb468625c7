"""The role x route matrix: for every URL pattern, what each member of the cast gets.

Every named route of the project must appear here (test_matrix.py fails otherwise), with
one or more cases: the URL's arguments, the method, the data sent and the expected status
for each person of the cast (tests/cast.py). The business rules it encodes:

- outsiders to a partnership, or to an agency, get 404, exactly as for a missing record;
- people who can see a partnership or agency but not do something to it get 403;
- anonymous visitors are sent to sign in (HTML, 302) or refused (API, 401).
"""

from dataclasses import dataclass

from .cast import A_STAFF, P1_BU, P1_ROLES, USERS

P1_VISIBLE = (*P1_ROLES, *A_STAFF, "lead_police")
P2_VISIBLE = ("lead_x", "bu_p2", "lead_police")
SIGNED_IN = tuple(u for u in USERS if u != "anon")
P1_NOT_BU = tuple(u for u in P1_VISIBLE if u not in P1_BU)


@dataclass
class Case:
    name: str
    expected: dict
    kwargs: object = None  # callable(cast) -> dict
    method: str = "get"
    data: object = None  # dict, or callable(cast) -> dict
    json: bool = False
    note: str = ""
    query: str = ""

    def id(self):
        return f"{self.name}:{self.method}:{self.note}" if self.note else f"{self.name}:{self.method}"


def expect(ok=(), *, code=200, forbidden=(), denied=404, anon=302, overrides=None):
    result = {}
    for user in USERS:
        if user == "anon":
            result[user] = code if "anon" in ok else anon
        elif user in ok:
            result[user] = code
        elif user in forbidden:
            result[user] = 403
        else:
            result[user] = denied
    result.update(overrides or {})
    return result


def everyone(code=200, anon=None):
    return expect(SIGNED_IN + (() if anon is not None else ("anon",)), code=code, anon=anon)


def p1(c):
    return {"slug": c.p1.slug}


def year1(c):
    return {"slug": c.p1.slug, "start_year": c.year1.start_year}


P1_FUNDING = (*P1_ROLES, "lead_a", "chief_a", "lead_police")
P1_FUNDING_NOT_BU = tuple(u for u in P1_FUNDING if u not in P1_BU)
P1_FUNDING_NOT_LSP = tuple(u for u in P1_FUNDING if u != "lsp")


def api(ok=SIGNED_IN, **kwargs):
    return expect(ok, anon=401, **kwargs)


CASES = [
    # Public pages
    Case("login", expect(("anon",), code=200, denied=302)),
    Case("logout", everyone(302), method="post"),
    Case("logout", everyone(405, anon=302), note="GET is refused"),
    Case("signed-out", everyone()),
    Case("accessibility", everyone()),
    Case("healthz", everyone()),
    Case("readyz", everyone()),
    Case("metrics", everyone(404), note="off: no METRICS_TOKEN"),
    Case("password_reset", everyone()),
    Case("password_reset", everyone(200), method="post", data={"email": "not-an-address"}),
    Case("password_reset_done", everyone()),
    Case("password_reset_confirm", everyone(), kwargs=lambda c: {"uidb64": "MQ", "token": "bad-token"}),
    Case("password_reset_complete", everyone()),
    Case("invitation-accept", everyone(), kwargs=lambda c: {"uidb64": "MQ", "token": "bad-token"}),
    Case("invitation-complete", everyone()),
    # Signed-in pages
    Case("home", expect(SIGNED_IN)),
    Case("partnership-switch", expect(SIGNED_IN, code=302), method="post",
         data=lambda c: {"partnership": c.p1.slug}),
    Case("partnership-overview", expect(P1_VISIBLE), kwargs=p1, note="P1"),
    Case("partnership-overview", expect(P2_VISIBLE), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("partnership-overview", expect(()), kwargs=lambda c: {"slug": "no-such-partnership"},
         note="missing"),
    Case("agency-list", expect(P1_VISIBLE), kwargs=p1),
    Case("agency-detail", expect((*P1_ROLES, *A_STAFF)),
         kwargs=lambda c: {**p1(c), "pk": c.agency_a.pk}, note="own agency A"),
    Case("agency-detail", expect((*P1_ROLES, "lead_police")),
         kwargs=lambda c: {**p1(c), "pk": c.police.pk}, note="shared police in P1"),
    Case("agency-detail", expect(("bu_p2", "lead_x")),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.agency_x.pk}, note="agency X in P2"),
    Case("agency-detail", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.agency_a.pk}, note="A is not in P2"),
    Case("agency-detail", expect(()),
         kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("agency-edit", expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", *A_STAFF)),
         kwargs=lambda c: {**p1(c), "pk": c.agency_a.pk}),
    Case("agency-edit", expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", *A_STAFF)),
         kwargs=lambda c: {**p1(c), "pk": c.agency_a.pk}, method="post",
         data={"name": "", "sector": "nonsense"}, note="invalid"),
    Case("agency-edit", expect(()), kwargs=lambda c: {**p1(c), "pk": c.agency_x.pk},
         method="post", data={"name": "Taken over", "sector": "other"}, note="X via P1"),
    Case("people", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1),
    Case("people-invite", expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=p1),
    Case("people-invite", expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=p1, method="post", data={"email": "new@cast.example", "role": "no-such-role"},
         note="invalid"),
    Case("membership-end-partnership",
         expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=lambda c: {**p1(c), "pk": c.dsp_membership.pk}),
    Case("membership-end-partnership",
         expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=lambda c: {**p1(c), "pk": c.dsp_membership.pk}, method="post",
         data={"end_date_0": "31", "end_date_1": "2", "end_date_2": "2020"}, note="invalid"),
    Case("membership-end-partnership", expect((), forbidden=P1_NOT_BU),
         kwargs=lambda c: {**p1(c), "pk": c.bu_p2_membership.pk}, method="post",
         data={"end_date_0": "1", "end_date_1": "1", "end_date_2": "2030"}, note="P2 role via P1"),
    Case("membership-end-agency",
         expect(P1_BU, forbidden=P1_NOT_BU),
         kwargs=lambda c: {**p1(c), "pk": c.lead_a_membership.pk}),
    Case("membership-end-agency", expect((), forbidden=P1_NOT_BU),
         kwargs=lambda c: {**p1(c), "pk": c.lead_x_membership.pk}, method="post",
         data={"end_date_0": "1", "end_date_1": "1", "end_date_2": "2030"}, note="X role via P1"),
    # Funding (P1's 2025/26: agency A's and the police's lines and a budget line; P2's 2025/26)
    Case("funding:years", expect(P1_FUNDING), kwargs=p1),
    Case("funding:year", expect(P1_FUNDING), kwargs=year1),
    Case("funding:year", expect(("bu_p2", "lead_x", "lead_police")),
         kwargs=lambda c: {"slug": c.p2.slug, "start_year": 2025}, note="P2"),
    Case("funding:year", expect(()), kwargs=lambda c: {**p1(c), "start_year": 2019},
         note="missing"),
    Case("funding:export-csv", expect(P1_FUNDING), kwargs=year1),
    Case("funding:export-xlsx", expect(P1_FUNDING), kwargs=year1),
    Case("funding:year-create", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=p1),
    Case("funding:year-create", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=p1,
         method="post", data={"start_year": "2025", "declared_budget": "1433,65"},
         note="invalid"),
    Case("funding:year-edit", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=year1),
    Case("funding:year-edit", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=year1,
         method="post", data={"declared_budget": "-5"}, note="invalid"),
    Case("funding:contribution-create", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=year1),
    Case("funding:contribution-edit",
         expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", "lead_a", "chief_a")),
         kwargs=lambda c: {**year1(c), "pk": c.contribution_a.pk}),
    Case("funding:contribution-edit",
         expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", "lead_a", "chief_a")),
         kwargs=lambda c: {**year1(c), "pk": c.contribution_a.pk}, method="post",
         data={"agreed": "100", "invoice_amount": "1433,65"}, note="invalid"),
    Case("funding:contribution-edit", expect(()),
         kwargs=lambda c: {**year1(c), "pk": c.contribution_x.pk}, method="post",
         data={"agreed": "1"}, note="P2 line via P1"),
    Case("funding:line-create", expect(P1_BU, forbidden=P1_FUNDING_NOT_BU), kwargs=year1),
    Case("funding:line-edit", expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer")),
         kwargs=lambda c: {**year1(c), "pk": c.line1.pk}),
    Case("funding:sign-off", expect(("lsp",), code=302, forbidden=P1_FUNDING_NOT_LSP),
         kwargs=year1, method="post"),
    # API
    Case("api-token", everyone(400), method="post", data={}, json=True),
    Case("api-me", api()),
    Case("api-working-days", api(), query="?start=2026-12-23&days=5"),
    Case("api-working-days", api(P1_VISIBLE), query="?start=2026-12-23&days=5&partnership={p1}",
         note="with a partnership"),
    Case("api-schema", api()),
    Case("api-docs", api()),
    Case("api-partnership-list", api()),
    Case("api-partnership-detail", api(P1_VISIBLE), kwargs=lambda c: {"pk": c.p1.pk}),
    Case("api-agency-list", api()),
    Case("funding:api-year-list", api()),
    Case("funding:api-year-detail", api(P1_FUNDING), kwargs=lambda c: {"pk": c.year1.pk}),
    Case("funding:api-year-detail", api(P1_BU, code=400, forbidden=P1_FUNDING_NOT_BU),
         kwargs=lambda c: {"pk": c.year1.pk}, method="patch",
         data={"declared_budget": "1433,65"}, json=True, note="invalid"),
    Case("funding:api-contribution-list", api()),
    Case("funding:api-contribution-detail", api((*P1_ROLES, "lead_a", "chief_a")),
         kwargs=lambda c: {"pk": c.contribution_a.pk}),
    Case("funding:api-contribution-detail",
         api(P1_BU, code=400, forbidden=("lsp", "dsp", "chair", "scrutineer", "lead_a",
                                         "chief_a")),
         kwargs=lambda c: {"pk": c.contribution_a.pk}, method="patch",
         data={"received": "1433,65"}, json=True, note="invalid"),
    Case("api-agency-list", api(P1_VISIBLE), query="?partnership={p1}", note="P1 filter"),
    Case("api-agency-list", api(SIGNED_IN, code=400), query="?partnership=abc",
         note="not a number"),
    Case("api-agency-detail", api((*P1_ROLES, *A_STAFF)), kwargs=lambda c: {"pk": c.agency_a.pk}),
    Case("api-agency-detail",
         api(P1_BU, code=400, forbidden=("lsp", "dsp", "chair", "scrutineer", *A_STAFF)),
         kwargs=lambda c: {"pk": c.agency_a.pk}, method="patch", data={"sector": "nonsense"},
         json=True, note="invalid"),
    Case("api-agency-detail", api(("bu_p2",), forbidden=("lead_x",)),
         kwargs=lambda c: {"pk": c.agency_x.pk}, method="patch", data={"website": ""},
         json=True, note="agency X of P2"),
]

ADMIN_NAMESPACE = "admin"
