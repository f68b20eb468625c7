"""Writes to the partnership's groups and their seats."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid
from partnership.models import Designation
from partnership.services.common import model_update

from ..models import Action, Attendance, Group, GroupMember
from ..models.actions import DONE

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


def seats_pass_on_merger(agency, into, merged_on):
    """An agency merged into another (partnership.registry merger handler): each of its seats
    open on the day of the merger ends the day before, and the same seat (person, post, type,
    chair) starts for the successor that day; attendance already recorded at meetings from
    that day on (a merger recorded after the event) moves with it, so that those meetings'
    quorums count the successor."""
    from_day = timezone.make_aware(datetime.datetime.combine(merged_on, datetime.time.min))
    later = Attendance.objects.filter(meeting__starts_at__gte=from_day)
    seats = GroupMember.objects.filter(agency=agency, start_date__lt=merged_on).exclude(
        end_date__lt=merged_on)
    for seat in seats:
        seat.end_date = merged_on - datetime.timedelta(days=1)
        seat.save(update_fields=["end_date"])
        successor = GroupMember.objects.create(
            group_id=seat.group_id, user_id=seat.user_id, role_label=seat.role_label,
            agency=into, member_type=seat.member_type, is_chair=seat.is_chair,
            start_date=merged_on)
        later.filter(member=seat).update(member=successor)
    later.filter(agency=agency).update(agency=into)


def actions_pass_on_merger(agency, into, merged_on):
    """An agency merged into another: the actions it owns that are not done pass to its
    successor (its staff now work there); completed and closed ones keep their owner."""
    Action.objects.filter(owner_agency=agency).exclude(status__in=DONE).update(
        owner_agency=into)
