"""Section 11 demo data, on the library Section 11 template (the eight key features).

North Yorkshire's "2019 Section 11 audit" (opens 1 September 2019, deadline 29 November
2019) asks eight agencies, whose returns are in every state:

- North Yorkshire Police: completed by its lead, signed off by its chief officer, and
  SHARED with City of York, whose overlapping "2019 Section 11 audit" asks the police too;
  each partnership moderates it independently, and its action plan joins both registers;
- North Yorkshire County Council and the CCGs: signed off (by their chief executive and
  accountable officer, who hold the agency chief officer role), with action plan items
  that join the action register;
- National Probation Service: submitted by its lead, waiting for the chief officer;
- Harrogate and District NHS Foundation Trust: sent back for amendment with a comment;
- CAFCASS: a draft in progress (five standards answered, some incomplete), with an
  extension request waiting for a decision;
- Yorkshire Ambulance Service: started, overdue even after a granted extension;
- Youth Justice Service: not started.

The business units moderate some standards. A "2021 Section 11 audit" then asks the
police, the county council and the CCGs again (last cycle's answers carried forward),
all signed off, so year-on-year change shows for them. It uses North Yorkshire's own copy
of the template, whose standards 1, 5 and 7 are answered question by question
(agencies/demo_questions.py).

The current "2026 Section 11 audit" (opens 1 October 2026, deadline 29 January 2027) asks
the police and the council: the police's return, carried forward and completed by its
lead, waits for its chief officer's sign-off (so sending it back, or the lead's recall,
can be tried on a fresh demo); the council's is a draft carried forward by the business
unit's officer.

Agencies without a demo lead sent their answers to the business unit, whose officer
entered them. The police's chief officer (chief.officer.police@nyscp.example) is one of
the core demo people.
Everything is written through agencies.services and partnership.services. Runs once: a
partnership that already has cycles is left alone. Texts describe posts, never people.
"""

import datetime

from partnership import demo_organisations
from partnership.models import Agency, AgencyMembership, Partnership, User
from partnership.services import people

from . import demo_questions
from .models import AssessmentTemplate, Kind
from .services import cycles, returns
from .services.by_question import by_question

D = datetime.date
LIBRARY_NAME = "Section 11 self-assessment (the eight key features)"

AGENCIES = {
    "police": "North Yorkshire Police",
    "council": "North Yorkshire County Council",
    "ccg": "North Yorkshire and York CCGs",
    "probation": "National Probation Service",
    "hdft": "Harrogate and District NHS Foundation Trust",
    "cafcass": "CAFCASS",
    "yas": "Yorkshire Ambulance Service",
    "yjs": "Youth Justice Service",
    "york": "City of York Council",
}
SITES = {"police": "northyorkshire.police.example", "council": "northyorks.example",
         "ccg": "nyccg.nhs.example", "probation": "probation.example",
         "hdft": "hdft.nhs.example", "cafcass": "cafcass.example", "yas": "yas.nhs.example",
         "york": "york.example"}

PEOPLE = {
    "manager": "manager@nyscp.example",
    "officer": "officer@nyscp.example",
    "york": "manager@york.example",
    "lead.police": "lead.police@nyscp.example",
    "lead.cafcass": "lead.cafcass@nyscp.example",
    "lead.probation": "lead.probation@nyscp.example",
}
LEADS = {"police": "lead.police", "cafcass": "lead.cafcass", "probation": "lead.probation"}

# The agencies' chief officers, who sign their returns off: (agency key, e-mail, name, post).
# The police's is a demo account made here; the others are the demo's lead safeguarding
# partners, who are also their agency's chief officer.
POLICE_CHIEF = "chief.officer.police@nyscp.example"
CHIEF_OFFICERS = [
    ("police", POLICE_CHIEF, "Karen Lister", "Deputy Chief Constable"),
    ("council", "chief.executive@nyscp.example", "Alex Rowntree", "Chief Executive"),
    ("ccg", "accountable.officer@nyscp.example", "Sam Okafor", "Accountable Officer"),
]

