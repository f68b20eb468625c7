"""Role x route cases for meetings and the action register (see tests/matrix.py).

In P1 the executive's seats are held by lsp (its chair), dsp and lead_a; the business unit
and the group's chair run its meetings; members and the business unit see confidential
items. action_a belongs to agency A (owner lead_a); action_police to the shared police.
"""

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, Case, expect

EXEC_VIEWERS = (*P1_ROLES, "lead_a")
EXEC_RUNNERS = (*P1_BU, "lsp")
EXEC_NOT_RUNNERS = tuple(u for u in EXEC_VIEWERS if u not in EXEC_RUNNERS)
EXEC_MEMBERS = (*P1_BU, "lsp", "dsp", "lead_a")
P1_NOT_BU = tuple(u for u in P1_VISIBLE if u not in P1_BU)


def p1(c):
    return {"slug": c.p1.slug}


def m1(c, **more):
    return {"slug": c.p1.slug, "pk": c.meeting1.pk, **more}


def run(method="get", data=None, note="", kwargs=m1, name=""):
    return Case(name, expect(EXEC_RUNNERS, forbidden=EXEC_NOT_RUNNERS), kwargs=kwargs,
                method=method, data=data, note=note)


def _runner_cases():
    item = lambda c: m1(c, item_pk=c.item_public.pk)  # noqa: E731
    cases = []
    for name, kwargs, invalid in (
        ("governance:meeting-edit", m1, {"date_0": "31", "date_1": "2", "date_2": "2026", "time": "25:00"}),
        ("governance:meeting-item-add", m1, {"title": ""}),
        ("governance:meeting-item-edit", item, {"title": ""}),
        ("governance:meeting-paper-add", item, {"title": "No file"}),
        ("governance:meeting-attendance", m1, {}),
        ("governance:meeting-declaration-add", m1, {"person": "", "interest": ""}),
        ("governance:meeting-decision-add", m1, {"text": ""}),
        ("governance:meeting-minutes", m1, {"text": ""}),
        ("governance:meeting-minutes-approve", m1, {"at_meeting": "999999"}),
    ):
        cases.append(run(name=name, kwargs=kwargs))
        cases.append(run(name=name, kwargs=kwargs, method="post", data=invalid, note="invalid"))
    return cases


CASES = [
    Case("governance:meeting-list", expect(P1_VISIBLE), kwargs=p1),
    Case("governance:meeting-list", expect(P1_VISIBLE), kwargs=p1, query="?when=past&group=abc",
         note="past, bad group filter"),
    Case("governance:meeting-detail", expect(EXEC_VIEWERS), kwargs=m1),
    Case("governance:meeting-detail", expect(("bu_p2", "lead_x")),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": c.meeting_p2.pk}, note="P2"),
    Case("governance:meeting-detail", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.meeting_p2.pk}, note="P2 via P1"),
    Case("governance:meeting-create", expect(EXEC_RUNNERS, forbidden=EXEC_NOT_RUNNERS),
         kwargs=lambda c: {"slug": c.p1.slug, "group_pk": c.exec_group.pk}),
    Case("governance:meeting-create", expect(EXEC_RUNNERS, forbidden=EXEC_NOT_RUNNERS),
         kwargs=lambda c: {"slug": c.p1.slug, "group_pk": c.exec_group.pk}, method="post",
         data={"date_0": "30", "date_1": "2", "date_2": "2026", "time": "10:00",
               "duration_minutes": "60", "status": "planned"}, note="invalid"),
    Case("governance:meeting-create", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "group_pk": c.group_p2.pk}, method="post",
         data={"date_0": "3", "date_1": "3", "date_2": "2026", "time": "10:00",
               "duration_minutes": "60", "status": "planned"}, note="P2 group via P1"),
    *_runner_cases(),
    # The minutes: drafting from the record is refused while minutes are written (no
    # `replace`), which changes nothing; the draft's downloads are its readers' (members).
    Case("governance:meeting-minutes-draft",
         expect(EXEC_RUNNERS, code=302, forbidden=EXEC_NOT_RUNNERS), kwargs=m1, method="post",
         data={}, note="refused without replace"),
    Case("governance:meeting-minutes-draft", expect((), denied=405, anon=302), kwargs=m1,
         note="GET is refused"),
    Case("governance:meeting-minutes-pdf", expect(EXEC_MEMBERS), kwargs=m1, note="draft"),
    Case("governance:meeting-minutes-docx", expect(EXEC_MEMBERS), kwargs=m1, note="draft"),
    Case("governance:paper-download", expect(EXEC_VIEWERS),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.paper_public.pk}, note="public item"),
    Case("governance:paper-download", expect(EXEC_MEMBERS),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.paper_conf.pk}, note="confidential item"),
    Case("governance:decision-list", expect(P1_VISIBLE), kwargs=p1),
    Case("governance:decision-list", expect(P1_VISIBLE), kwargs=p1, query="?group=99999999999999999999",
         note="absurd group"),
    Case("governance:action-list", expect(P1_VISIBLE), kwargs=p1),
    Case("governance:action-list", expect(P1_VISIBLE), kwargs=p1,
         query="?status=nonsense&agency=x&source=y&overdue=1", note="odd filters"),
    Case("governance:action-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1),
    Case("governance:action-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1, method="post",
         data=lambda c: {"description": "x", "owner_agency": c.agency_x.pk, "due_on_0": "1",
                         "due_on_1": "1", "due_on_2": "2030"}, note="P2 agency refused"),
    Case("governance:action-detail", expect((*P1_ROLES, *A_STAFF)),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk}, note="agency A"),
    Case("governance:action-detail", expect((*P1_ROLES, "lead_police")),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_police.pk}, note="police"),
    Case("governance:action-detail", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_x.pk}, note="P2 action via P1"),
    Case("governance:action-edit", expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", *A_STAFF)),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk}),
    Case("governance:action-edit", expect(P1_BU, forbidden=("lsp", "dsp", "chair", "scrutineer", *A_STAFF)),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk}, method="post",
         data={"description": ""}, note="invalid"),
    Case("governance:action-progress",
         expect((*P1_BU, "lead_a"), forbidden=("lsp", "dsp", "chair", "scrutineer", "chief_a",
                                               "contributor_a")),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk}),
    Case("governance:action-progress",
         expect((*P1_BU, "lead_a"), forbidden=("lsp", "dsp", "chair", "scrutineer", "chief_a",
                                               "contributor_a")),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk}, method="post",
         data={"status": "completed"}, note="completed without evidence"),
    Case("governance:action-progress", expect((*P1_BU, "lead_police"),
                                   forbidden=("lsp", "dsp", "chair", "scrutineer")),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_police.pk}, method="post",
         data={"status": "closed"}, note="closing is for the business unit only"),
    Case("governance:action-evidence", expect((*P1_ROLES, "lead_police")),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_police.pk,
                           "update_pk": c.evidence_police.pk}),
    Case("governance:action-evidence", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.action_a.pk,
                           "update_pk": c.evidence_police.pk}, note="another action's evidence"),
]

