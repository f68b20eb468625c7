"""What passes to an agency's successor when it merges (partnership.registry merger
handlers, registered in apps.py): its group seats from the day of the merger, with the
attendance already recorded at later meetings, and the actions it owns that are not done."""

import datetime

from django.utils import timezone

from ..models import Action, Attendance, GroupMember
from ..models.actions import DONE


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
