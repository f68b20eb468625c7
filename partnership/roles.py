"""Every role a person can hold, declared once.

A partnership role is held in one partnership; an agency role is held in one agency (and
so reaches every partnership the agency serves). Each role names the object permissions
its holders get, through the django-guardian group of that role:

- `partnership_perms` on the partnership (for an agency role: on each partnership the
  agency is designated in);
- `agency_perms` on agencies (for a partnership role: on each agency designated in the
  partnership; for an agency role: on its own agency only).

Each role also says whether its holders must sign in with a second factor (`second_factor`):
always, or where a partnership their agency serves asks it of agency staff
(Partnership.agency_staff_mfa_required). `permissions.mfa_required` decides.

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
VIEW_GOVERNANCE = "view_governance"
MANAGE_GOVERNANCE = "manage_governance"
VIEW_AGENCY_ACTIONS = "view_agency_actions"
UPDATE_AGENCY_ACTIONS = "update_agency_actions"
VIEW_REVIEWS = "view_reviews"
MANAGE_REVIEWS = "manage_reviews"
SIGN_OFF_REVIEWS = "sign_off_reviews"
WRITE_AGENCY_SUMMARY = "write_agency_summary"
VIEW_ASSESSMENTS = "view_assessments"
MANAGE_ASSESSMENTS = "manage_assessments"
VIEW_AGENCY_RETURNS = "view_agency_returns"
EDIT_AGENCY_RETURNS = "edit_agency_returns"
SUBMIT_AGENCY_RETURNS = "submit_agency_returns"
SIGN_OFF_AGENCY_RETURNS = "sign_off_agency_returns"
VIEW_SCRUTINY = "view_scrutiny"
MANAGE_SCRUTINY = "manage_scrutiny"
RAISE_CHALLENGES = "raise_challenges"
MANAGE_DATASET = "manage_dataset"
MANAGE_REPORTS = "manage_reports"
SIGN_OFF_REPORTS = "sign_off_reports"
VIEW_AGENCY_DATASET = "view_agency_dataset"
SUBMIT_AGENCY_DATASET = "submit_agency_dataset"
RESPOND_AGENCY_CHALLENGES = "respond_agency_challenges"
RESPOND_AGENCY_CONSULTATIONS = "respond_agency_consultations"


class Scope(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    AGENCY = "agency", "Agency"


SECOND_FACTOR_ALWAYS = "always"
SECOND_FACTOR_BY_PARTNERSHIP = "by_partnership"


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    scope: str
    description: str
    partnership_perms: frozenset = frozenset()
    agency_perms: frozenset = frozenset()
    second_factor: str = SECOND_FACTOR_ALWAYS


_STAFF = frozenset({VIEW_PARTNERSHIP, MANAGE_MEMBERS, VIEW_FUNDING, MANAGE_FUNDING,
                    VIEW_GOVERNANCE, MANAGE_GOVERNANCE, VIEW_REVIEWS, MANAGE_REVIEWS,
                    VIEW_ASSESSMENTS, MANAGE_ASSESSMENTS, VIEW_SCRUTINY, MANAGE_SCRUTINY,
                    RAISE_CHALLENGES, MANAGE_DATASET, MANAGE_REPORTS})
_STAFF_AGENCY = frozenset({VIEW_AGENCY, CHANGE_AGENCY, VIEW_AGENCY_PEOPLE})
_READ = frozenset({VIEW_PARTNERSHIP, VIEW_FUNDING, VIEW_GOVERNANCE, VIEW_REVIEWS,
                   VIEW_ASSESSMENTS, VIEW_SCRUTINY})
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
         "Signs off the key documents: the arrangements, the threshold document, the budget, "
         "practice review reports and the yearly report.",
         _READ | {SIGN_OFF_BUDGET, SIGN_OFF_REVIEWS, SIGN_OFF_REPORTS, RAISE_CHALLENGES}, _READ_AGENCY),
    Role("delegated_safeguarding_partner", "Delegated safeguarding partner", Scope.PARTNERSHIP,
         "Senior officer who acts for a lead safeguarding partner: signs off rapid review "
         "decisions for it and recommends the yearly report for sign-off; never signs a key "
         "document.",
         _READ | {SIGN_OFF_REVIEWS, SIGN_OFF_REPORTS, RAISE_CHALLENGES}, _READ_AGENCY),
    Role("partnership_chair", "Partnership chair", Scope.PARTNERSHIP,
         "Chairs the partnership's executive.",
         _READ | {RAISE_CHALLENGES}, _READ_AGENCY),
    Role("independent_scrutineer", "Independent scrutineer", Scope.PARTNERSHIP,
         "Judges how well the arrangements work for children, families and practitioners.",
         _READ | {MANAGE_SCRUTINY, RAISE_CHALLENGES}, _READ_AGENCY),
    Role("agency_lead", "Agency lead", Scope.AGENCY,
         "The agency's safeguarding lead; completes its returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY, VIEW_AGENCY_PEOPLE, VIEW_AGENCY_FUNDING,
                                   VIEW_AGENCY_ACTIONS, UPDATE_AGENCY_ACTIONS,
                                   WRITE_AGENCY_SUMMARY, VIEW_AGENCY_RETURNS,
                                   EDIT_AGENCY_RETURNS, SUBMIT_AGENCY_RETURNS,
                                   VIEW_AGENCY_DATASET, SUBMIT_AGENCY_DATASET,
                                   RESPOND_AGENCY_CHALLENGES, RESPOND_AGENCY_CONSULTATIONS}),
         SECOND_FACTOR_BY_PARTNERSHIP),
    Role("agency_chief_officer", "Agency chief officer", Scope.AGENCY,
         "Signs off the agency's returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY, VIEW_AGENCY_PEOPLE, VIEW_AGENCY_FUNDING,
                                   VIEW_AGENCY_ACTIONS, VIEW_AGENCY_RETURNS,
                                   SIGN_OFF_AGENCY_RETURNS, VIEW_AGENCY_DATASET,
                                   RESPOND_AGENCY_CHALLENGES})),
    Role("agency_contributor", "Agency contributor", Scope.AGENCY,
         "Contributes to the agency's returns.",
         _AGENCY_STAFF, frozenset({VIEW_AGENCY, VIEW_AGENCY_ACTIONS, VIEW_AGENCY_RETURNS,
                                   EDIT_AGENCY_RETURNS, VIEW_AGENCY_DATASET}),
         SECOND_FACTOR_BY_PARTNERSHIP),
)

BY_CODE = {role.code: role for role in ROLES}
PARTNERSHIP_ROLES = tuple(r for r in ROLES if r.scope == Scope.PARTNERSHIP)
AGENCY_ROLES = tuple(r for r in ROLES if r.scope == Scope.AGENCY)
PARTNER_ROLES = ("lead_safeguarding_partner", "delegated_safeguarding_partner")
SECOND_FACTOR_ROLES = tuple(r.code for r in ROLES if r.second_factor == SECOND_FACTOR_ALWAYS)
SECOND_FACTOR_BY_PARTNERSHIP_ROLES = tuple(
    r.code for r in ROLES if r.second_factor == SECOND_FACTOR_BY_PARTNERSHIP)

PARTNERSHIP_ROLE_CHOICES = [(r.code, r.label) for r in PARTNERSHIP_ROLES]
AGENCY_ROLE_CHOICES = [(r.code, r.label) for r in AGENCY_ROLES]


def get(code):
    return BY_CODE[code]


def group_name(scope_object, role):
    """The django-guardian group holding `role` in a partnership or agency."""
    prefix = "p" if role.scope == Scope.PARTNERSHIP else "a"
    return f"{prefix}{scope_object.pk}:{role.code}"
