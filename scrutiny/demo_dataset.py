"""Demo data: North Yorkshire's multi-agency dataset for 2019/20 and its consultations with
the relevant agencies (seed 004 para 32: twice a year).

- Five measures: referrals to children's social care (made by the police, health, schools
  and the CCGs), strategy discussions, children on child protection plans, missing
  episodes, and initial child protection conferences held within 15 working days (%).
- Four quarters of returns (2019/20) from the county council, the police, the CCGs, the
  schools and CAFCASS: all submitted except the schools' Q4 return, a draft.
- The autumn 2019 consultation (closed), sent to the relevant agencies of the criminal
  justice and voluntary sectors, answered by some of them; and a current one, sent to the
  police and CAFCASS, with the police's answer in draft.

Everything is written through scrutiny.services. Runs once: a partnership that already has
dataset measures is left alone."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnership import dates
from partnership.models import Agency, Partnership, User
from partnership.quarters import Quarter

from .models import Measure, QuestionKind
from .services import consultations, dataset

D = datetime.date
AGENCIES = {"council": "North Yorkshire County Council", "ccg": "North Yorkshire and York CCGs",
            "police": "North Yorkshire Police", "schools":
            "Education (Maintained, Academies, Independent, FE, HE)", "cafcass": "CAFCASS",
            "probation": "National Probation Service", "nspcc": "NSPCC",
            "cfy": "Community First Yorkshire"}
PEOPLE = {"officer": "officer@nyscp.example", "manager": "manager@nyscp.example",
          "lead.police": "lead.police@nyscp.example", "lead.cafcass": "lead.cafcass@nyscp.example",
          "lead.probation": "lead.probation@nyscp.example"}
# Who enters each agency's figures (the business unit keys in those without a lead here).
ENTERED_BY = {"police": "lead.police", "cafcass": "lead.cafcass", "probation": "lead.probation"}

# code, name, definition, unit, agencies (keys), target per quarter, higher is better
MEASURES = [
    ("referrals", "Referrals to children's social care",
     "Referrals the agency made to children's social care in the quarter.", "count",
     ["police", "ccg", "schools", "cafcass"], None, True),
    ("strategy-discussions", "Strategy discussions",
     "Strategy discussions (section 47) the agency took part in during the quarter.", "count",
     ["council", "police", "ccg"], None, True),
    ("cp-plans", "Children on child protection plans",
     "Children subject to a child protection plan on the last day of the quarter.",
     "snapshot",
     ["council"], Decimal("430"), False),
    ("missing", "Missing episodes",
     "Episodes of children reported missing from home or care in the quarter.", "count",
     ["police"], Decimal("400"), False),
    ("icpc-in-time", "Initial child protection conferences within 15 working days",
     "Share of initial conferences held within 15 working days of the strategy discussion.",
     "percent", ["council"], Decimal("85"), True),
]

# agency: {measure code: [Q1, Q2, Q3, Q4]}
FIGURES = {
    "council": {"strategy-discussions": [612, 588, 640, 655], "cp-plans": [451, 438, 426, 419],
                "icpc-in-time": [81, 84.5, 88, 86]},
    "police": {"referrals": [1320, 1254, 1398, 1410], "strategy-discussions": [598, 571, 629, 640],
               "missing": [455, 430, 389, 402]},
    "ccg": {"referrals": [402, 388, 415, 431], "strategy-discussions": [240, 233, 262, 251]},
    "schools": {"referrals": [910, 1105, 1210, 780]},
    "cafcass": {"referrals": [38, 41, 35, 44]},
}
DRAFT = ("schools", 3)  # the schools' Q4 return is still a draft
NOTES = {("police", 2): "Q3 includes a county lines operation in Scarborough in November.",
         ("schools", 1): "Autumn term: referrals rise every year after the summer holidays.",
         ("council", 0): "Conference timeliness dipped in May while two chairs were on leave."}

QUESTIONS = [("How well do the partnership's arrangements work for your agency?",
              QuestionKind.SCALE),
             ("How well does the partnership share learning with your practitioners?",
              QuestionKind.SCALE),
             ("What should the partnership do differently?", QuestionKind.TEXT)]
AUTUMN_ANSWERS = {
    "cafcass": (4, 3, "Invite family court advisers to rapid review panels earlier."),
    "probation": (3, 2, "Share the learning briefings with probation practitioners directly, "
                        "not only through the police."),
    "nspcc": (4, 4, "Keep the voluntary sector forum: it is the best route in for small "
                    "charities."),
}


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None):
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    if Measure.objects.filter(partnership=partnership).exists():
        _write(stdout, "Dataset demo: North Yorkshire already has dataset measures; left as it "
                       "is.\n")
        return
    agencies = {key: Agency.objects.get(name=name) for key, name in AGENCIES.items()}
    people = {key: User.objects.get(email=email) for key, email in PEOPLE.items()}
    measures = {}
    for code, name, definition, unit, keys, target, higher in MEASURES:
        measures[code] = dataset.measure_create(
            partnership=partnership, code=code, name=name, definition=definition, unit=unit,
            agencies=[agencies[k] for k in keys], target=target, higher_is_better=higher)
    quarters = [Quarter(D(2019, 4, 1))]
    for _ in range(3):
        quarters.append(quarters[-1].next())
    returns = 0
    for key, figures in FIGURES.items():
        user = people[ENTERED_BY.get(key, "officer")]
        for index, quarter in enumerate(quarters):
            values = {measures[code].pk: Decimal(str(series[index]))
                      for code, series in figures.items()}
            dataset.return_save(partnership=partnership, agency=agencies[key], quarter=quarter,
                                user=user, version=0, values=values,
                                note=NOTES.get((key, index), ""),
                                submit=(key, index) != DRAFT)
            returns += 1
    sent = _consultations(partnership, agencies, people)
    _write(stdout, f"Dataset demo: {len(measures)} measures, {returns} quarterly returns for "
                   f"2019/20 (one draft), {sent} consultations for "
                   f"{partnership.short_name or partnership.name}.\n")


def _consultation(partnership, people, title, start, end, closes_on):
    consultation = consultations.consultation_create(
        partnership=partnership, created_by=people["manager"], title=title,
        period_start=start, period_end=end, closes_on=closes_on,
        introduction="The partnership asks its relevant agencies twice a year how well the "
                     "arrangements work for them and their practitioners.")
    for text, kind in QUESTIONS:
        consultations.question_add(consultation=consultation, text=text, kind=kind)
    return consultation


def _answer(consultation, agency, user, scales_and_text, submit=True):
    response = consultation.responses.get(agency=agency)
    questions = list(consultation.questions.all())
    first, second, text = scales_and_text
    consultations.response_save(response=response, user=user, version=response.version,
                                submit=submit, answers={questions[0].pk: first,
                                                        questions[1].pk: second,
                                                        questions[2].pk: text})


def _consultations(partnership, agencies, people):
    """The autumn 2019 consultation is written while open and then closed, as it happened."""
    today = timezone.localdate()
    autumn = _consultation(partnership, people, "Relevant agencies consultation, autumn 2019",
                           D(2019, 4, 1), D(2019, 9, 30), today + datetime.timedelta(days=30))
    consultations.consultation_send(consultation=autumn, sectors=["police_justice", "voluntary"],
                                    agencies=[])
    for key, answers in AUTUMN_ANSWERS.items():
        user = people.get(f"lead.{key}", people["officer"])
        _answer(autumn, agencies[key], user, answers)
    consultations.closing_date_change(consultation=autumn, closes_on=D(2019, 10, 31))
    half_year = D(today.year, 4, 1) if today.month >= 4 else D(today.year - 1, 10, 1)
    current = _consultation(partnership, people, "Relevant agencies consultation, "
                            + ("spring " if today.month < 4 or today.month >= 10 else "autumn ")
                            + str(today.year), half_year, today,
                            dates.local_deadline(today, 20, partnership))
    consultations.consultation_send(consultation=current,
                                    agencies=[agencies["police"], agencies["cafcass"]])
    _answer(current, agencies["police"], people["lead.police"],
            (4, 3, "More joint training on exploitation."), submit=False)
    return 2
