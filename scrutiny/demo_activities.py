"""Demo data: North Yorkshire's scrutiny plan for 2019/20 (activities of the audit types of
its published arrangements, seed 004 para 33, with findings; two recommendations become
actions on the action register), the scrutineer's report sections, and the challenge log
with a challenge in each state: awaiting responses (due in the future), overdue, responded,
judged and closed. Texts describe posts, never people.

Everything is written through scrutiny.services. Runs once: a partnership that already has
scrutiny activities is left alone."""

import datetime

from partnership.models import Agency, Partnership, User

from .models import ScrutinyActivity
from .services import activities, challenges

D = datetime.date
YEAR = 2019
AGENCIES = {"council": "North Yorkshire County Council", "ccg": "North Yorkshire and York CCGs",
            "police": "North Yorkshire Police"}
PEOPLE = {"scrutineer": "scrutineer@nyscp.example", "officer": "officer@nyscp.example",
          "dcs": "dcs@nyscp.example", "acc": "acc@nyscp.example",
          "nurse": "nurse@nyscp.example", "chief.executive": "chief.executive@nyscp.example"}

# (type, title, scope, lead name, quarter, starts, ends, status, findings)
# findings: (kind, text, recommendation, owner agency key, action due date)
PLAN = [
    ("section_11", "Section 11 audit 2019", "Every partner and relevant agency's Section 11 "
     "self-assessment, with a challenge event for each statutory partner.", "", 1,
     D(2019, 5, 1), D(2019, 7, 31), "completed", [
         ("strength", "All three statutory partners returned their self-assessment on time, "
          "with evidence for each standard.", "", None, None),
         ("improvement", "Safer recruitment evidence was thin in two health providers.",
          "Health providers evidence safer recruitment checks in the next Section 11 cycle.",
          "ccg", D(2020, 3, 31)),
     ]),
    ("schools", "Schools safeguarding audit (Section 175/157)", "Maintained schools, academies "
     "and independent schools.", "Education safeguarding adviser", 2, D(2019, 9, 2),
     D(2019, 11, 29), "completed", [
         ("strength", "Designated safeguarding leads are trained and supervised in almost "
          "every school.", "", None, None),
     ]),
    ("multi_agency", "Multi-agency audit: neglect", "Twelve cases of neglect across the "
     "county, audited by practitioners from each partner.", "", 3, D(2019, 10, 7),
     D(2020, 1, 31), "completed", [
         ("concern", "Chronologies were not shared at strategy discussions in four of twelve "
          "cases.", "Police and children's social care share chronologies before every "
          "strategy discussion.", "police", D(2020, 6, 30)),
         ("improvement", "The voice of the child was recorded but not acted on in some "
          "plans.", "", None, None),
     ]),
    ("early_years", "Early years audit", "Private, voluntary and independent nurseries.",
     "Early years safeguarding officer", 3, None, None, "in_progress", []),
    ("practitioner", "Practitioner audit: escalation", "Survey of practitioners on using the "
     "escalation policy.", "", 4, None, None, "planned", []),
    ("cdop", "Child death (CDOP) case reviews", "Learning from the year's child death "
     "reviews.", "Child Death Review Partnership", 4, None, None, "planned", []),
    ("voluntary", "Voluntary sector audit", "Voluntary and community sector organisations "
     "working with children.", "Community First Yorkshire", 4, None, None, "cancelled", []),
]

