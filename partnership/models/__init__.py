from .actions import Action, ActionSource, ActionStatus, ActionUpdate, Rag
from .audit import AccessEvent
from .calendar import CalendarFeed, ClosureDay
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
from .memberships import AgencyMembership, PartnershipMembership
from .object_permissions import (
    AgencyGroupObjectPermission,
    AgencyUserObjectPermission,
    PartnershipGroupObjectPermission,
    PartnershipUserObjectPermission,
)
from .priorities import Priority, Progress, WorkPlanItem
from .reminders import ReminderSent
from .structure import Agency, Designation, LocalAuthorityArea, Partnership, Sector
from .users import User

__all__ = [
    "AccessEvent",
    "Action",
    "ActionSource",
    "ActionStatus",
    "ActionUpdate",
    "Agency",
    "AgencyGroupObjectPermission",
    "AgencyMembership",
    "AgencyUserObjectPermission",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "CalendarFeed",
    "ClosureDay",
    "Decision",
    "Declaration",
    "Designation",
    "Frequency",
    "Group",
    "GroupMember",
    "GroupType",
    "LocalAuthorityArea",
    "Meeting",
    "MeetingStatus",
    "MemberType",
    "MinutesStatus",
    "Paper",
    "Partnership",
    "PartnershipGroupObjectPermission",
    "PartnershipMembership",
    "PartnershipUserObjectPermission",
    "Priority",
    "Progress",
    "Quorum",
    "Rag",
    "ReminderSent",
    "Sector",
    "User",
    "WorkPlanItem",
]
