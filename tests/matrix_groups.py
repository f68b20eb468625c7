"""Role x route cases for the group pages (see tests/matrix.py for the helpers and rules).

P1's executive (exec_group) has seats for lsp (its chair), dsp, lead_a and an ICB post. The
business unit manages groups; the business unit and the group's chair run its seats and
schedule; every partnership role sees every group; agency staff see the groups they sit on.
"""

from .cast import P1_BU
from .matrix import P1_NOT_BU, P1_VISIBLE, P2_VISIBLE, Case, expect, p1

EXEC_VIEW = (*P1_BU, "lsp", "dsp", "chair", "scrutineer", "lead_a")
EXEC_NOT_BU = tuple(u for u in EXEC_VIEW if u not in P1_BU)
EXEC_RUN = (*P1_BU, "lsp")
EXEC_NOT_RUN = tuple(u for u in EXEC_VIEW if u not in EXEC_RUN)


def p2(c):
    return {"slug": c.p2.slug}


def exec_group(c):
    return {**p1(c), "pk": c.exec_group.pk}


def p2_group_via_p1(c):
    return {**p1(c), "pk": c.group_p2.pk}


def icb_seat(c):
    return {**exec_group(c), "member_pk": c.seat_icb.pk}


TASK_AND_FINISH_WITHOUT_END = {
    "name": "Neglect strategy", "group_type": "task_and_finish", "frequency": "monthly",
    "quorum": "none", "end_date_0": "", "end_date_1": "", "end_date_2": ""}
BEFORE_THE_SEAT_STARTED = {"end_date_0": "1", "end_date_1": "1", "end_date_2": "2020"}
NO_MEETINGS = {"first_0": "2", "first_1": "6", "first_2": "2026", "start_time": "10:00",
               "count": "0"}

CASES = [
    Case("governance:group-list", expect(P1_VISIBLE), kwargs=p1, note="P1"),
    Case("governance:group-list", expect(P2_VISIBLE), kwargs=p2, note="P2"),
    Case("governance:group-list", expect(()), kwargs=lambda c: {"slug": "no-such-partnership"},
         note="missing"),
    Case("governance:group-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1),
    Case("governance:group-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1, method="post",
         data=TASK_AND_FINISH_WITHOUT_END, note="invalid"),
    Case("governance:group-create", expect(("bu_p2",), forbidden=("lead_x", "lead_police")), kwargs=p2,
         method="post", data={"name": "", "group_type": "panel"}, note="invalid"),
    Case("governance:group-detail", expect(EXEC_VIEW), kwargs=exec_group, note="P1 executive"),
    Case("governance:group-detail", expect(("bu_p2", "lead_x")),
         kwargs=lambda c: {**p2(c), "pk": c.group_p2.pk}, note="P2 group"),
    Case("governance:group-detail", expect(()), kwargs=p2_group_via_p1, note="P2 group via P1"),
    Case("governance:group-detail", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("governance:group-edit", expect(P1_BU, forbidden=EXEC_NOT_BU), kwargs=exec_group),
    Case("governance:group-edit", expect(P1_BU, forbidden=EXEC_NOT_BU), kwargs=exec_group, method="post",
         data={"name": "", "group_type": "executive", "frequency": "often",
               "quorum": "statutory_partners"}, note="invalid"),
    Case("governance:group-edit", expect(()), kwargs=p2_group_via_p1, method="post",
         data={"name": "Taken over", "group_type": "panel", "frequency": "monthly",
               "quorum": "none"}, note="P2 group via P1"),
    Case("governance:group-member-add", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=exec_group),
    Case("governance:group-member-add", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=exec_group,
         method="post", data={"member_type": "core"}, note="invalid"),
    Case("governance:group-member-add", expect(()), kwargs=p2_group_via_p1, method="post",
         data={"role_label": "Intruder", "member_type": "core"}, note="P2 group via P1"),
    Case("governance:group-member-end", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=icb_seat),
    Case("governance:group-member-end", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=icb_seat,
         method="post", data=BEFORE_THE_SEAT_STARTED, note="invalid"),
    Case("governance:group-member-end", expect(()),
         kwargs=lambda c: {**exec_group(c), "member_pk": c.seat_x.pk}, method="post",
         data={"end_date_0": "1", "end_date_1": "1", "end_date_2": "2030"},
         note="P2 seat via the P1 executive"),
    Case("governance:group-schedule", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=exec_group),
    Case("governance:group-schedule", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=exec_group,
         method="post", data={**NO_MEETINGS, "preview": "1"}, note="preview, invalid count"),
    Case("governance:group-schedule", expect(EXEC_RUN, forbidden=EXEC_NOT_RUN), kwargs=exec_group,
         method="post", data={**NO_MEETINGS, "confirm": "1"}, note="invalid"),
    Case("governance:group-schedule", expect(()), kwargs=p2_group_via_p1, method="post",
         data={**NO_MEETINGS, "count": "1", "confirm": "1"}, note="P2 group via P1"),
]