# The agenda (runners: the business unit and the group's chair) and its pack (whoever sees
# the meeting; nothing to download before the agenda is published). A POST that finds nothing
# to do (moving the first item up, reopening an unpublished agenda) or is refused (publishing
# twice) goes back to the agenda page with its message.
AGENDA_RUNNERS = expect(EXEC_RUNNERS, code=302, forbidden=EXEC_NOT_RUNNERS)
CASES.extend([
    run(name="governance:meeting-agenda"),
    run(name="governance:meeting-agenda-publish"),
    Case("governance:meeting-agenda-publish", AGENDA_RUNNERS, kwargs=m1, method="post"),
    run(name="governance:meeting-agenda-reopen"),
    Case("governance:meeting-agenda-reopen", AGENDA_RUNNERS, kwargs=m1, method="post",
         note="not published"),
    Case("governance:meeting-item-move", AGENDA_RUNNERS, method="post", data={"direction": "up"},
         kwargs=lambda c: m1(c, item_pk=c.item_public.pk), note="first item up"),
    Case("governance:meeting-item-move", expect((), denied=405, anon=302),
         kwargs=lambda c: m1(c, item_pk=c.item_public.pk), note="GET is refused"),
    run(name="governance:meeting-item-remove", kwargs=lambda c: m1(c, item_pk=c.item_public.pk)),
    Case("governance:meeting-item-remove", expect((), forbidden=EXEC_NOT_RUNNERS),
         kwargs=lambda c: m1(c, item_pk=999999), method="post", note="missing item"),
    run(name="governance:meeting-paper-remove",
        kwargs=lambda c: m1(c, paper_pk=c.paper_public.pk)),
    Case("governance:meeting-paper-remove", expect((), forbidden=EXEC_NOT_RUNNERS),
         kwargs=lambda c: m1(c, paper_pk=999999),
         method="post", note="missing paper"),
    run(name="governance:meeting-paper-replace",
        kwargs=lambda c: m1(c, paper_pk=c.paper_public.pk)),
    run(name="governance:meeting-paper-replace", method="post", data={"title": "No file"},
        kwargs=lambda c: m1(c, paper_pk=c.paper_public.pk), note="invalid"),
    Case("governance:meeting-pack", expect(EXEC_VIEWERS), kwargs=m1),
    Case("governance:meeting-pack-download", expect(()), kwargs=m1, note="not published"),
    Case("governance:api-meeting-pack", expect((), anon=401),
         kwargs=lambda c: {"pk": c.meeting1.pk}, note="not published"),
])
