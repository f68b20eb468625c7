"""The cast's scrutiny records: reports (called by tests/cast.py build()).

- report1: P1's 2025/26 report, a draft (no sign-offs), with a narrative carrying
  CNRY-REPORT-DRAFT-P1: only P1's readers of scrutiny see it;
- report_pub: P1's 2021/22 report, signed off by all three partners and published, with a
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


def add(c):
    from scrutiny.services import reports

    c.report1 = reports.report_create(partnership=c.p1, period_start=datetime.date(2025, 4, 1),
                                      period_end=datetime.date(2026, 3, 31), created_by=c.bu_manager)
    reports.narrative_save(report=c.report1, section="impact", author=c.bu_manager,
                           text="Impact evidence CNRY-REPORT-DRAFT-P1")
    c.report_pub = reports.report_create(partnership=c.p1, period_start=datetime.date(2021, 4, 1),
                                         period_end=datetime.date(2022, 3, 31),
                                         created_by=c.bu_manager)
    reports.narrative_save(report=c.report_pub, section="feedback", author=c.bu_officer,
                           text="Families told us CNRY-REPORT-PUB-P1")
    for partner, user in ((c.council1, c.lsp), (c.police, c.dsp), (c.icb1, c.lsp)):
        reports.sign_off(report=c.report_pub, partner=partner, user=user)
    reports.publication_record(report=c.report_pub, published_on=datetime.date(2022, 7, 1),
                               panel_sent_on=datetime.date(2022, 7, 5))
    c.report_p2 = reports.report_create(partnership=c.p2, period_start=datetime.date(2025, 4, 1),
                                        period_end=datetime.date(2026, 3, 31), created_by=c.bu_p2)
    reports.narrative_save(report=c.report_p2, section="impact", author=c.bu_p2,
                           text="Southshire impact CNRY-REPORT-P2")
