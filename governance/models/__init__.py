from .actions import Action, ActionSource, ActionStatus, ActionUpdate, Rag
from .calendar import CalendarFeed
from .groups import Frequency, Group, GroupMember, GroupType, MemberType, Quorum
from .meetings import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Paper,
)
from .priorities import Priority, Progress, WorkPlanItem

__all__ = [
    "Action",
    "ActionSource",
    "ActionStatus",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "CalendarFeed",
    "Decision",
    "Declaration",
    "Frequency",
    "Group",
    "GroupMember",
    "GroupType",
    "Meeting",
    "MeetingStatus",
    "MemberType",
    "MinutesStatus",
    "Paper",
    "Priority",
    "Progress",
    "Quorum",
    "Rag",
    "WorkPlanItem",
]
