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

from . import cast_scrutiny_activities, cast_scrutiny_dataset, cast_scrutiny_reports

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
    # Governance: P1's executive (seats: lsp, dsp, lead_a), its meeting with a confidential
    # item and draft minutes; an action for agency A and one for the police; P2's group and
    # an action for agency X.
    "CNRY-GROUP-EXEC": {*P1_ROLES, "lead_a"},
    "CNRY-ITEM-PUBLIC": {*P1_ROLES, "lead_a"},
    "CNRY-CONF-ITEM": {*P1_BU, "lsp", "dsp", "lead_a"},
    "CNRY-DRAFT-MINUTES": {*P1_BU, "lsp", "dsp", "lead_a"},
    "CNRY-ACTION-A": {*P1_ROLES, *A_STAFF},
    "CNRY-ACTION-POLICE": {*P1_ROLES, "lead_police"},
    "CNRY-GROUP-P2": {"bu_p2", "lead_x"},
    "CNRY-ACTION-X": {"bu_p2", "lead_x"},
    # Reviews: P1's case (pseudonym Child A) with a rapid review asking agency A and the
    # police for summaries; the child's identity (no grant in the cast: nobody); P2's case.
    "CNRY-CHILD-NAME": set(),
    "CNRY-RR-FACTS": set(P1_ROLES),
    # Both summaries are drafts: the agency's (its lead) and the business unit's until
    # submitted (reviews/permissions.py).
    "CNRY-SUMMARY-A": {*P1_BU, "lead_a"},
    "CNRY-SUMMARY-POLICE": {*P1_BU, "lead_police"},
    "CNRY-CASE-P2": {"bu_p2"},
    # Section 11: P1's 2025 cycle asks agency A (a draft) and the police; P2's overlapping
    # cycle asks the police too, who answer one shared, submitted return.
    "CNRY-RETURN-A-DRAFT": {*P1_BU, *A_STAFF},
    "CNRY-RETURN-POLICE": {*P1_ROLES, "lead_police", "bu_p2"},
    # Scrutiny: each area keeps its records and canaries in tests/cast_scrutiny_*.py.
    **cast_scrutiny_dataset.CANARIES,
    **cast_scrutiny_activities.CANARIES,
    **cast_scrutiny_reports.CANARIES,
    # The police's dataset return is a draft: the agency's and the business unit's until
    # submitted (scrutiny/permissions/dataset.py); this narrows cast_scrutiny_dataset's.
    "CNRY-DSET-POLICE": {*P1_BU, "lead_police"},
    # P1's published yearly report is on the partnership's public pages (arrangements app):
    # everyone reads it there, anonymous visitors too; this widens cast_scrutiny_reports'.
    "CNRY-REPORT-PUB-P1": set(USERS),
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
    _governance(c)
    _reviews(c)
    _assessments(c)
    cast_scrutiny_dataset.add(c)
    cast_scrutiny_activities.add(c)
    cast_scrutiny_reports.add(c)
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


def _governance(c):
    from governance.services import actions, groups, meetings, minutes

    c.exec_group = groups.group_create(
        partnership=c.p1, name="Executive", group_type="executive", frequency="quarterly",
        purpose="CNRY-GROUP-EXEC", quorum="statutory_partners", start_date=START)
    c.seat_lsp = groups.member_add(group=c.exec_group, user=c.lsp, agency=c.council1,
                                   role_label="Chief executive", is_chair=True, start_date=START)
    c.seat_dsp = groups.member_add(group=c.exec_group, user=c.dsp, agency=c.police,
                                   role_label="Assistant chief constable", start_date=START)
    c.seat_a = groups.member_add(group=c.exec_group, user=c.lead_a, agency=c.agency_a,
                                 role_label="Designated safeguarding lead", start_date=START)
    c.seat_icb = groups.member_add(group=c.exec_group, agency=c.icb1, role_label="Chief nurse",
                                   start_date=START)
    c.meeting1 = meetings.meeting_create(
        group=c.exec_group, starts_at=datetime.datetime(2025, 6, 3, 10, 0, tzinfo=datetime.UTC))
    # The executive's June meeting took place (its attendance, decisions and minutes are
    # recorded only then). Set on the row until a "mark as held" service exists.
    c.meeting1.status = "held"
    c.meeting1.save(update_fields=["status"])
    c.item_public = meetings.item_add(meeting=c.meeting1, title="Budget CNRY-ITEM-PUBLIC")
    c.item_conf = meetings.item_add(meeting=c.meeting1, title="Case CNRY-CONF-ITEM",
                                    confidential=True)
    c.paper_public = meetings.paper_add(item=c.item_public, checked=pdf("budget.pdf"),
                                        title="Budget paper", user=c.bu_officer)
    c.paper_conf = meetings.paper_add(item=c.item_conf, checked=pdf("case.pdf"),
                                      title="Case paper", user=c.bu_officer)
    minutes.minutes_save(meeting=c.meeting1, text="Draft CNRY-DRAFT-MINUTES")
    c.meeting2 = meetings.meeting_create(
        group=c.exec_group, starts_at=datetime.datetime(2025, 9, 2, 10, 0, tzinfo=datetime.UTC))
    c.action_a = actions.action_create(
        partnership=c.p1, source="meeting", meeting=c.meeting1, description="CNRY-ACTION-A",
        owner_agency=c.agency_a, owner=c.lead_a, due_on=datetime.date(2025, 7, 1),
        created_by=c.bu_officer)
    c.action_police = actions.action_create(
        partnership=c.p1, source="meeting", meeting=c.meeting1, description="CNRY-ACTION-POLICE",
        owner_agency=c.police, due_on=datetime.date(2030, 7, 1), created_by=c.bu_officer)
    c.evidence_police = actions.progress_record(
        action=c.action_police, author=c.lead_police, status="in_progress", note="Started",
        checked_file=pdf("evidence.pdf"))
    c.group_p2 = groups.group_create(partnership=c.p2, name="Southshire Executive",
                                     group_type="executive", frequency="monthly",
                                     purpose="CNRY-GROUP-P2", start_date=START)
    c.seat_x = groups.member_add(group=c.group_p2, user=c.lead_x, agency=c.agency_x,
                                 role_label="Lead", start_date=START)
    c.meeting_p2 = meetings.meeting_create(
        group=c.group_p2, starts_at=datetime.datetime(2025, 6, 4, 10, 0, tzinfo=datetime.UTC))
    c.action_x = actions.action_create(
        partnership=c.p2, source="meeting", meeting=c.meeting_p2, description="CNRY-ACTION-X",
        owner_agency=c.agency_x, due_on=datetime.date(2025, 7, 1), created_by=c.bu_p2)


