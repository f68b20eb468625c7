"""Role x route cases for a submitted return's way back to its lead (see tests/matrix.py
for the helpers and rules): the lead's recall (page and API) and sending back through the
API (the page, s11:return-amend, is in tests/matrix_section11.py).

In the cast, P1 asks agency A (return_a: a draft) and the police (return_police:
submitted, shared with P2); the cast has no police chief officer, and chief_a is agency
A's. Successful sends back through the API (200) are in tests/test_section11_send_back.py;
here are the refused and invalid ones, which change nothing, and the police lead's recall
on the page (302), the last step the return takes in these cases."""

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import Case, api, expect

P1_READERS = ("lsp", "dsp", "chair", "scrutineer")
READ_A = (*P1_BU, *A_STAFF)


def _police(c):
    return {"slug": c.p1.slug, "pk": c.return_police.pk}


def _police_p2(c):
    return {"slug": c.p2.slug, "pk": c.return_police.pk}


def _a(c):
    return {"slug": c.p1.slug, "pk": c.return_a.pk}


def _api_police(c):
    return {"pk": c.return_police.pk}


def _api_a(c):
    return {"pk": c.return_a.pk}


CASES = [
    # The lead's recall, on the page: the confirmation, then the recall itself.
    Case("s11:return-recall", expect(("lead_police",), forbidden=P1_ROLES), kwargs=_police,
         note="police via P1"),
    Case("s11:return-recall", expect(("lead_police",), forbidden=("bu_p2",)),
         kwargs=_police_p2, note="police via P2"),
    Case("s11:return-recall", expect((), forbidden=READ_A), kwargs=_a, method="post",
         note="A's draft"),
    Case("s11:return-recall", expect(("lead_police",), code=302, forbidden=P1_ROLES),
         kwargs=_police, method="post", note="recalled by the lead"),
    # Sending back through the API: blank reasons, and a draft (400 for those who may).
    Case("s11:api-return-send-back",
         api(P1_BU + ("bu_p2",), code=400, forbidden=(*P1_READERS, "lead_police")),
         kwargs=_api_police, method="post", data={"reason": "  "}, json=True,
         note="blank reasons"),
    Case("s11:api-return-send-back",
         api(P1_BU + ("bu_p2",), code=400, forbidden=(*P1_READERS, "lead_police")),
         kwargs=_api_police, method="post", data={}, json=True, note="no reasons"),
    Case("s11:api-return-send-back",
         api((*P1_BU, "chief_a"), code=400, forbidden=("lead_a", "contributor_a")),
         kwargs=_api_a, method="post", data={"reason": "Not submitted yet"}, json=True,
         note="A's draft"),
    Case("s11:api-return-send-back", api(()), kwargs=lambda c: {"pk": 999999},
         method="post", data={"reason": "Missing"}, json=True, note="missing"),
    # The lead's recall through the API: a draft cannot be recalled (400 for its lead).
    Case("s11:api-return-recall", api(("lead_a",), code=400, forbidden=(*P1_BU, "chief_a",
                                                                       "contributor_a")),
         kwargs=_api_a, method="post", data={}, json=True, note="A's draft"),
    Case("s11:api-return-recall", api(()), kwargs=lambda c: {"pk": 999999}, method="post",
         data={}, json=True, note="missing"),
]
