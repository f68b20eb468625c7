from .api_tokens import ApiToken
from .audit import AccessEvent
from .calendar import ClosureDay
from .child_protection import (
    CORE_DISCIPLINES,
    ChildProtectionTeam,
    ChildProtectionTeamMember,
    Discipline,
)
from .memberships import AgencyMembership, PartnershipMembership
from .notifications import Delivery, Notification, NotificationPreference
from .notifications import Kind as NotificationKind
from .object_permissions import (
    AccessSync,
    AgencyGroupObjectPermission,
    AgencyUserObjectPermission,
    PartnershipGroupObjectPermission,
    PartnershipUserObjectPermission,
)
from .reminders import ReminderSent
from .structure import Agency, AgencyName, Designation, LocalAuthorityArea, Partnership, Sector
from .users import User

__all__ = [
    "AccessEvent",
    "AccessSync",
    "Agency",
    "ApiToken",
    "AgencyName",
    "CORE_DISCIPLINES",
    "ChildProtectionTeam",
    "ChildProtectionTeamMember",
    "Discipline",
    "AgencyGroupObjectPermission",
    "AgencyMembership",
    "AgencyUserObjectPermission",
    "ClosureDay",
    "Designation",
    "LocalAuthorityArea",
    "Delivery",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Partnership",
    "PartnershipGroupObjectPermission",
    "PartnershipMembership",
    "PartnershipUserObjectPermission",
    "ReminderSent",
    "Sector",
    "User",
]
