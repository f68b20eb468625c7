"""The scrutineer's records of one partnership of a scale deployment (scale_reviews.add
calls them), ten financial years of them, in proportion to North Yorkshire's demo
(scrutiny.demo_dataset, scrutiny.demo_activities): the multi-agency dataset (five measures,
a quarterly return from five agencies), two consultations a year of three questions sent to
the agencies outside schools (up to 16), nine scrutiny activities a year, a finding for
each one completed. The core refers to the apps above it by name (DESIGN.md §3).
"""

import datetime
from decimal import Decimal

from .quarters import DUE_WORKING_DAYS, Quarter
from .scale import YEARS, bulk
from .scale_records import _at, model

# code, name, unit, who reports it (scale_reviews._place's keys), quarterly figure
MEASURES = [
    ("referrals", "Referrals to children's social care", "count",
     ("police", "icb", "school", "national"), 400),
    ("strategy-discussions", "Strategy discussions", "count", ("council", "police", "icb"), 300),
    ("cp-plans", "Children on child protection plans", "snapshot", ("council",), 430),
    ("missing", "Missing episodes", "count", ("police",), 400),
    ("icpc-in-time", "Initial child protection conferences within 15 working days", "percent",
     ("council",), 85),
]
QUESTIONS = [("How well do the partnership's arrangements work for your agency?", "scale"),
             ("How well does the partnership share learning with your practitioners?", "scale"),
             ("What should the partnership do differently?", "text")]
CONSULTED = 16
ACTIVITY_TYPES = ("section_11", "schools", "multi_agency", "practitioner", "cdop", "learning",
                  "thematic", "voluntary", "early_years")


def dataset(place, rng, first, today):
    """Measures, and each reporting agency's return for every quarter begun (the last
    ones not yet due are drafts)."""
    Measure, Return, Value = (model(f"scrutiny.{n}") for n in (
        "Measure", "DatasetReturn", "DatasetValue"))
    p, mine = place["partnership"], place["mine"]
    reporters = {key: mine[key][0] for key in ("council", "police", "icb", "school", "national")
                 if mine[key]}
    measures = bulk(Measure, [Measure(partnership=p, code=code, name=name, unit=unit,
                                      definition=f"{name}, in the quarter.", target=None)
                              for code, name, unit, _, _ in MEASURES])
    through = Measure.agencies.through
    bulk(through, [through(measure_id=m.pk, agency_id=reporters[key].pk)
                   for m, (*_, keys, _) in zip(measures, MEASURES, strict=True)
                   for key in keys if key in reporters])
    quarter, returns = Quarter(datetime.date(first, 4, 1)), []
    while quarter.start <= today and quarter.fy_start < first + YEARS:
        due = place["calendar"].add(quarter.end, DUE_WORKING_DAYS)
        for agency in reporters.values():
            done = due < today
            returns.append(Return(
                partnership=p, agency=agency, period_start=quarter.start, version=1,
                status="submitted" if done else "draft",
                submitted_by_id=place["leads"].get(agency.pk) if done else None,
                submitted_at=_at(due) if done else None))
        quarter = quarter.next()
    bulk(Return, returns)
    values = [Value(dataset_return=r, measure=m, value=_figure(rng, m, base))
              for r in returns
              for m, (*_, keys, base) in zip(measures, MEASURES, strict=True)
              if any(reporters.get(key) == r.agency for key in keys)]
    bulk(Value, values)
    return {"dataset measures": len(measures), "dataset returns": len(returns),
            "dataset values": len(values)}


def _figure(rng, measure, base):
    """Within a fifth of `base`, with a decimal place; a percentage never over 100."""
    top = min(base * 12, 1000) if measure.unit == "percent" else base * 12
    return Decimal(rng.randint(base * 8, top)) / 10


def consultations(place, rng, first, today):
    """One for each half year ended (April to September, October to March), sent the day
    after it ends, open for twenty working days; the agencies answer by then or never."""
    Consultation, Question, Response, Answer = (model(f"scrutiny.{n}") for n in (
        "Consultation", "ConsultationQuestion", "ConsultationResponse", "ConsultationAnswer"))
    p, mine = place["partnership"], place["mine"]
    consulted = (mine["national"] + mine["other"])[:CONSULTED]
    made = []
    for year in range(first, first + YEARS):
        for start, end in ((datetime.date(year, 4, 1), datetime.date(year, 9, 30)),
                           (datetime.date(year, 10, 1), datetime.date(year + 1, 3, 31))):
            sent = end + datetime.timedelta(days=1)
            if sent <= today:
                made.append(Consultation(
                    partnership=p, title=f"Relevant agencies consultation, {start:%B %Y}",
                    introduction="How well the arrangements work for you.", period_start=start,
                    period_end=end, closes_on=place["calendar"].add(sent, 20),
                    sent_at=_at(sent), created_by_id=place["manager"]))
    bulk(Consultation, made)
    questions = bulk(Question, [Question(consultation=c, position=n + 1, text=text, kind=kind)
                                for c in made for n, (text, kind) in enumerate(QUESTIONS)])
    responses = []
    for c in made:
        for agency in consulted:
            answered = c.closes_on < today and rng.random() < 0.6
            responses.append(Response(
                consultation=c, agency=agency, status="submitted" if answered else "not_started",
                version=int(answered),
                submitted_by_id=place["leads"].get(agency.pk) if answered else None,
                submitted_at=_at(c.closes_on) if answered else None))
    bulk(Response, responses)
    asked = {}
    for q in questions:
        asked.setdefault(q.consultation_id, []).append(q)
    answers = [Answer(response=r, question=q,
                      scale=rng.randint(2, 5) if q.kind == "scale" else None,
                      text="What the partnership could do differently." if q.kind == "text"
                      else "")
               for r in responses if r.status == "submitted" for q in asked[r.consultation_id]]
    bulk(Answer, answers)
    return {"consultations": len(made), "consultation responses": len(responses),
            "consultation answers": len(answers)}


def activities(place, first, today):
    """The scrutiny plan: each year's activities, one a quarter or so, completed once
    their end is past, with a finding each."""
    Activity, Finding = model("scrutiny.ScrutinyActivity"), model("scrutiny.Finding")
    p, made = place["partnership"], []
    for year in range(first, first + YEARS):
        for k, kind in enumerate(ACTIVITY_TYPES):
            starts = datetime.date(year, 4, 1) + datetime.timedelta(days=36 * k)
            ends = starts + datetime.timedelta(days=60)
            made.append(Activity(
                partnership=p, year=year, activity_type=kind, quarter=k * 4 // len(ACTIVITY_TYPES)
                + 1, title=f"{kind.replace('_', ' ').capitalize()} audit {year}",
                scope="What the activity looks at.", lead_id=place["scrutineer"],
                starts_on=starts, ends_on=ends, created_by_id=place["scrutineer"],
                status="completed" if ends < today else
                "in_progress" if starts <= today else "planned"))
    bulk(Activity, made)
    findings = bulk(Finding, [Finding(activity=a, kind="improvement",
                                      text="What the activity found.",
                                      created_by_id=place["scrutineer"])
                              for a in made if a.status == "completed"])
    return {"scrutiny activities": len(made), "findings": len(findings)}
