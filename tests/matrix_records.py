"""Role x route cases for a meeting's record after the event (see tests/matrix.py):
decisions and declarations corrected or withdrawn, and the decisions log's filters.

The people who run the executive's meetings (its business unit and chair) correct and
withdraw; the others who see the meeting get 403; a record about the confidential item is
404 for those who may not see that item (the chair of the partnership and the scrutineer
are not members), as for a record that does not exist."""

from .matrix import P1_VISIBLE, Case, expect
from .matrix_governance import EXEC_MEMBERS, EXEC_NOT_RUNNERS, EXEC_RUNNERS


def records(c):
    """A decision on the public item, one on the confidential item and a declaration about
    it, at the executive's held meeting, made on first use."""
    if "decision_public" not in c.__dict__:
        from governance.services import meetings

        c.decision_public = meetings.decision_add(meeting=c.meeting1, item=c.item_public,
                                                  text="Agreed the budget")
        c.decision_conf = meetings.decision_add(meeting=c.meeting1, item=c.item_conf,
                                                text="Agreed in private")
        c.declaration_conf = meetings.declaration_add(meeting=c.meeting1, item=c.item_conf,
                                                      person="A member", interest="Knows them")
    return c


def public(c):
    return {"slug": c.p1.slug, "pk": c.meeting1.pk, "record_pk": records(c).decision_public.pk}


def secret(c):
    return {"slug": c.p1.slug, "pk": c.meeting1.pk, "record_pk": records(c).decision_conf.pk}


def declared(c):
    return {"slug": c.p1.slug, "pk": c.meeting1.pk, "record_pk": records(c).declaration_conf.pk}


RUN = expect(EXEC_RUNNERS, forbidden=EXEC_NOT_RUNNERS)
# A confidential record: its members who do not run the group get 403; non-members 404.
RUN_SECRET = expect(EXEC_RUNNERS, forbidden=tuple(u for u in EXEC_MEMBERS
                                                  if u not in EXEC_RUNNERS))
INVALID_CORRECTION = {"text": "", "reason": ""}
INVALID_WITHDRAWAL = {"reason": " "}


def _cases():
    cases = []
    for name, invalid in (("governance:meeting-decision-correct", INVALID_CORRECTION),
                          ("governance:meeting-decision-withdraw", INVALID_WITHDRAWAL)):
        for kwargs, expected, note in ((public, RUN, "public item"),
                                       (secret, RUN_SECRET, "confidential item")):
            cases.append(Case(name, expected, kwargs=kwargs, note=note))
            cases.append(Case(name, expected, kwargs=kwargs, method="post", data=invalid,
                              note=f"{note}, invalid"))
    for name, invalid in (("governance:meeting-declaration-correct", INVALID_CORRECTION),
                          ("governance:meeting-declaration-withdraw", INVALID_WITHDRAWAL)):
        cases.append(Case(name, RUN_SECRET, kwargs=declared, note="confidential item"))
        cases.append(Case(name, RUN_SECRET, kwargs=declared, method="post", data=invalid,
                          note="confidential item, invalid"))
    cases.append(Case("governance:meeting-decision-correct", expect(()), method="post",
                      kwargs=lambda c: {**public(c), "pk": c.meeting2.pk},
                      data={"text": "Changed", "reason": "Wrong"}, note="another meeting's"))
    return cases


CASES = [
    *_cases(),
    Case("governance:decision-list", expect(P1_VISIBLE),
         kwargs=lambda c: {"slug": records(c).p1.slug},
         query="?group=abc&status=nonsense&start_0=31&start_1=2&start_2=2025", note="bad filters"),
    Case("governance:decision-list", expect(P1_VISIBLE),
         kwargs=lambda c: {"slug": records(c).p1.slug},
         query="?status=withdrawn&start_0=1&start_1=1&start_2=2025&page=99", note="filters"),
]