SECTIONS = [
    ("How well the arrangements work for children and families",
     "The partnership knows its children well.\n\n- Audits in 2019/20 covered **neglect**, "
     "schools and Section 11.\n- Learning from audits is reaching practitioners, but the "
     "voice of the child is not always acted on.\n"),
    ("How well the safeguarding partners lead",
     "The three partners meet as an executive and take decisions together.\n\n"
     "## Challenge\n\nChallenges raised this year were answered, with one still overdue.\n"),
]


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(stdout=None):
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    if ScrutinyActivity.objects.filter(partnership=partnership).exists():
        _write(stdout, "Scrutiny activities demo: North Yorkshire already has a scrutiny plan; "
                       "left as it is.\n")
        return
    people = {key: User.objects.filter(email=email).first() for key, email in PEOPLE.items()}
    agencies = {key: Agency.objects.filter(name=name).first() for key, name in AGENCIES.items()}
    if None in people.values() or None in agencies.values():
        return
    scrutineer = people["scrutineer"]
    findings = 0
    cancelled = "Replaced by the multi-agency audit of neglect, which covered voluntary " \
                "sector providers."
    for kind, title, scope, lead_name, quarter, starts, ends, status, rows in PLAN:
        activity = activities.activity_create(
            partnership=partnership, created_by=scrutineer, year=YEAR, activity_type=kind,
            title=title, scope=scope, lead=None if lead_name else scrutineer,
            lead_name=lead_name, quarter=quarter, starts_on=starts, ends_on=ends)
        for finding_kind, text, recommendation, owner, due in rows:
            activities.finding_add(activity=activity, text=text, kind=finding_kind,
                                   created_by=scrutineer, recommendation=recommendation,
                                   owner_agency=agencies.get(owner), due_on=due)
            findings += 1
        if status != "planned":
            activities.activity_update(activity=activity, status=status,
                                       cancelled_reason=cancelled if status == "cancelled"
                                       else "")
    for order, (title, body) in enumerate(SECTIONS, start=1):
        activities.section_create(partnership=partnership, author=scrutineer, year=YEAR,
                                  title=title, body=body, order=order)
    _challenges(partnership, people, agencies)
    _write(stdout, f"Scrutiny activities demo: {len(PLAN)} activities with {findings} findings, "
                   f"{len(SECTIONS)} report sections and 5 challenges for "
                   f"{partnership.short_name or partnership.name}.\n")


def _challenges(partnership, people, agencies):
    scrutineer, officer = people["scrutineer"], people["officer"]
    raise_ = challenges.challenge_raise
    closed = raise_(partnership=partnership, raised_by=scrutineer,
                    subject="Timeliness of initial child protection conferences",
                    detail="Fewer than two thirds of initial conferences were held within 15 "
                           "working days of the strategy discussion. What is being done?",
                    agencies=[agencies["council"]], raised_on=D(2019, 6, 3))
    challenges.response_record(challenge=closed, agency=agencies["council"], user=people["dcs"],
                               response="A recovery plan added conference chairs; timeliness "
                                        "reached 85% by September.", responded_on=D(2019, 6, 20))
    challenges.judgement_record(challenge=closed, user=scrutineer, judgement="assured",
                                text="The plan worked and is monitored monthly.",
                                judged_on=D(2019, 10, 1))
    challenges.challenge_close(challenge=closed, user=scrutineer, closed_on=D(2019, 10, 8))

    judged = raise_(partnership=partnership, raised_by=people["chief.executive"],
                    subject="Health attendance at strategy discussions",
                    detail="Health practitioners attended few strategy discussions in the "
                           "neglect audit.", agencies=[agencies["ccg"]], raised_on=D(2019, 11, 4))
    challenges.response_record(challenge=judged, agency=agencies["ccg"], user=people["nurse"],
                               response="Named nurses now join by phone when they cannot "
                                        "attend.", responded_on=D(2019, 11, 29))
    challenges.judgement_record(challenge=judged, user=scrutineer, judgement="partly_assured",
                                text="Better, but attendance is not yet measured.",
                                judged_on=D(2020, 1, 15))

    responded = raise_(partnership=partnership, raised_by=scrutineer,
                       subject="Sharing chronologies before strategy discussions",
                       detail="The neglect audit found chronologies missing in four of twelve "
                              "cases.", agencies=[agencies["police"], agencies["council"]],
                       raised_on=D(2020, 2, 3))
    challenges.response_record(challenge=responded, agency=agencies["police"], user=people["acc"],
                               response="The MASH now attaches police chronologies.",
                               responded_on=D(2020, 2, 20))
    challenges.response_record(challenge=responded, agency=agencies["council"], user=officer,
                               response="Children's social care will share its chronology "
                                        "with the invitation.", on_behalf=True,
                               responded_on=D(2020, 2, 24))

    raise_(partnership=partnership, raised_by=scrutineer,
           subject="Escalation policy use by the police",
           detail="Practitioners report that escalations to the police go unanswered. How "
                  "many were received and answered in 2019/20?",
           agencies=[agencies["police"]], raised_on=D(2020, 3, 2))  # overdue: no response
    raise_(partnership=partnership, raised_by=scrutineer,
           subject="Early help assessments by health visitors",
           detail="What share of early help assessments were started by health visitors?",
           agencies=[agencies["ccg"], agencies["council"]])  # raised today: due in 20 days
