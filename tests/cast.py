"""The fixed cast every access test uses (security.md §3.0 H-1).

Two partnerships, P1 and P2. Agency A (a school) serves P1 only; agency X (a charity)
serves P2 only; the police force serves both. One person per role:

    bu_manager, bu_officer, lsp, dsp, chair, scrutineer   partnership roles in P1
    lead_a, chief_a, contributor_a                         agency roles in agency A (P1)
    lead_police                                            agency lead of the shared police force
    lead_x                                                 agency lead of X (P2)
    bu_p2                                                  business unit manager of P2
    outsider                                               an account with no role
    anon                                                   nobody signed in
"""

import datetime
from dataclasses import dataclass, field

from partnership.models import AgencyMembership, PartnershipMembership, User
from partnership.services import people, structure

PASSWORD = "correct horse battery staple"
START = datetime.date(2020, 4, 1)

P1_ROLES = ("bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer")
P1_BU = ("bu_manager", "bu_officer")
A_STAFF = ("lead_a", "chief_a", "contributor_a")
USERS = (*P1_ROLES, *A_STAFF, "lead_police", "lead_x", "bu_p2", "outsider", "anon")

# Canaries (security.md H-2): a unique token in a field of each record, and who may see it.
# The matrix test checks every response for the tokens its viewer may not see.
CANARIES = {
    "CNRY-AGENCY-A": {*P1_ROLES, *A_STAFF},
    "CNRY-POLICE": {*P1_ROLES, "lead_police", "bu_p2"},
    "CNRY-AGENCY-X": {"bu_p2", "lead_x"},
    "CNRY-COUNCIL-1": set(P1_ROLES),
    "CNRY-ICB-2": {"bu_p2"},
    "CNRY-TITLE-X": {"bu_p2", "lead_x"},
    "CNRY-FUND-A": {*P1_ROLES, "lead_a", "chief_a"},
    "CNRY-FUND-POLICE": {*P1_ROLES, "lead_police"},
    "CNRY-SPEND-P1": set(P1_ROLES),
    "CNRY-FUND-X": {"bu_p2", "lead_x"},
}


@dataclass
class Cast:
    users: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


def user(email, name):
    return User.objects.create_user(email, PASSWORD, full_name=name)


def build(hash_passwords=False):
    c = Cast()
    c.p1 = structure.partnership_create(name="Northshire Safeguarding Children Partnership",
                                        slug="p1", short_name="NSCP", areas=["Northshire"])
    c.p2 = structure.partnership_create(name="Southshire Safeguarding Children Partnership",
                                        slug="p2", short_name="SSCP", areas=["Southshire"])
    c.council1 = structure.agency_create(name="Northshire Council", sector="local_government",
                                         description="CNRY-COUNCIL-1")
    c.icb1 = structure.agency_create(name="Northshire ICB", sector="health")
    c.police = structure.agency_create(name="Shires Police", sector="police_justice",
                                       description="CNRY-POLICE")
    c.agency_a = structure.agency_create(name="Agency A Academy", sector="education",
                                         description="CNRY-AGENCY-A")
    c.council2 = structure.agency_create(name="Southshire Council", sector="local_government")
    c.icb2 = structure.agency_create(name="Southshire ICB", sector="health",
                                     description="CNRY-ICB-2")
    c.agency_x = structure.agency_create(name="Agency X Charity", sector="voluntary",
                                         description="CNRY-AGENCY-X")
    for p, agency, kind in (
        (c.p1, c.council1, "local_authority"), (c.p1, c.police, "police"),
        (c.p1, c.icb1, "nhs_commissioner"), (c.p1, c.agency_a, "relevant_agency"),
        (c.p2, c.council2, "local_authority"), (c.p2, c.police, "police"),
        (c.p2, c.icb2, "nhs_commissioner"), (c.p2, c.agency_x, "relevant_agency"),
    ):
        structure.designation_create(partnership=p, agency=agency, kind=kind, start_date=START)

    def person(key, role, partnership, agency=None, title=""):
        u = (User.objects.create_user if hash_passwords else _fast_user)(
            f"{key}@cast.example", PASSWORD, full_name=key.replace("_", " ").title())
        c.users[key] = u
        people.membership_create(user=u, partnership=partnership, role=role, agency=agency,
                                 title=title, start_date=START)

    person("bu_manager", "business_unit_manager", c.p1)
    person("bu_officer", "business_unit_officer", c.p1)
    person("lsp", "lead_safeguarding_partner", c.p1, c.council1)
    person("dsp", "delegated_safeguarding_partner", c.p1, c.police)
    person("chair", "partnership_chair", c.p1)
    person("scrutineer", "independent_scrutineer", c.p1)
    person("lead_a", "agency_lead", c.p1, c.agency_a)
    person("chief_a", "agency_chief_officer", c.p1, c.agency_a)
    person("contributor_a", "agency_contributor", c.p1, c.agency_a)
    person("lead_police", "agency_lead", c.p1, c.police)
    person("lead_x", "agency_lead", c.p2, c.agency_x, title="CNRY-TITLE-X")
    person("bu_p2", "business_unit_manager", c.p2)
    c.users["outsider"] = _fast_user("outsider@cast.example", PASSWORD, full_name="Outsider")
    c.users["anon"] = None
    _funding(c)
    c.dsp_membership = PartnershipMembership.objects.get(user=c.dsp)
    c.lead_a_membership = AgencyMembership.objects.get(user=c.lead_a)
    c.lead_x_membership = AgencyMembership.objects.get(user=c.lead_x)
    c.bu_p2_membership = PartnershipMembership.objects.get(user=c.bu_p2)
    return c


def _funding(c):
    from decimal import Decimal

    from funding import services as funding

    c.year1 = funding.year_create(partnership=c.p1, start_year=2025,
                                  declared_budget=Decimal("1000.00"))
    c.contribution_a = funding.contribution_create(year=c.year1, agency=c.agency_a,
                                                   agreed=Decimal("100.00"), in_kind="CNRY-FUND-A")
    c.contribution_police = funding.contribution_create(
        year=c.year1, agency=c.police, agreed=Decimal("900.00"), in_kind="CNRY-FUND-POLICE")
    c.line1 = funding.budget_line_create(year=c.year1, category="staffing",
                                         description="CNRY-SPEND-P1", budget=Decimal("800.00"),
                                         actual=Decimal("0.00"))
    c.year2 = funding.year_create(partnership=c.p2, start_year=2025,
                                  declared_budget=Decimal("500.00"))
    c.contribution_x = funding.contribution_create(year=c.year2, agency=c.agency_x,
                                                   agreed=Decimal("500.00"), in_kind="CNRY-FUND-X")


def _fast_user(email, password, **fields):
    """A user whose password is stored with a cheap hasher (tests that only force_login)."""
    from django.contrib.auth.hashers import make_password

    u = User(email=email, **fields)
    u.password = make_password(password, hasher="md5")
    u.save()
    return u