# Per standard: evidence title (None: the standard needs none), the text of a met
# standard, of a partly met one, and the action plan item for a rating below green.
STANDARDS = {
    "1": ("Board safeguarding report",
          "A named board-level lead for safeguarding children reports to the board twice a "
          "year; safeguarding is a priority in the organisation's strategic plan.",
          "There is a named board-level lead, but safeguarding reports reach the board only "
          "when there is an incident.",
          "Add a six-monthly safeguarding report to the board's forward plan."),
    "2": ("Safeguarding policy",
          "The safeguarding policy was reviewed this year, is on the intranet and is part of "
          "induction and the code of conduct.",
          "The safeguarding policy is up to date, but induction for agency and sessional staff "
          "does not cover it.",
          "Include the safeguarding policy in induction for agency and sessional staff."),
    "3": ("Accountability framework",
          "A written accountability framework names the safeguarding leads, with time for the "
          "role in their job descriptions and annual appraisal.",
          "Safeguarding leads are named, but the accountability framework has not been "
          "updated since the partnership arrangements changed.",
          "Update the accountability framework for the new partnership arrangements."),
    "4": (None,
          "Feedback from children and families is gathered after every service episode and "
          "reported to the service development group.",
          "Feedback from children is gathered in some services only; it is not yet used to "
          "plan services.",
          "Gather children's feedback in every service and report it to the planning group."),
    "5": ("Training needs analysis and compliance figures",
          "A training needs analysis sets the level for each post; compliance is above 90% "
          "at every level and training is evaluated.",
          "Compliance with level 1 training is 92%, but level 3 is 71% and training is not "
          "evaluated for its effect on practice.",
          "Raise level 3 safeguarding training compliance to 90% and evaluate its effect."),
    "6": ("Single central record audit",
          "DBS checks are recorded in a single central record audited every quarter; "
          "allegations are referred to the LADO within one working day.",
          "DBS checks are up to date, but renewals for long-serving staff are not tracked.",
          "Track DBS renewals for every post that needs one."),
    "7": ("Partnership attendance record",
          "The agency attends the partnership and every subgroup it is a member of; staff "
          "know and use the escalation policy.",
          "Attendance at subgroups is good, but a staff survey found a third of practitioners "
          "did not know the escalation policy.",
          "Brief every team on the resolving professional differences (escalation) policy."),
    "8": ("Information-sharing protocol",
          "The information-sharing protocol is up to date and staff say they use it with "
          "confidence.",
          "The information-sharing protocol is up to date, but staff are unsure about "
          "sharing without consent.",
          "Run briefings on sharing information without consent, with worked examples."),
}
OWNERS = {"police": "Head of Safeguarding", "council": "Assistant Director, Safeguarding",
          "ccg": "Designated Nurse", "probation": "Head of Public Protection",
          "hdft": "Named Nurse for Safeguarding Children", "cafcass": "Service Manager",
          "york": "Head of Children's Safeguarding"}

# Ratings for standards 1 to 8 (3 green, 2 amber, 1 red).
NY_2019 = {"police": "33332323", "council": "33233333", "ccg": "33333332",
           "probation": "32333323", "hdft": "33331333"}
# CAFCASS's draft: standards 1 to 5 rated; 3 has no action plan item yet, 5 no text or
# evidence; 6 to 8 are still to do.
CAFCASS_2019 = {"1": 3, "2": 3, "3": 2, "4": 3, "5": 2}
YAS_2019 = {"1": 3, "2": 2}
YORK_2019 = {"york": "33323333"}
NY_2021 = {"police": "33333323", "council": "33333333", "ccg": "33333322"}
NY_2026 = {"police": "33333332"}

HDFT_COMMENT = ("Standard 5: the training figures cover medical staff only. Please add "
                "nursing and midwifery compliance by level and attach the training needs "
                "analysis.")

MODERATIONS = [  # (partnership key, agency key, standard, rating, feedback)
    ("ny", "police", "5", 2, "Agreed: the level 3 figures support amber. The panel asked for "
                             "quarterly compliance figures at the Practice Development "
                             "Subgroup."),
    ("ny", "police", "7", 3, "Moderated to green: the panel saw the escalation briefings "
                             "already delivered to response teams."),
    ("ny", "probation", "2", 2, "Agreed. Induction for sessional staff should be checked at "
                                "the next audit."),
    ("ny", "ccg", "1", 3, "Agreed: the board reports were seen by the panel."),
    ("york", "police", "5", 3, "York's panel accepted the force's York training figures, "
                               "which are above 90% at every level."),
]


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def chief_officers():
    """The chief officers who sign the demo returns off, with their agency role (the police
    chief officer is one of the core demo people; the council's and the CCGs' lead partners
    also take the role for their own agency). Safe to run again."""
    found = {}
    partnership = Partnership.objects.get(slug="north-yorkshire")
    for key, email, _name, post in CHIEF_OFFICERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        agency = demo_organisations.agency_now(AGENCIES[key])  # today's, on a second load
        if not AgencyMembership.objects.active().filter(
                user=user, agency=agency, role="agency_chief_officer").exists():
            people.membership_create(user=user, partnership=partnership,
                                     role="agency_chief_officer", agency=agency, title=post,
                                     start_date=D(2019, 9, 29))
        found[key] = user
    return found


