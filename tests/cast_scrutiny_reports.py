"""The cast's scrutiny records: reports (called by tests/cast.py build()).

- report1: P1's 2025/26 report, a draft (no sign-offs), with a narrative carrying
  CNRY-REPORT-DRAFT-P1 and the required effectiveness narrative: only P1's readers of
  scrutiny see it;
- report_pub: P1's 2021/22 report, signed off by the three lead safeguarding partners (lsp
  for the council; for the police and the ICB two lead partners who signed in June 2022 and
  left at its end, so that no one else in the cast leads for them) and published, with a
  narrative carrying CNRY-REPORT-PUB-P1: agency staff of P1 (and the police lead) see it too;
- report_p2: P2's 2025/26 draft with CNRY-REPORT-P2: only P2's business unit sees it.
No PDF is rendered for the cast (tests that need one render it themselves).
"""

import datetime

# Spelt out: tests/cast.py imports this module before it defines its role tuples.
P1_ROLES = ("bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer")
A_STAFF = ("lead_a", "chief_a", "contributor_a")

CANARIES = {
    "CNRY-REPORT-DRAFT-P1": set(P1_ROLES),
    "CNRY-REPORT-PUB-P1": {*P1_ROLES, *A_STAFF, "lead_police"},
    "CNRY-REPORT-P2": {"bu_p2"},
}
SIGNED_ON = datetime.date(2022, 6, 20)
LEFT_ON = datetime.date(2022, 6, 30)
EFFECTIVENESS = "The partners judge the arrangements effective."


def former_lead(c, key, agency, title):
    """A lead safeguarding partner for `agency` in P1 from 2020 (ended by the caller)."""
    from partnership.models import User
    from partnership.services import people

    user = User.objects.create_user(f"{key}@cast.example", None, full_name=key.replace("_", " ").title())
    return people.membership_create(user=user, partnership=c.p1, role="lead_safeguarding_partner",
                                    agency=agency, title=title, start_date=datetime.date(2020, 4, 1))


def lead_partners(c):
    """For tests that need all three: lsp's membership (the council) and two new current
    lead safeguarding partners, for the police and the ICB (made through the services)."""
    return [membership(c.lsp),
            former_lead(c, "chief_constable", c.police, "Chief Constable"),
            former_lead(c, "icb_chief", c.icb1, "Chief Executive")]


def membership(user):
    from partnership.models import PartnershipMembership

    return PartnershipMembership.objects.active().select_related("agency").get(user=user)


def add(c):
    from partnership.services import people
    from scrutiny.services import reports

    c.report1 = reports.report_create(partnership=c.p1, period_start=datetime.date(2025, 4, 1),
                                      period_end=datetime.date(2026, 3, 31), created_by=c.bu_manager)
    reports.narrative_save(report=c.report1, section="impact", author=c.bu_manager,
                           text="Impact evidence CNRY-REPORT-DRAFT-P1")
    reports.narrative_save(report=c.report1, section="effectiveness", author=c.bu_manager,
                           text=EFFECTIVENESS)
    c.report_pub = reports.report_create(partnership=c.p1, period_start=datetime.date(2021, 4, 1),
                                         period_end=datetime.date(2022, 3, 31),
                                         created_by=c.bu_manager)
    reports.narrative_save(report=c.report_pub, section="feedback", author=c.bu_officer,
                           text="Families told us CNRY-REPORT-PUB-P1")
    reports.narrative_save(report=c.report_pub, section="effectiveness", author=c.bu_officer,
                           text=EFFECTIVENESS)
    leads = [membership(c.lsp), former_lead(c, "police_lead_partner", c.police, "Chief Constable"),
             former_lead(c, "icb_lead_partner", c.icb1, "Chief Executive")]
    for lead in leads:
        reports.sign_off(report=c.report_pub, membership=lead, on=SIGNED_ON)
    for lead in leads[1:]:
        people.membership_end(membership=lead, end_date=LEFT_ON)
    reports.publication_record(report=c.report_pub, published_on=datetime.date(2022, 7, 1),
                               panel_sent_on=datetime.date(2022, 7, 5))
    c.report_p2 = reports.report_create(partnership=c.p2, period_start=datetime.date(2025, 4, 1),
                                        period_end=datetime.date(2026, 3, 31), created_by=c.bu_p2)
    reports.narrative_save(report=c.report_p2, section="impact", author=c.bu_p2,
                           text="Southshire impact CNRY-REPORT-P2")
