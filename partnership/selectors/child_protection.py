"""Reads of the partnership's multi-agency child protection teams (Children's Wellbeing and
Schools Act 2026, s3), in a fixed number of queries whatever the number of teams."""

from django.db.models import Prefetch

from ..models import ChildProtectionTeam, ChildProtectionTeamMember
from ..models.dated import today


def _with_members(teams, on):
    members = (ChildProtectionTeamMember.objects.active(on).select_related("agency")
               .prefetch_related("agency__former_names"))
    teams = list(teams.select_related("local_authority_area").prefetch_related(
        Prefetch("members", queryset=members, to_attr="current_members")))
    for team in teams:
        team.missing = team.missing_core(team.current_members)
    return teams


def team_list(partnership):
    """Every team of the partnership (ended ones too, marked by their end date), by name."""
    return ChildProtectionTeam.objects.filter(partnership=partnership).order_by("name", "pk")


def with_members(teams, on=None):
    """The teams (a queryset, or a page of one), each with its members in place on the day
    (`current_members`) and the core disciplines none of them covers (`missing`)."""
    return _with_members(teams, on or today())


def teams_for_report(partnership, on=None):
    """The teams running on a day (today by default), for the published arrangements and
    the yearly report: each with `current_members` (agency selected, its former names
    prefetched for `agency.name_on(day)`) and `missing` (the statutory core disciplines,
    social work, police, health and education, that no member covers on the day)."""
    day = on or today()
    return _with_members(ChildProtectionTeam.objects.active(day).filter(partnership=partnership),
                         day)


def team_detail(team, on=None):
    """A team with its members in place on the day and the core disciplines missing, and
    every member past and future (`all_members`)."""
    team.current_members = list(team.members.active(on or today()).select_related("agency"))
    team.missing = team.missing_core(team.current_members)
    team.all_members = list(team.members.select_related("agency").order_by(
        "discipline", "agency__name", "start_date"))
    return team
