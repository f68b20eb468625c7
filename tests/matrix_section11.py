"""Role x route cases for Section 11 routes (see tests/matrix.py for the helpers and rules).

The return pages (agencies/urls.py). In the cast, P1 asks agency A (return_a, a draft) and
the police (return_police, submitted and shared with P2); P2 asks the police and agency X
(return_x, an empty draft). Agency staff see only their own agency's return; the business
unit sees every return its cycles asked for; partners, the chair and the scrutineer read
submitted returns, never drafts. Writes are for the agency's lead and contributors (submit:
the lead; sign off: the chief officer; send back: the chief officer or the business unit;
recall: the lead; tests/matrix_s11_send_back.py has the recall's cases)."""

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, P2_VISIBLE, Case, expect

READ_A = (*P1_BU, *A_STAFF)
EDIT_A = ("lead_a", "contributor_a")
SEE_A_NOT_EDIT = (*P1_BU, "chief_a")
READ_POLICE = (*P1_ROLES, "lead_police")
P1_READERS = ("lsp", "dsp", "chair", "scrutineer")


def _p1(c):
    return {"slug": c.p1.slug}


def _p2(c):
    return {"slug": c.p2.slug}


def _a(c, **extra):
    return {**_p1(c), "pk": c.return_a.pk, **extra}


def _police(c, **extra):
    return {**_p1(c), "pk": c.return_police.pk, **extra}


def _police_p2(c, **extra):
    return {**_p2(c), "pk": c.return_police.pk, **extra}


def _version(assessment):
    assessment.refresh_from_db()
    return assessment.version


def _file_evidence(c):
    from agencies.services import returns

    from .cast import pdf

    evidence = returns.evidence_add(assessment=c.return_a, standard=c.s11_standard1, user=c.lead_a,
                                    version=_version(c.return_a), title="Training record",
                                    checked=pdf("training.pdf"))
    return _a(c, evidence_pk=evidence.pk)


def _link_evidence(c):
    return _police(c, evidence_pk=c.return_police.answers.first().evidence.first().pk)


def _plan_item(c):
    import datetime

    from agencies.services import returns

    item = returns.plan_item_add(assessment=c.return_a, user=c.lead_a, version=_version(c.return_a),
                                 action="Name a board lead", due_on=datetime.date(2031, 3, 31),
                                 standard=c.s11_standard1)
    return _a(c, item_pk=item.pk)


INVALID_ANSWER = {"rating": "9", "narrative": "x", "version": "1"}

