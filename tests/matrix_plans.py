"""Role x route cases for plans routes (see tests/matrix.py for the helpers and rules):
priorities and the work plan, the attendance report and the exports.

Priorities are partnership governance: P1's partnership roles read them, its business unit
writes them (the other roles get 403), agency staff get 404. The action export is the
register as each viewer may see it, so everyone who sees the partnership gets a file (the
canaries check that agency staff only get their own agency's actions)."""

import datetime

from .cast import P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, P2_VISIBLE, Case, expect, p1

P1_READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)


def fy_now():
    day = datetime.date.today()
    year = day.year if day.month >= 4 else day.year - 1
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def plan(c):
    """Priorities with a work plan item in P1 and in P2, made on first use (the cast has
    none): P1's item is delivered by the executive, led by agency A and linked to A's
    action."""
    if "priority1" not in c.__dict__:
        from governance.services import priorities

        start, end = fy_now()
        c.priority1 = priorities.priority_create(
            partnership=c.p1, title="Children are safe from exploitation", heading="Safe",
            period_start=start, period_end=end)
        c.item1 = priorities.work_plan_item_create(
            priority=c.priority1, title="Embed the exploitation procedure", group=c.exec_group,
            lead_agency=c.agency_a, actions=[c.action_a])
        c.priority2 = priorities.priority_create(
            partnership=c.p2, title="Southshire priority", heading="Safe", period_start=start,
            period_end=end)
        c.item2 = priorities.work_plan_item_create(
            priority=c.priority2, title="Southshire item", group=c.group_p2,
            actions=[c.action_x])
    return c


def priority1(c):
    return {**p1(plan(c)), "pk": c.priority1.pk}


def item1(c):
    return {**p1(plan(c)), "pk": c.item1.pk}


def p2(c):
    return {"slug": c.p2.slug}


READ = expect(P1_ROLES)
WRITE = expect(P1_BU, forbidden=P1_READERS_NOT_BU)

CASES = [
    # Priorities and the work plan
    Case("governance:priority-list", READ, kwargs=lambda c: p1(plan(c))),
    Case("governance:priority-list", READ, kwargs=lambda c: p1(plan(c)), query="?year=not-a-year",
         note="invalid year"),
    Case("governance:priority-list", expect(("bu_p2",)), kwargs=lambda c: p2(plan(c)), note="P2"),
    Case("governance:priority-create", WRITE, kwargs=p1),
    Case("governance:priority-create", WRITE, kwargs=p1, method="post", note="invalid", data={
        "title": "Backwards", "period_start_0": "1", "period_start_1": "4",
        "period_start_2": "2026", "period_end_0": "31", "period_end_1": "3",
        "period_end_2": "2026"}),
    Case("governance:priority-edit", WRITE, kwargs=priority1),
    Case("governance:priority-edit", WRITE, kwargs=priority1, method="post", note="invalid",
         data={"title": "", "period_start_0": "1", "period_start_1": "4",
               "period_start_2": "2026", "period_end_0": "31", "period_end_1": "2",
               "period_end_2": "2027"}),
    Case("governance:priority-edit", expect(()), kwargs=lambda c: {**p1(plan(c)), "pk": c.priority2.pk},
         method="post", data={"title": "Taken over", "period_start_0": "1",
                              "period_start_1": "4", "period_start_2": "2026",
                              "period_end_0": "31", "period_end_1": "3",
                              "period_end_2": "2027"},
         note="P2 priority via P1"),
    Case("governance:priority-edit", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("governance:work-plan-item-create", WRITE, kwargs=priority1),
    Case("governance:work-plan-item-create", WRITE, kwargs=priority1, method="post", note="invalid",
         data={"title": "At risk without a reason", "progress": "at_risk"}),
    Case("governance:work-plan-item-create", WRITE, kwargs=priority1, method="post",
         data=lambda c: {"title": "Someone else's action", "progress": "not_started",
                         "actions": [c.action_x.pk]}, note="invalid: P2 action"),
    Case("governance:work-plan-item-create", expect(()),
         kwargs=lambda c: {**p1(plan(c)), "pk": c.priority2.pk}, method="post",
         data={"title": "Planted", "progress": "not_started"}, note="P2 priority via P1"),
    Case("governance:work-plan-item-edit", WRITE, kwargs=item1),
    Case("governance:work-plan-item-edit", WRITE, kwargs=item1, method="post", note="invalid",
         data=lambda c: {"title": "Embed the exploitation procedure", "progress": "nonsense",
                         "group": c.group_p2.pk}),
    Case("governance:work-plan-item-edit", expect(()), kwargs=lambda c: {**p1(plan(c)), "pk": c.item2.pk},
         method="post", data={"title": "Taken over", "progress": "complete"},
         note="P2 item via P1"),
    # Reports and exports
    Case("governance:attendance-report", READ, kwargs=p1),
    Case("governance:attendance-report", READ, kwargs=p1, note="invalid period",
         query="?start_0=31&start_1=2&start_2=2025&end_0=1&end_1=1&end_2=2025"),
    Case("governance:attendance-report", expect(("bu_p2",)), kwargs=p2, note="P2"),
    Case("governance:attendance-export-csv", READ, kwargs=p1),
    Case("governance:attendance-export-csv", expect(P1_ROLES, code=302), kwargs=p1,
         query="?start_0=1&start_1=1&start_2=2026&end_0=1&end_1=1&end_2=2025",
         note="invalid period"),
    Case("governance:attendance-export-xlsx", READ, kwargs=p1),
    Case("governance:action-export-csv", expect(P1_VISIBLE), kwargs=p1),
    Case("governance:action-export-csv", expect(P2_VISIBLE), kwargs=p2, note="P2"),
    Case("governance:action-export-csv", expect(P1_VISIBLE), kwargs=p1, query="?status=open&overdue=1",
         note="filtered"),
    Case("governance:action-export-xlsx", expect(P1_VISIBLE), kwargs=p1),
]