def _reviews(c):
    from reviews.services import notifications, rapid

    c.case1 = notifications.notification_create(
        partnership=c.p1, created_by=c.bu_officer, pseudonym="Child A", age_band="1_4",
        incident_type="serious_harm", la_aware_on=datetime.date(2025, 12, 19),
        notified_on=datetime.date(2025, 12, 22), panel_reference="CSPN-0001")
    notifications.child_record_save(notification=c.case1, legal_name="CNRY-CHILD-NAME",
                                    date_of_birth=datetime.date(2022, 5, 1))
    c.review1 = rapid.rapid_review_start(notification=c.case1)
    rapid.rapid_review_update(review=c.review1, facts="CNRY-RR-FACTS")
    c.summary_a, c.summary_police = rapid.summaries_request(
        review=c.review1, agencies=[c.agency_a, c.police], requested_on=datetime.date(2025, 12, 23))
    rapid.summary_save(summary=c.summary_a, user=c.lead_a, involvement="CNRY-SUMMARY-A",
                       analysis="", version=0)
    rapid.summary_save(summary=c.summary_police, user=c.lead_police,
                       involvement="CNRY-SUMMARY-POLICE", analysis="", version=0)
    c.summary_a.refresh_from_db()
    c.summary_police.refresh_from_db()
    c.case_p2 = notifications.notification_create(
        partnership=c.p2, created_by=c.bu_p2, pseudonym="CNRY-CASE-P2", age_band="10_15",
        incident_type="death", la_aware_on=datetime.date(2025, 11, 3))


def _assessments(c):
    from agencies.models import AssessmentTemplate, Kind
    from agencies.services import cycles, returns

    c.s11_template = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_11)
    c.cycle1 = cycles.cycle_create(partnership=c.p1, template=c.s11_template, name="P1 Section 11 2025",
                                   opens_on=datetime.date(2025, 9, 1),
                                   closes_on=datetime.date(2025, 12, 19),
                                   agencies=[c.agency_a, c.police])
    c.cycle2 = cycles.cycle_create(partnership=c.p2, template=c.s11_template, name="P2 Section 11 2025",
                                   opens_on=datetime.date(2025, 10, 1),
                                   closes_on=datetime.date(2026, 1, 30),
                                   agencies=[c.police, c.agency_x])
    c.request_a = c.cycle1.requests.get(agency=c.agency_a)
    c.return_a = c.request_a.assessment
    c.return_police = c.cycle1.requests.get(agency=c.police).assessment
    c.return_x = c.cycle2.requests.get(agency=c.agency_x).assessment
    standards = list(c.s11_template.standards.all())
    c.s11_standard1 = standards[0]
    returns.answer_save(assessment=c.return_a, standard=standards[0], user=c.lead_a, version=0,
                        rating=2, narrative="CNRY-RETURN-A-DRAFT")
    c.return_a.refresh_from_db()
    version = 0
    for standard in standards:
        returns.answer_save(assessment=c.return_police, standard=standard, user=c.lead_police,
                            version=version, rating=3, narrative=f"CNRY-RETURN-POLICE {standard.number}")
        version += 1
        returns.evidence_add(assessment=c.return_police, standard=standard, user=c.lead_police,
                             version=version, title="Policy", link="https://police.example/policy")
        version += 1
    returns.submit(assessment=c.return_police, user=c.lead_police, version=version)
    c.return_police.refresh_from_db()


def pdf(name):
    """A small, real-looking PDF upload, checked like any other."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnership.uploads import check_upload

    return check_upload(SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
                                           content_type="application/pdf"))


def _fast_user(email, password, **fields):
    """A user whose password is stored with a cheap hasher (tests that only force_login)."""
    from django.contrib.auth.hashers import make_password

    u = User(email=email, **fields)
    u.password = make_password(password, hasher="md5")
    u.save()
    return u
