"""The cast's scrutiny records: activities and the challenge log (called by tests/cast.py
build()).

- P1's 2025/26 plan has a multi-agency audit with one finding (CNRY-SCR-FINDING) and the
  scrutineer's report section (CNRY-SCR-SECTION): P1's partnership roles see them.
- Challenge 1 in P1 is addressed to the police (CNRY-CHL-POLICE): P1's partnership roles
  and the police's agency lead see it (bu_p2 does not: P1's challenges are P1's).
- Challenge 2 in P1 is addressed to the council (CNRY-CHL-COUNCIL): P1's roles only.
- Agency A is a relevant agency, not a partner: challenges are addressed to statutory
  partners only (designations of kind local_authority, police or nhs_commissioner), so
  none is addressed to it and its staff have no challenge log (404).
- P2's challenge to its council (CNRY-CHL-P2): bu_p2 only.
"""

import datetime

from scrutiny.services import activities, challenges

CANARIES = {
    "CNRY-SCR-FINDING": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer"},
    "CNRY-SCR-SECTION": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer"},
    "CNRY-CHL-POLICE": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer",
                        "lead_police"},
    "CNRY-CHL-COUNCIL": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer"},
    "CNRY-CHL-P2": {"bu_p2"},
}


def add(c):
    c.activity1 = activities.activity_create(
        partnership=c.p1, created_by=c.scrutineer, year=2025, activity_type="multi_agency",
        title="Neglect multi-agency audit", scope="Ten cases of neglect", lead=c.scrutineer,
        quarter=2, starts_on=datetime.date(2025, 7, 1), ends_on=datetime.date(2025, 9, 30))
    c.finding1 = activities.finding_add(
        activity=c.activity1, text="Strategy discussions CNRY-SCR-FINDING", kind="concern",
        created_by=c.scrutineer)
    c.section1 = activities.section_create(
        partnership=c.p1, author=c.scrutineer, year=2025, title="Overview",
        body="The arrangements *work* CNRY-SCR-SECTION", order=1)
    raised = datetime.date(2025, 10, 1)
    c.challenge_police = challenges.challenge_raise(
        partnership=c.p1, raised_by=c.scrutineer, subject="Police attendance",
        detail="Why CNRY-CHL-POLICE", agencies=[c.police], raised_on=raised)
    c.challenge_council = challenges.challenge_raise(
        partnership=c.p1, raised_by=c.chair, subject="Council audits",
        detail="Why CNRY-CHL-COUNCIL", agencies=[c.council1], raised_on=raised,
        due_on=datetime.date(2030, 1, 31))
    c.challenge_p2 = challenges.challenge_raise(
        partnership=c.p2, raised_by=c.bu_p2, subject="P2 council",
        detail="Why CNRY-CHL-P2", agencies=[c.council2], raised_on=raised)
