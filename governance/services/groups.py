"""Writes to the partnership's groups and their seats."""

from django.db import transaction

from partnership.errors import Invalid
from partnership.models import Designation
from partnership.services.common import model_update

from ..models import Group, GroupMember

GROUP_FIELDS = ("name", "short_name", "group_type", "purpose", "frequency", "meeting_minutes",
                "length_label", "chair", "chair_label", "reports_to", "quorum", "quorum_count",
                "start_date", "end_date")
MEMBER_FIELDS = ("user", "role_label", "agency", "member_type", "is_chair", "start_date",
                 "end_date")


def _check_reports_to(group):
    parent, seen = group.reports_to, {group.pk}
    while parent is not None:
        if parent.pk in seen:
            raise Invalid({"reports_to": "That would make the groups report to each "
                                         "other in a circle"})
        if parent.partnership_id != group.partnership_id and not parent.shared_with.filter(
                pk=group.partnership_id).exists():
            raise Invalid({"reports_to": "Choose a group of this partnership"})
        seen.add(parent.pk)
        parent = parent.reports_to


@transaction.atomic
def group_create(*, partnership, shared_with=(), **fields):
    if Group.objects.filter(partnership=partnership, name=fields.get("name", "")).exists():
        raise Invalid({"name": "The partnership already has a group with this name"})
    group = Group(partnership=partnership)
    _check_reports_to_fields(group, fields)
    model_update(group, fields, GROUP_FIELDS)
    group.shared_with.set([p for p in shared_with if p.pk != partnership.pk])
    return group


def _check_reports_to_fields(group, fields):
    if fields.get("reports_to") is not None:
        group.reports_to = fields["reports_to"]
        _check_reports_to(group)


@transaction.atomic
def group_update(*, group, shared_with=None, **fields):
    if "name" in fields and Group.objects.filter(
            partnership=group.partnership, name=fields["name"]).exclude(pk=group.pk).exists():
        raise Invalid({"name": "The partnership already has a group with this name"})
    _check_reports_to_fields(group, fields)
    model_update(group, fields, GROUP_FIELDS)
    if shared_with is not None:
        group.shared_with.set([p for p in shared_with if p.pk != group.partnership_id])
    return group


@transaction.atomic
def member_add(*, group, **fields):
    agency = fields.get("agency")
    served = [group.partnership_id, *group.shared_with.values_list("pk", flat=True)]
    if agency is not None and not Designation.objects.active().filter(
            partnership_id__in=served, agency=agency).exists():
        raise Invalid({"agency": f"{agency} is not part of {group.partnership}"
                                 + (" or the partnerships it serves" if served[1:] else "")})
    user = fields.get("user")
    if user is not None and GroupMember.objects.active().filter(group=group, user=user).exists():
        raise Invalid({"user": f"{user.full_name} already has a seat on {group}"})
    return model_update(GroupMember(group=group), fields, MEMBER_FIELDS)


@transaction.atomic
def member_end(*, member, end_date):
    return model_update(member, {"end_date": end_date}, ("end_date",))
