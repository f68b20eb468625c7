"""Reads about attendance across meetings: the members absent from each of their group's
last three meetings that took place, for the chair's attention and the attendance indicator.

"Absent" means not represented: apologies sent or absent, neither present nor by deputy. A
seat with no attendance recorded at one of those meetings is not counted (nobody knows), nor
is a group with fewer than three meetings that took place."""

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from partnership.models.dated import today

from ..models import TOOK_PLACE, Attendance, AttendanceStatus, Group, GroupMember, Meeting
from . import quorum, statutory_partners
from .groups import quorum_words

RUNNING = 3
NOT_REPRESENTED = (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)


def last_meetings(groups, until=None, count=RUNNING):
    """The ids of each group's last `count` meetings that took place, up to `until` (now by
    default), in one query: a subquery for the callers' filters."""
    ranked = (Meeting.objects.filter(group__in=groups, status__in=TOOK_PLACE,
                                     starts_at__lte=until or timezone.now())
              .annotate(rank=Window(RowNumber(), partition_by=F("group_id"),
                                    order_by=[F("starts_at").desc(), F("pk").desc()])))
    return list(ranked.filter(rank__lte=count).values_list("pk", flat=True))


def absent_running(groups, until=None, agency=None):
    """Current seats (today) of `groups` (a queryset) not represented at each of their group's
    last three meetings that took place up to `until`, by group and name: three queries.
    `agency` narrows them to the seats of one agency."""
    meetings = last_meetings(groups, until)
    absent = (Attendance.objects.filter(meeting_id__in=meetings, status__in=NOT_REPRESENTED)
              .values("member_id").annotate(times=Count("pk")).filter(times=RUNNING)
              .values("member_id"))
    day = today()
    seats = (GroupMember.objects.filter(pk__in=absent)
             .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
             .select_related("group", "user", "agency")
             .order_by("group__name", "role_label", "pk"))
    if agency is not None:
        seats = seats.filter(agency=agency)
    return list(seats)


def attendance_page(meeting, rows):
    """What the attendance grid shows beside its form: whether the meeting took place (the
    grid records only then), its quorum rule and state from `rows` (its attendance), and the
    members absent from each of the group's last three meetings up to this one."""
    group = meeting.group
    return {
        "took_place": meeting.status in TOOK_PLACE,
        "quorum": quorum(meeting, rows, statutory_partners(group.partnership,
                                                           on=meeting.starts_at)),
        "quorum_words": quorum_words(group),
        "absent": absent_running(Group.objects.filter(pk=group.pk),
                                 until=meeting.starts_at),
    }
