"""Every role a person can hold, declared once.

A partnership role is held in one partnership; an agency role is held in one agency (and
so reaches every partnership the agency serves). Each role names the object permissions
its holders get, through the django-guardian group of that role:

- `partnership_perms` on the partnership (for an agency role: on each partnership the
  agency is designated in);
- `agency_perms` on agencies (for a partnership role: on each agency designated in the
  partnership; for an agency role: on its own agency only).

`partnership/permissions.py` reads these; `partnership/services/access.py` grants them.
"""

from dataclasses import dataclass

from django.db import models

VIEW_PARTNERSHIP = "view_partnership"
MANAGE_MEMBERS = "manage_members"
VIEW_AGENCY = "view_agency"
CHANGE_AGENCY = "change_agency"
VIEW_AGENCY_PEOPLE = "view_agency_people"
VIEW_FUNDING = "view_funding"
MANAGE_FUNDING = "manage_funding"
SIGN_OFF_BUDGET = "sign_off_budget"
VIEW_AGENCY_FUNDING = "view_agency_funding"


class Scope(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    AGENCY = "agency", "Agency"


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    scope: str
    description: str
    partnership_perms: frozenset = frozenset()
    agency_perms: frozenset = frozenset()


_STAFF = frozenset({VIEW_PARTNERSHIP, MANAGE_MEMBERS, VIEW_FUNDING, MANAGE_FUNDING})
_STAFF_AGENCY = frozenset({VIEW_AGENCY, CHANGE_AGENCY, VIEW_AGENCY_PEOPLE})
_READ = frozenset({VIEW_PARTNERSHIP, VIEW_FUNDING})
_READ_AGENCY = frozenset({VIEW_AGENCY})
_AGENCY_STAFF = frozenset({VIEW_PARTNERSHIP})

ROLES = (
    Role("business_unit_manager", "Business unit manager", Scope.PARTNERSHIP,
         "Runs the partnership's business unit and manages its people.",
         _STAFF, _STAFF_AGENCY),
    Role("business_unit_officer", "Business unit officer", Scope.PARTNERSHIP,
         "Supports the business unit: policy, quality assurance, learning.",
         _STAFF, _STAFF_AGENCY),
    Role("lead_safeguarding_partner", "Lead safeguarding partner", Scope.PARTNERSHIP,
         "Chief executive, chief constable or ICB chief executive of a statutory partner. "
         "Signs off the partnership's budget.",
         _READ | {SIGN_OFF_BUDGET}, _READ_AGENCY),
    Role("delegated_safeguarding_partner", "Delegated safeguarding partner", Scope.PARTNERSHIP,
         "Senior officer who acts for a lead safeguarding partner.",
         _READ, _READ_AGENCY),
    Role("partnership_chair", "Partnership chair", Scope.PARTNERSHIP,
         "Chairs the partnership's executive.",
         _READ, _READ_AGENCY),
    Role("independent_scrutineer", "Independent scrutineer", Scope.PARTNERSHIP,
         "Judges how well the arrangements work for children, families and practitioners.",
         _READ, _READ_AGENCY),
    Role("agency_lead", "Agency lead", Scope.AGENCY,
         "The agency's safeguarding lead; completes its returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY, VIEW_AGENCY_PEOPLE, VIEW_AGENCY_FUNDING})),
    Role("agency_chief_officer", "Agency chief officer", Scope.AGENCY,
         "Signs off the agency's returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY, VIEW_AGENCY_PEOPLE, VIEW_AGENCY_FUNDING})),
    Role("agency_contributor", "Agency contributor", Scope.AGENCY,
         "Contributes to the agency's returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY})),
)

BY_CODE = {role.code: role for role in ROLES}
PARTNERSHIP_ROLES = tuple(r for r in ROLES if r.scope == Scope.PARTNERSHIP)
AGENCY_ROLES = tuple(r for r in ROLES if r.scope == Scope.AGENCY)
PARTNER_ROLES = ("lead_safeguarding_partner", "delegated_safeguarding_partner")

PARTNERSHIP_ROLE_CHOICES = [(r.code, r.label) for r in PARTNERSHIP_ROLES]
AGENCY_ROLE_CHOICES = [(r.code, r.label) for r in AGENCY_ROLES]


def get(code):
    return BY_CODE[code]


def group_name(scope_object, role):
    """The django-guardian group holding `role` in a partnership or agency."""
    prefix = "p" if role.scope == Scope.PARTNERSHIP else "a"
    return f"{prefix}{scope_object.pk}:{role.code}"
