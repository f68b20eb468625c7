"""Writes to the partnership's multi-agency child protection teams (Children's Wellbeing and
Schools Act 2026, s3, inserting section 16EA) and their members."""

from django.db import transaction

from ..errors import Invalid
from ..models import ChildProtectionTeam, ChildProtectionTeamMember, Designation
from .common import create_once, locked, model_update

TEAM_FIELDS = ("name", "area", "local_authority_area", "start_date", "end_date")
MEMBER_FIELDS = ("agency", "discipline", "role", "start_date", "end_date")


def _team_checks(partnership, fields, team=None):
    name = fields.get("name")
    if name is not None:
        taken = ChildProtectionTeam.objects.filter(partnership=partnership, name__iexact=name)
        if team is not None:
            taken = taken.exclude(pk=team.pk)
        if taken.exists():
            raise Invalid({"name": f"{partnership} already has a team called {name}."})
    area = fields.get("local_authority_area")
    if area is not None and not partnership.local_authority_areas.filter(pk=area.pk).exists():
        raise Invalid({"local_authority_area": f"{area} is not one of {partnership}'s local "
                                               "authority areas."})


@transaction.atomic
def team_create(*, partnership, **fields):
    """A team, once per name in the partnership (two people adding the same name at once:
    the second is refused, 409)."""
    if not fields.get("start_date"):
        fields.pop("start_date", None)
    _team_checks(partnership, fields)
    return create_once(
        lambda: model_update(ChildProtectionTeam(partnership=partnership), fields, TEAM_FIELDS),
        exists=lambda: ChildProtectionTeam.objects.filter(
            partnership=partnership, name=fields.get("name")).exists(),
        message=f"A team called {fields.get('name')} was added while you were working.")


@transaction.atomic
def team_update(*, team, **fields):
    locked(team)
    _team_checks(team.partnership, fields, team)
    if "end_date" in fields and fields["end_date"] is not None and team.members.filter(
            start_date__gt=fields["end_date"]).exists():
        raise Invalid({"end_date": "A member starts after that day: end their place first."})
    return model_update(team, fields, TEAM_FIELDS)


def _member_checks(team, fields):
    agency, start = fields.get("agency"), fields.get("start_date")
    if agency is not None and not Designation.objects.active(start).filter(
            partnership_id=team.partnership_id, agency=agency).exists():
        raise Invalid({"agency": f"{agency} is not designated in {team.partnership}"
                                 + (f" on {start:%-d %B %Y}" if start else "") + "."})
    if start is not None and (start < team.start_date
                              or (team.end_date and start > team.end_date)):
        raise Invalid({"start_date": "The member's start date must fall while the team runs."})


@transaction.atomic
def member_add(*, team, **fields):
    """A member of the team by agency, discipline and role. The agency must be designated in
    the partnership on the day the member starts."""
    locked(team)
    member = ChildProtectionTeamMember(team=team)
    fields["start_date"] = fields.get("start_date") or member.start_date
    _member_checks(team, fields)
    return model_update(member, fields, MEMBER_FIELDS)


@transaction.atomic
def member_end(*, member, end_date):
    if end_date < member.start_date:
        raise Invalid({"end_date": "The last day must be on or after the start date, "
                                   f"{member.start_date:%-d %B %Y}."})
    return model_update(member, {"end_date": end_date}, ("end_date",))
