from .audit import AccessEvent
from .calendar import ClosureDay
from .memberships import AgencyMembership, PartnershipMembership
from .object_permissions import (
    AccessSync,
    AgencyGroupObjectPermission,
    AgencyUserObjectPermission,
    PartnershipGroupObjectPermission,
    PartnershipUserObjectPermission,
)
from .reminders import ReminderSent
from .structure import Agency, Designation, LocalAuthorityArea, Partnership, Sector
from .users import User

__all__ = [
    "AccessEvent",
    "AccessSync",
    "Agency",
    "AgencyGroupObjectPermission",
    "AgencyMembership",
    "AgencyUserObjectPermission",
    "ClosureDay",
    "Designation",
    "LocalAuthorityArea",
    "Partnership",
    "PartnershipGroupObjectPermission",
    "PartnershipMembership",
    "PartnershipUserObjectPermission",
    "ReminderSent",
    "Sector",
    "User",
]
