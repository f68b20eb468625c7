"""The cast's scrutiny records: the multi-agency dataset and consultations (called by
tests/cast.py build()).

- P1 measures: referrals (education and police sectors: agency A and the police report it)
  and missing episodes (agency A chosen by hand). P2: one measure (the voluntary sector:
  agency X).
- Agency A's 2025/26 Q1 return in P1, submitted (note CNRY-DSET-A); the police's Q1 return
  in P1, a draft (CNRY-DSET-POLICE); agency X's Q1 return in P2, submitted (CNRY-DSET-X).
- A P1 consultation sent to agency A and the police: agency A's lead has submitted its
  answer (CNRY-CONSULT-A); the police have not started.
"""

import datetime
from decimal import Decimal

from partnership.models import Sector

CANARIES = {
    "CNRY-DSET-A": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer",
                    "lead_a", "chief_a", "contributor_a"},
    "CNRY-DSET-POLICE": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer",
                         "lead_police"},
    "CNRY-DSET-X": {"bu_p2", "lead_x"},
    "CNRY-CONSULT-A": {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer",
                       "lead_a"},
}

Q1 = datetime.date(2025, 4, 1)


def add(c):
    from partnership.quarters import Quarter
    from scrutiny.models import QuestionKind
    from scrutiny.services import consultations, dataset

    c.measure_referrals = dataset.measure_create(
        partnership=c.p1, code="referrals", name="Referrals to children's social care",
        definition="Referrals the agency made in the quarter.", unit="count",
        sectors=[Sector.EDUCATION, Sector.POLICE_JUSTICE], target=Decimal("100"))
    c.measure_missing = dataset.measure_create(
        partnership=c.p1, code="missing", name="Missing episodes",
        definition="Episodes of children going missing reported.", unit="count",
        agencies=[c.agency_a], higher_is_better=False)
    c.measure_p2 = dataset.measure_create(
        partnership=c.p2, code="referrals", name="Referrals (Southshire)",
        definition="Referrals made.", unit="count", sectors=[Sector.VOLUNTARY])
    c.dataset_a = dataset.return_save(
        partnership=c.p1, agency=c.agency_a, quarter=Quarter(Q1), user=c.lead_a, version=0,
        values={c.measure_referrals.pk: Decimal("40"), c.measure_missing.pk: Decimal("3")},
        note="CNRY-DSET-A", submit=True)
    c.dataset_police = dataset.return_save(
        partnership=c.p1, agency=c.police, quarter=Quarter(Q1), user=c.lead_police, version=0,
        values={c.measure_referrals.pk: Decimal("70")}, note="CNRY-DSET-POLICE")
    c.dataset_x = dataset.return_save(
        partnership=c.p2, agency=c.agency_x, quarter=Quarter(Q1), user=c.lead_x, version=0,
        values={c.measure_p2.pk: Decimal("5")}, note="CNRY-DSET-X", submit=True)
    c.consultation1 = consultations.consultation_create(
        partnership=c.p1, created_by=c.bu_officer, title="Relevant agencies consultation",
        period_start=datetime.date(2025, 4, 1), period_end=datetime.date(2025, 9, 30),
        closes_on=datetime.date(2030, 6, 30))
    c.question_text = consultations.question_add(
        consultation=c.consultation1, text="What works well?", kind=QuestionKind.TEXT)
    c.question_scale = consultations.question_add(
        consultation=c.consultation1, text="How well do the arrangements work for you?",
        kind=QuestionKind.SCALE)
    consultations.consultation_send(consultation=c.consultation1,
                                    agencies=[c.agency_a, c.police])
    c.response_a = c.consultation1.responses.get(agency=c.agency_a)
    c.response_police = c.consultation1.responses.get(agency=c.police)
    consultations.response_save(
        response=c.response_a, user=c.lead_a, version=0, submit=True,
        answers={c.question_text.pk: "CNRY-CONSULT-A", c.question_scale.pk: 4})
    c.response_a.refresh_from_db()
