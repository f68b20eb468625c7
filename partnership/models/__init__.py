from .audit import AccessEvent
from .memberships import AgencyMembership, PartnershipMembership
from .structure import Agency, Designation, LocalAuthorityArea, Partnership, Sector
from .object_permissions import (
    AgencyGroupObjectPermission,
    AgencyUserObjectPermission,
    PartnershipGroupObjectPermission,
    PartnershipUserObjectPermission,
)
from .users import User

__all__ = [
    "AccessEvent",
    "Agency",
    "AgencyGroupObjectPermission",
    "AgencyMembership",
    "AgencyUserObjectPermission",
    "Designation",
    "LocalAuthorityArea",
    "Partnership",
    "PartnershipGroupObjectPermission",
    "PartnershipMembership",
    "PartnershipUserObjectPermission",
    "Sector",
    "User",
]
