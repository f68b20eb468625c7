"""Role x route cases for designations, the education partner and multi-agency child
protection teams (Children's Wellbeing and Schools Act 2026; see tests/matrix.py).

Designations and the education partner are the business unit's: P1's other roles and the
staff of its agencies (who see the partnership) get 403, everyone else 404. Child protection
teams are read by P1's partnership roles; agency staff get 404 like outsiders; only the
business unit records them (P1's other roles 403). A team with one member is made on first
use; writes are sent invalid, so that they change nothing."""

import datetime

from .cast import P1_BU, P1_ROLES
from .matrix import P1_NOT_BU, P1_VISIBLE, Case, api, expect

P1_READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
BU_ONLY = expect(P1_BU, forbidden=P1_NOT_BU)
TEAM_BU_ONLY = expect(P1_BU, forbidden=P1_READERS_NOT_BU)


def p1(c):
    return {"slug": c.p1.slug}


def with_team(c):
    """P1's child protection team with one member (agency A), made on first use."""
    if "cp_team" not in c.__dict__:
        from partnership.services import child_protection

        c.cp_team = child_protection.team_create(
            partnership=c.p1, name="Northshire CP team", area="North localities",
            start_date=datetime.date(2026, 1, 5))
        c.cp_member = child_protection.member_add(
            team=c.cp_team, agency=c.agency_a, discipline="education",
            role="Designated safeguarding lead", start_date=datetime.date(2026, 1, 5))
    return {"slug": c.p1.slug, "pk": c.cp_team.pk}


def with_member(c):
    return {**with_team(c), "member_pk": c.cp_member.pk}


def designation_a(c):
    return {"slug": c.p1.slug, "pk": c.p1.designations.get(agency=c.agency_a).pk}


CASES = [
    Case("designation-add", BU_ONLY, kwargs=p1),
    Case("designation-add", BU_ONLY, kwargs=p1, method="post",
         data=lambda c: {"agency": c.agency_a.pk, "kind": "education"},
         note="already designated"),
    Case("designation-add", expect(("bu_p2",), forbidden=("lead_police", "lead_x")),
         kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    Case("designation-edit", BU_ONLY, kwargs=designation_a),
    Case("designation-edit", BU_ONLY, kwargs=designation_a, method="post",
         data={"kind": "nonsense"}, note="invalid"),
    Case("designation-edit", expect(forbidden=P1_NOT_BU), note="X via P1",
         kwargs=lambda c: {"slug": c.p1.slug,
                           "pk": c.p2.designations.get(agency=c.agency_x).pk}),
    Case("education-partner", BU_ONLY, kwargs=p1),
    Case("education-partner", BU_ONLY, kwargs=p1, method="post",
         data=lambda c: {"agency": c.agency_a.pk}, note="not an education agency"),
    Case("child-protection-team-list", expect(P1_ROLES), kwargs=p1),
    Case("child-protection-team-list", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("child-protection-team-add", TEAM_BU_ONLY, kwargs=p1),
    Case("child-protection-team-add", TEAM_BU_ONLY, kwargs=p1, method="post",
         data={"name": "", "area": ""}, note="invalid"),
    Case("child-protection-team-detail", expect(P1_ROLES), kwargs=with_team),
    Case("child-protection-team-detail", expect(()), note="P1's team via P2",
         kwargs=lambda c: {**with_team(c), "slug": c.p2.slug}),
    Case("child-protection-team-detail", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999},
         note="missing"),
    Case("child-protection-team-edit", TEAM_BU_ONLY, kwargs=with_team),
    Case("child-protection-team-edit", TEAM_BU_ONLY, kwargs=with_team, method="post",
         data={"name": "", "area": "x"}, note="invalid"),
    Case("child-protection-member-add", TEAM_BU_ONLY, kwargs=with_team),
    Case("child-protection-member-add", TEAM_BU_ONLY, kwargs=with_team, method="post",
         data=lambda c: {"agency": c.agency_x.pk, "discipline": "police", "role": "x"},
         note="agency of P2"),
    Case("child-protection-member-end", TEAM_BU_ONLY, kwargs=with_member),
    Case("child-protection-member-end", TEAM_BU_ONLY, kwargs=with_member, method="post",
         data={"end_date_0": "1", "end_date_1": "1", "end_date_2": "2020"},
         note="before it started"),
    Case("child-protection-member-end", expect(()), note="missing member",
         kwargs=lambda c: {**with_team(c), "member_pk": 999999}),
    Case("api-child-protection-team-list", api()),
    Case("api-child-protection-team-list", api(P1_VISIBLE), query="?partnership={p1}",
         note="P1 filter"),
    Case("api-child-protection-team-detail", api(P1_ROLES),
         kwargs=lambda c: {"pk": with_team(c)["pk"]}),
]