class _Return:
    """One agency's return, written through the services, keeping count of its version."""

    def __init__(self, demo, key, assessment, writer):
        self.demo, self.key, self.assessment, self.writer = demo, key, assessment, writer
        self.version = assessment.version
        self.standards = {s.number: s for s in
                          assessment.template.standards.prefetch_related("questions")}

    def _done(self):
        self.version += 1

    def answer(self, number, rating, narrative=None, evidence=True, plan_due=None):
        title, met, partly, action = STANDARDS[number]
        if narrative is None:
            narrative = met if rating == 3 else partly
        if by_question(self.standards[number]):  # its evidence is its questions'
            demo_questions.answer(self, self.standards[number], rating, evidence=evidence,
                                  site=SITES[self.key])
            title = None
        else:
            returns.answer_save(assessment=self.assessment, standard=self.standards[number],
                                user=self.writer, version=self.version, rating=rating,
                                narrative=narrative)
            self._done()
        if evidence and title:
            returns.evidence_add(assessment=self.assessment, standard=self.standards[number],
                                 user=self.writer, version=self.version, title=title,
                                 link=f"https://www.{SITES[self.key]}/safeguarding/"
                                      f"standard-{number}")
            self._done()
        if plan_due and rating is not None and rating < 3:
            returns.plan_item_add(assessment=self.assessment, user=self.writer,
                                  version=self.version, action=action, due_on=plan_due,
                                  owner=OWNERS.get(self.key, ""), standard=self.standards[number])
            self._done()

    def complete(self, ratings, plan_due):
        for number, rating in zip(sorted(self.standards), ratings, strict=True):
            self.answer(number, int(rating), plan_due=plan_due)

    def carry_forward(self):
        returns.carry_forward(assessment=self.assessment, user=self.writer, version=self.version)
        self._done()

    def submit(self):
        returns.submit(assessment=self.assessment, user=self.writer, version=self.version)
        self._done()

    def sign_off(self):
        returns.sign_off(assessment=self.assessment, user=self.demo.chiefs[self.key])
        self._done()

    def send_back(self, reason):
        returns.send_back(assessment=self.assessment, user=self.demo.people["manager"],
                          reason=reason)
        self._done()


