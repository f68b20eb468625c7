"""Role x route cases for an agency's new name and its merger (see tests/matrix.py).

Agency A serves P1 only: P1's business unit renames and merges it (the writes here are
refused as invalid and change nothing); P1's other roles and A's own staff get 403, everyone
else 404. The police serve P1 and P2: no business unit renames or merges them (403 for
everyone who can see them in P1); the platform's administrators do."""

from .cast import A_STAFF, P1_BU
from .matrix import Case, expect

P1_OTHERS = ("lsp", "dsp", "chair", "scrutineer")


def agency_a(c):
    return {"slug": c.p1.slug, "pk": c.agency_a.pk}


def police(c):
    return {"slug": c.p1.slug, "pk": c.police.pk}


A_BU_ONLY = expect(P1_BU, forbidden=(*P1_OTHERS, *A_STAFF))
POLICE_NOBODY = expect(forbidden=(*P1_BU, *P1_OTHERS, "lead_police"))

CASES = [
    Case("agency-rename", A_BU_ONLY, kwargs=agency_a),
    Case("agency-rename", A_BU_ONLY, kwargs=agency_a, method="post",
         data={"name": "", "start_date_0": "31", "start_date_1": "2", "start_date_2": "2023"},
         note="invalid"),
    Case("agency-rename", POLICE_NOBODY, kwargs=police, note="serves two partnerships"),
    Case("agency-rename", expect(()), kwargs=lambda c: {"slug": c.p1.slug, "pk": c.agency_x.pk},
         method="post", data={"name": "Taken over"}, note="X via P1"),
    Case("agency-merge", A_BU_ONLY, kwargs=agency_a),
    Case("agency-merge", A_BU_ONLY, kwargs=agency_a, method="post",
         data={"into": "new", "new_name": "", "merged_on_0": "1", "merged_on_1": "7",
               "merged_on_2": "2022"}, note="invalid"),
    Case("agency-merge", POLICE_NOBODY, kwargs=police, method="post",
         data={"into": "new", "new_name": "Shires Constabulary", "new_sector": "police_justice",
               "merged_on_0": "1", "merged_on_1": "7", "merged_on_2": "2022"},
         note="serves two partnerships"),
]