CASES = [
    # The list
    Case("s11:return-list", expect(P1_VISIBLE), kwargs=_p1, note="P1"),
    Case("s11:return-list", expect(P2_VISIBLE), kwargs=_p2, note="P2"),
    Case("s11:return-list", expect(()), kwargs=lambda c: {"slug": "no-such-partnership"},
         note="missing"),
    # The task list
    Case("s11:return", expect(READ_A), kwargs=_a, note="A's draft"),
    Case("s11:return", expect(READ_POLICE), kwargs=_police, note="police via P1"),
    Case("s11:return", expect(("bu_p2", "lead_police")), kwargs=_police_p2, note="police via P2"),
    Case("s11:return", expect(("bu_p2", "lead_x")), kwargs=lambda c: {**_p2(c), "pk": c.return_x.pk},
         note="X's draft via P2"),
    Case("s11:return", expect(()), kwargs=lambda c: {**_p1(c), "pk": c.return_x.pk},
         note="X via P1"),
    Case("s11:return", expect(()), kwargs=lambda c: {**_p1(c), "pk": 999999}, note="missing"),
    # A standard's answer
    Case("s11:answer", expect(READ_A), kwargs=lambda c: _a(c, standard_pk=c.s11_standard1.pk),
         note="A"),
    Case("s11:answer", expect(("bu_p2", "lead_police")),
         kwargs=lambda c: _police_p2(c, standard_pk=c.s11_standard1.pk), note="police via P2"),
    Case("s11:answer", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT),
         kwargs=lambda c: _a(c, standard_pk=c.s11_standard1.pk), method="post",
         data=INVALID_ANSWER, note="invalid"),
    Case("s11:answer", expect((), forbidden=READ_POLICE),
         kwargs=lambda c: _police(c, standard_pk=c.s11_standard1.pk), method="post",
         data={"rating": "1", "narrative": "Overwritten", "version": "17"},
         note="submitted police return"),
    Case("s11:answer", expect(()), kwargs=lambda c: _a(c, standard_pk=999999), note="no standard"),
    # Evidence
    Case("s11:evidence-add", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT),
         kwargs=lambda c: _a(c, standard_pk=c.s11_standard1.pk)),
    Case("s11:evidence-add", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT),
         kwargs=lambda c: _a(c, standard_pk=c.s11_standard1.pk), method="post",
         data={"title": "", "link": "not a link", "version": "1"}, note="invalid"),
    Case("s11:evidence-add", expect((), forbidden=READ_POLICE),
         kwargs=lambda c: _police(c, standard_pk=c.s11_standard1.pk), method="post",
         data={"title": "Late", "link": "https://police.example/late", "version": "17"},
         note="submitted police return"),
    Case("s11:evidence-download", expect(READ_A), kwargs=_file_evidence, note="A's file"),
    Case("s11:evidence-download", expect(()), kwargs=_link_evidence, note="a link, no file"),
    Case("s11:evidence-remove", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_file_evidence,
         method="post", data={"version": "stale"}, note="invalid"),
    Case("s11:evidence-remove", expect((), forbidden=READ_POLICE), kwargs=_link_evidence,
         method="post", data={"version": "17"}, note="submitted police return"),
    # Action plan
    Case("s11:plan", expect(READ_A), kwargs=_a, note="A"),
    Case("s11:plan", expect(READ_POLICE), kwargs=_police, note="police"),
    Case("s11:plan", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_a, method="post",
         data={"action": "", "due_on_0": "31", "due_on_1": "2", "due_on_2": "2031", "version": "1"},
         note="invalid"),
    Case("s11:plan-remove", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_plan_item,
         method="post", data={"version": "stale"}, note="invalid"),
    Case("s11:plan-remove", expect(()), kwargs=lambda c: _police(c, item_pk=999999),
         method="post", data={"version": "17"}, note="missing"),
    # Carry forward (agency A has no earlier signed-off return: the service says so)
    Case("s11:carry-forward", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_a, method="post",
         data={"version": "1"}, note="nothing to carry"),
    Case("s11:carry-forward", expect((), forbidden=READ_POLICE), kwargs=_police, method="post",
         data={"version": "17"}, note="submitted police return"),
    # Check and submit (A's draft is incomplete: the lead gets the list of what is missing)
    Case("s11:submit", expect(READ_A), kwargs=_a, note="check answers"),
    Case("s11:submit", expect(READ_POLICE), kwargs=_police, note="police"),
    Case("s11:submit", expect(("lead_a",), forbidden=(*P1_BU, "chief_a", "contributor_a")),
         kwargs=_a, method="post", data={"version": "1"}, note="incomplete"),
    Case("s11:submit", expect((), forbidden=READ_POLICE), kwargs=_police, method="post",
         data={"version": "17"}, note="already submitted"),
    # Sign off (the cast has no police chief officer; A's return is a draft)
    Case("s11:sign-off", expect((), forbidden=READ_POLICE), kwargs=_police, note="police"),
    Case("s11:sign-off", expect((), forbidden=READ_POLICE), kwargs=_police, method="post",
         data={"confirm": "on"}, note="police"),
    Case("s11:sign-off", expect((), forbidden=READ_A), kwargs=_a, method="post",
         data={"confirm": "on"}, note="A's draft"),
    # Send back for amendment
    Case("s11:return-amend", expect(P1_BU, forbidden=(*P1_READERS, "lead_police")),
         kwargs=_police, note="police via P1"),
    Case("s11:return-amend", expect(P1_BU, forbidden=(*P1_READERS, "lead_police")),
         kwargs=_police, method="post", data={"reason": " "}, note="invalid"),
    Case("s11:return-amend", expect(("bu_p2",), forbidden=("lead_police",)), kwargs=_police_p2,
         method="post", data={"reason": ""}, note="invalid via P2"),
    Case("s11:return-amend", expect((), forbidden=READ_A), kwargs=_a, method="post",
         data={"reason": "Not yet submitted"}, note="A's draft"),
    # Versions
    Case("s11:versions", expect(READ_A), kwargs=_a, note="A"),
    Case("s11:versions", expect(READ_POLICE), kwargs=_police, note="police"),
    Case("s11:version", expect(READ_A), kwargs=lambda c: _a(c, number=1), note="A"),
    Case("s11:version", expect(READ_POLICE),
         kwargs=lambda c: _police(c, number=c.return_police.version), note="police submitted"),
    Case("s11:version", expect((*P1_BU, "lead_police")), kwargs=lambda c: _police(c, number=1),
         note="police draft version"),
    Case("s11:version", expect(()), kwargs=lambda c: _police(c, number=999), note="missing"),
]