class _Demo:
    def __init__(self, ny, york, chiefs):
        self.ny, self.york, self.chiefs = ny, york, chiefs
        self.template = (AssessmentTemplate.objects.filter(partnership=None, kind=Kind.SECTION_11,
                                                           name=LIBRARY_NAME)
                         .order_by("version").first())
        self.standards = {s.number: s for s in self.template.standards.all()}
        self.agencies = {key: Agency.objects.get(name=name) for key, name in AGENCIES.items()}
        users = {u.email: u for u in User.objects.filter(email__in=PEOPLE.values())}
        self.people = {key: users[email] for key, email in PEOPLE.items()}
        self.cycles = []

    def cycle(self, partnership, name, opens_on, closes_on, keys, template=None):
        cycle = cycles.cycle_create(partnership=partnership, template=template or self.template,
                                    name=name, opens_on=opens_on, closes_on=closes_on,
                                    agencies=[self.agencies[key] for key in keys])
        self.cycles.append(cycle)
        return cycle

    def returns_of(self, cycle):
        return {key: _Return(self, key, cycle.requests.get(agency=self.agencies[key]).assessment,
                             self.people[LEADS[key]] if key in LEADS else self.writer(cycle))
                for key, agency in self.agencies.items()
                if cycle.requests.filter(agency=agency).exists()}

    def writer(self, cycle):
        return self.people["york"] if cycle.partnership_id == self.york.pk else self.people["officer"]

    def audit_2019(self):
        ny = self.cycle(self.ny, "2019 Section 11 audit", D(2019, 9, 1), D(2019, 11, 29),
                        ["police", "council", "ccg", "probation", "hdft", "cafcass", "yas", "yjs"])
        # York's overlapping cycle asks the police too: they answer the same return.
        york = self.cycle(self.york, "2019 Section 11 audit", D(2019, 10, 1), D(2019, 12, 13),
                          ["police", "york"])
        mine = self.returns_of(ny)
        plan_due = D(2020, 3, 31)
        for key in ("police", "council", "ccg"):
            mine[key].complete(NY_2019[key], plan_due)
            mine[key].submit()
            mine[key].sign_off()
        mine["probation"].complete(NY_2019["probation"], plan_due)
        mine["probation"].submit()
        mine["hdft"].complete(NY_2019["hdft"], plan_due)
        mine["hdft"].submit()
        mine["hdft"].send_back(HDFT_COMMENT)
        cafcass = mine["cafcass"]
        for number, rating in CAFCASS_2019.items():
            cafcass.answer(number, rating, narrative="" if number == "5" else None,
                           evidence=number in ("1", "2"))
        cycles.extension_ask(request=ny.requests.get(agency=self.agencies["cafcass"]),
                             user=self.people["lead.cafcass"], until=D(2019, 12, 13),
                             reason="The service manager post was vacant for six weeks this "
                                    "autumn; the new post holder needs two more weeks to "
                                    "gather the evidence.")
        yas = mine["yas"]
        for number, rating in YAS_2019.items():
            yas.answer(number, rating, plan_due=plan_due)
        extension = cycles.extension_ask(
            request=ny.requests.get(agency=self.agencies["yas"]), user=self.people["officer"],
            until=D(2019, 12, 20), reason="The trust's board meets on 18 December to approve "
                                          "the return.")
        cycles.extension_decide(extension=extension, user=self.people["manager"], granted=True,
                                comment="Granted so the board can approve the return.")
        theirs = self.returns_of(york)
        theirs["york"].complete(YORK_2019["york"], D(2020, 4, 30))
        theirs["york"].submit()
        return ny, york

    def moderate(self, ny_cycle, york_cycle):
        cycle_of = {"ny": (ny_cycle, self.ny, "manager"), "york": (york_cycle, self.york, "york")}
        for where, key, number, rating, feedback in MODERATIONS:
            cycle, partnership, moderator = cycle_of[where]
            assessment = cycle.requests.get(agency=self.agencies[key]).assessment
            returns.moderate(assessment=assessment, partnership=partnership,
                             standard=self.standards[number], rating=rating, feedback=feedback,
                             user=self.people[moderator])

    def audit_2021(self):
        cycle = self.cycle(self.ny, "2021 Section 11 audit", D(2021, 9, 1), D(2021, 11, 26),
                           list(NY_2021), template=demo_questions.template(self.ny, self.template))
        for key, this in self.returns_of(cycle).items():
            this.carry_forward()
            this.complete(NY_2021[key], D(2022, 3, 31))
            this.submit()
            this.sign_off()

    def audit_2026(self):
        """The current cycle: the police's return waits for its chief officer's sign-off."""
        cycle = self.cycle(self.ny, "2026 Section 11 audit", D(2026, 10, 1), D(2027, 1, 29),
                           ["police", "council"])
        mine = self.returns_of(cycle)
        for this in mine.values():
            this.carry_forward()
        mine["police"].complete(NY_2026["police"], D(2027, 6, 30))
        mine["police"].submit()


def load(stdout=None):
    """North Yorkshire's and City of York's Section 11 demo. Does nothing when either is
    missing or North Yorkshire already has cycles."""
    ny = Partnership.objects.filter(slug="north-yorkshire").first()
    york = Partnership.objects.filter(slug="city-of-york").first()
    if ny is None or york is None:
        return
    chiefs = chief_officers()
    if ny.assessment_cycles.exists():
        _write(stdout, "Section 11 demo: North Yorkshire already has cycles; left as it is.\n")
        return
    demo = _Demo(ny, york, chiefs)
    ny_2019, york_2019 = demo.audit_2019()
    demo.moderate(ny_2019, york_2019)
    demo.audit_2021()
    demo.audit_2026()
    made = {r.assessment_id for c in demo.cycles for r in c.requests.all()}
    _write(stdout, f"Section 11 demo: {len(demo.cycles)} cycles and {len(made)} returns for "
                   f"{ny.short_name} and {york.short_name} (the police return shared); "
                   f"police chief officer {POLICE_CHIEF}, whose sign-off the police's "
                   "2026 return waits for.\n")
