"""What the meeting page offers for a meeting's life and its calendar invitations."""

from django.utils import timezone

from .. import permissions
from ..models import MeetingStatus


def lifecycle_actions(user, meeting, now=None):
    """Which steps of the meeting's life the user may take now (services/lifecycle.py says
    the same when asked), and whether they may send calendar invitations."""
    now = now or timezone.now()
    runs = permissions.can_run_group(user, meeting.group)
    planned, started = meeting.status == MeetingStatus.PLANNED, meeting.starts_at <= now
    return {
        "may_hold": runs and planned and started,
        "may_cancel": runs and planned,
        "may_adjourn": runs and started and meeting.status in (MeetingStatus.PLANNED,
                                                               MeetingStatus.HELD),
        "may_invite": (planned and not started
                       and permissions.can_manage_governance(user, meeting.group.partnership)),
    }
