"""Case reviews demo data for North Yorkshire: serious incident notifications, rapid reviews
in every state, two practice reviews, recommendations with actions on the register.

Every case is invented and pseudonymised ("Child A" to "Child F"). The restricted child
records hold obviously fictional details: "Demo Child ..." names, "1 Example Street, Demo
Town" and NHS numbers in the 999 range, which is never issued. Texts describe posts, never
people.

- Child A (2019): a rapid review decided on a practice review, signed by the three
  partners and sent to the Panel; the practice review was published in 2020 and the case
  is closed.
- Child B: a death; the rapid review decided on a practice review (signed, sent to the
  Panel, answered); the practice review is in progress. CAFCASS contributed.
- Child C: notified late; summaries received (one nil return); no local review; two
  partners have signed, the CCGs' partner has not. No CAFCASS.
- Child D: looked after; summaries in, the panel meeting is coming up; the business unit
  manager holds a case grant to prepare it. No CAFCASS.
- Child E: just started; summaries asked of CAFCASS (a draft), the police and probation.
- Child F: known to the local authority, the Panel not yet notified.

Cases in progress are dated from today in working days (partnership.dates); the 2019-2020
case has fixed dates. Everything is written through reviews.services and
partnership.services. Runs once: a partnership that already has notifications is left alone.
"""

import datetime

from django.utils import timezone

from governance.services import actions
from partnership import dates
from partnership.models import Agency, Partnership, User

from .models import AgeBand as Age
from .models import Decision, IncidentType, LearningTheme, Publication
from .models.themes import DEFAULT_THEMES
from .services import notifications, practice, rapid, recommendations, taxonomy

AGENCIES = {
    "council": "North Yorkshire County Council",
    "ccg": "North Yorkshire and York CCGs",
    "police": "North Yorkshire Police",
    "probation": "National Probation Service",
    "cafcass": "CAFCASS",
    "hdft": "Harrogate and District NHS Foundation Trust",
    "ythft": "York Teaching Hospital NHS Foundation Trust",
    "tewv": "Tees Esk Wear Valley NHS Foundation Trust",
}

PEOPLE = {
    "manager": "manager@nyscp.example",
    "officer": "officer@nyscp.example",
    "dcs": "dcs@nyscp.example",  # acts for the county council
    "acc": "acc@nyscp.example",  # acts for the police
    "nurse": "nurse@nyscp.example",  # acts for the CCGs
    "lead.police": "lead.police@nyscp.example",
    "lead.cafcass": "lead.cafcass@nyscp.example",
    "lead.probation": "lead.probation@nyscp.example",
}

LEADS = {"police": "lead.police", "cafcass": "lead.cafcass", "probation": "lead.probation"}
SIGNERS = {"council": "dcs", "police": "acc", "ccg": "nurse"}
GRANT_PURPOSE = "Rapid review panel preparation"
EXAMPLE_SITE = "https://www.nyscp.example"

CHILDREN = {  # pseudonym: (legal name, NHS number); address for all: EXAMPLE_ADDRESS
    "Child A": ("Demo Child Alpha", "999 000 0001"),
    "Child B": ("Demo Child Bravo", "999 000 0002"),
    "Child C": ("Demo Child Charlie", "999 000 0003"),
    "Child D": ("Demo Child Delta", "999 000 0004"),
    "Child E": ("Demo Child Echo", "999 000 0005"),
    "Child F": ("Demo Child Foxtrot", "999 000 0006"),
}
EXAMPLE_ADDRESS = "1 Example Street, Demo Town"
AGE_YEARS = {Age.UNDER_1: 0, Age.ONE_TO_4: 2, Age.FIVE_TO_9: 7, Age.TEN_TO_15: 13,
             Age.SIXTEEN_PLUS: 16}

SUMMARY_TEXT = {  # agency key: (involvement, analysis)
    "police": ("Two domestic abuse incidents at the family home were attended in the year "
               "before the incident; both were risk-assessed as standard.",
               "The second incident was not shared with children's social care within the "
               "expected time, so the pattern was not seen."),
    "probation": ("An adult in the household was supervised on licence; home visits took place "
                  "as planned.",
                  "Enquiries about children in the household relied on the adult's own "
                  "account and were not checked with children's social care."),
    "cafcass": ("The family were known through private law proceedings about the child's "
                "living arrangements; safeguarding letters were sent to the court.",
                "The safeguarding letter noted the domestic abuse history; the child's wishes "
                "and feelings were gathered but not shared with the school."),
    "council": ("Children's social care completed a single assessment and offered early help; "
                "the family accepted support for six weeks.",
                "The assessment did not revisit the risks when a new adult joined the "
                "household."),
    "hdft": ("The health visiting service saw the child at the developmental reviews due; two "
             "appointments were missed.",
             "Missed appointments were followed up by letter only; the guidance expects a "
             "home visit when a child is not brought."),
    "ythft": ("The child was seen at the emergency department twice in the months before the "
              "incident; safe sleep advice was given at birth.",
              "Safe sleep advice was not repeated when the family's circumstances changed."),
    "tewv": ("The young person was known to the child and adolescent mental health service; "
             "an appointment was offered after a referral from the school.",
             "The referral was triaged as routine; the risk information from the placement "
             "was not available to the service at triage."),
}


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _ensure_themes(partnership):
    """The default learning themes (reviews.models.themes.DEFAULT_THEMES), created through
    the taxonomy service where the partnership does not have them yet."""
    existing = {t.name.lower(): t for t in LearningTheme.objects.filter(partnership=partnership)}
    for name in DEFAULT_THEMES:
        if name.lower() not in existing:
            existing[name.lower()] = taxonomy.theme_create(partnership=partnership, name=name)
    return {name: existing[name.lower()] for name in DEFAULT_THEMES}


class _Demo:
    def __init__(self, partnership):
        self.partnership = partnership
        self.today = timezone.localdate()
        self.calendar = dates.calendar_for(partnership)
        self.agencies = {key: Agency.objects.get(name=name) for key, name in AGENCIES.items()}
        users = {u.email: u for u in User.objects.filter(email__in=PEOPLE.values())}
        self.people = {key: users[email] for key, email in PEOPLE.items()}
        self.themes = _ensure_themes(partnership)
        self.counts = dict.fromkeys(("notifications", "rapid", "practice", "recommendations",
                                     "actions", "grants"), 0)

    # Helpers ----------------------------------------------------------------------------

    def ago(self, days):
        """`days` working days before today."""
        return self.calendar.subtract(self.today, days)

    def after(self, day, days):
        return self.calendar.add(day, days)

    def pick(self, *names):
        return [self.themes[name] for name in names]

    def notification(self, pseudonym, age_band, incident_type, la_aware_on, incident_on,
                     notified_on=None, themes=(), looked_after=False, panel_reference=""):
        notification = notifications.notification_create(
            partnership=self.partnership, created_by=self.people["manager"],
            pseudonym=pseudonym, age_band=age_band, incident_type=incident_type,
            looked_after=looked_after, incident_on=incident_on, la_aware_on=la_aware_on,
            notified_on=notified_on, panel_reference=panel_reference,
            partners_informed_on=notified_on, themes=self.pick(*themes))
        legal_name, nhs_number = CHILDREN[pseudonym]
        born = la_aware_on - datetime.timedelta(days=365 * AGE_YEARS[age_band] + 120)
        notifications.child_record_save(notification=notification, legal_name=legal_name,
                                        date_of_birth=born, address=EXAMPLE_ADDRESS,
                                        nhs_number=nhs_number)
        self.counts["notifications"] += 1
        return notification

    def rapid_review(self, notification, facts, immediate_actions, learning, themes=(),
                     panel_meeting_on=None):
        review = rapid.rapid_review_start(notification=notification)
        rapid.rapid_review_update(review=review, facts=facts, immediate_actions=immediate_actions,
                                  learning=learning, panel_meeting_on=panel_meeting_on,
                                  themes=self.pick(*themes))
        self.counts["rapid"] += 1
        return review

    def summaries(self, review, requested_on, states):
        """states: {agency key: "requested" | "draft" | "submitted" | "nil"}."""
        made = rapid.summaries_request(review=review, requested_on=requested_on,
                                       agencies=[self.agencies[key] for key in states])
        keys = {agency.pk: key for key, agency in self.agencies.items()}
        for summary in made:
            key = keys[summary.agency_id]
            state = states[key]
            if state == "requested":
                continue
            # Agencies without a demo lead sent theirs to the business unit, which entered it.
            writer = self.people[LEADS.get(key, "manager")]
            involvement, analysis = SUMMARY_TEXT[key]
            if state == "nil":
                involvement, analysis = ("No involvement with the child or family was found "
                                         "in the agency's records.", "")
            rapid.summary_save(summary=summary, user=writer, involvement=involvement,
                               analysis=analysis, version=summary.version,
                               submit=state in ("submitted", "nil"), nil=state == "nil")

    def decide(self, review, decision, reasons, decided_on, signers):
        rapid.decision_record(review=review, decision=decision, reasons=reasons,
                              decided_on=decided_on)
        for key in signers:
            rapid.sign_off(review=review, partner=self.agencies[key],
                           user=self.people[SIGNERS[key]])

    def recommendation(self, review, text, themes, planned, response=""):
        """planned: [(description, agency key, due on, progress)] where progress is
        None, "in_progress" or completion evidence."""
        recommendation = recommendations.recommendation_create(
            review=review, text=text, themes=self.pick(*themes), response=response)
        self.counts["recommendations"] += 1
        for description, key, due_on, progress in planned:
            owner = self.people.get(LEADS.get(key))
            action = recommendations.action_add(
                recommendation=recommendation, description=description,
                owner_agency=self.agencies[key], owner=owner, due_on=due_on,
                created_by=self.people["manager"])
            self.counts["actions"] += 1
            author = owner or self.people["manager"]
            if progress:
                actions.progress_record(action=action, author=author, status="in_progress",
                                        note="Work started; progress reported to the Learning "
                                             "and Improvement Subgroup.")
            if progress and progress != "in_progress":
                actions.progress_record(action=action, author=author, status="completed",
                                        note="Done.", evidence=progress)
        return recommendation

    # The cases --------------------------------------------------------------------------

    def child_a(self):
        """2019: practice review decided, published in 2020, the case closed."""
        aware = datetime.date(2019, 10, 14)
        notification = self.notification(
            "Child A", Age.TEN_TO_15, IncidentType.SERIOUS_HARM, aware,
            datetime.date(2019, 10, 12), notified_on=datetime.date(2019, 10, 16),
            panel_reference="DEMO-PANEL-2019-0412",
            themes=("Exploitation", "Adolescent risk", "Information sharing"))
        review = self.rapid_review(
            notification,
            facts="Child A, aged 13, was found seriously injured after being exploited by "
                  "adults outside the family. Child A had been reported missing from home "
                  "four times in the previous three months.",
            immediate_actions="A strategy meeting was held the same day; a child exploitation "
                              "risk assessment and a disruption plan were put in place.",
            learning="Return home interviews were late or not offered; the police, the school "
                     "and children's social care each held part of the picture.",
            themes=("Exploitation", "Adolescent risk", "Information sharing"),
            panel_meeting_on=datetime.date(2019, 11, 4))
        self.summaries(review, datetime.date(2019, 10, 17),
                       {"police": "submitted", "council": "submitted", "hdft": "submitted",
                        "probation": "submitted"})
        decided = datetime.date(2019, 11, 4)
        self.decide(review, Decision.PRACTICE_REVIEW,
                    "The case meets the criteria for a local review: serious harm, with "
                    "potential learning about how agencies work together on exploitation "
                    "and missing episodes.", decided, SIGNERS)
        rapid.panel_sent_record(review=review, sent_on=datetime.date(2019, 11, 6))
        rapid.panel_response_record(
            review=review, received_on=datetime.date(2019, 11, 20),
            response="The Panel agreed with the decision to carry out a local child "
                     "safeguarding practice review and asked to see the final report.")
        lcspr = practice.practice_review_create(
            partnership=self.partnership, rapid_review=review, title="Child A",
            decided_on=decided, themes=self.pick("Exploitation", "Adolescent risk",
                                                 "Information sharing"),
            reviewer="Independent lead reviewer commissioned by the Local Safeguarding "
                     "Practice Review Group",
            method="Systems review with a practitioner learning event",
            terms_of_reference="How agencies identified and responded to the risk of "
                               "exploitation, and how information about missing episodes was "
                               "shared, from the first missing episode to the incident.")
        self.counts["practice"] += 1
        for title, due_on, done_on in (
                ("Terms of reference agreed", datetime.date(2019, 11, 18),
                 datetime.date(2019, 11, 15)),
                ("Practitioner learning event", datetime.date(2020, 1, 29),
                 datetime.date(2020, 1, 29)),
                ("Family contribution", datetime.date(2020, 2, 28), datetime.date(2020, 3, 6)),
                ("Draft report to the review group", datetime.date(2020, 4, 1),
                 datetime.date(2020, 5, 13)),
                ("Final report to the partners", datetime.date(2020, 5, 4),
                 datetime.date(2020, 6, 26))):
            milestone = practice.milestone_add(review=lcspr, title=title, due_on=due_on)
            practice.milestone_done(milestone=milestone, done_on=done_on)
        practice.practice_review_update(review=lcspr, status="final_report",
                                        final_report_on=datetime.date(2020, 6, 26))
        published = datetime.date(2020, 9, 15)
        practice.publication_record(
            review=lcspr, publication=Publication.FULL, planned_on=published,
            copy_sent_on=datetime.date(2020, 8, 27), published_on=published,
            published_url=f"{EXAMPLE_SITE}/learning/practice-reviews/child-a/")
        practice.briefing_add(
            review=lcspr, title="Child A: seven-minute briefing", published_on=published,
            link=f"{EXAMPLE_SITE}/learning/briefings/child-a/",
            summary="What happened, what we learnt about missing episodes and exploitation, "
                    "and the questions every practitioner should ask.")
        self._child_a_recommendations(lcspr)
        notifications.notification_update(notification=notification,
                                          closed_on=datetime.date(2020, 10, 1))

    def _child_a_recommendations(self, lcspr):
        first = self.recommendation(
            lcspr, "Partners should make sure every child who goes missing is offered a return "
                   "home interview within 72 hours and that what it finds is shared with the "
                   "police and the school.", ("Exploitation", "Information sharing"), [
                ("Audit the timeliness of return home interviews and report to the Executive.",
                 "council", datetime.date(2020, 12, 18),
                 "Audit of 120 missing episodes reported to the Executive in December 2020."),
                ("Share the outcome of every return home interview with the missing persons "
                 "coordinators.", "police", datetime.date(2020, 11, 30),
                 "Information-sharing procedure agreed and in use from November 2020."),
            ], response="Accepted by the three partners.")
        recommendations.recommendation_update(
            recommendation=first, status="complete",
            impact="A re-audit in June 2021 found 86% of return home interviews offered within "
                   "72 hours (52% at the time of the review), and every outcome shared with the "
                   "police.")
        self.recommendation(
            lcspr, "Health services should ask about missing episodes and exploitation at every "
                   "contact with an adolescent who attends with an injury.",
            ("Adolescent risk", "Professional curiosity"), [
                ("Add exploitation questions to the emergency department's adolescent "
                 "assessment.", "hdft", datetime.date(2021, 3, 31),
                 "Assessment template changed; audit of 50 records shows the questions asked "
                 "in 44."),
            ], response="Accepted.")
        self.recommendation(
            lcspr, "Probation and CAFCASS should check with children's social care whenever an "
                   "adult they work with lives with or has contact with children.",
            ("Information sharing", "Professional curiosity"), [
                ("Include a children's social care check in every home circumstances "
                 "report.", "probation", datetime.date(2021, 6, 30), "in_progress"),
                ("Brief family court advisers on sharing risk information about adults in the "
                 "household.", "cafcass", datetime.date(2021, 2, 26),
                 "Briefing delivered to all family court advisers in February 2021."),
            ], response="Accepted.")

    def child_b(self):
        """A death: practice review decided, signed by all three, sent to the Panel and
        answered; the practice review is in progress."""
        aware = self.ago(60)
        notified = self.after(aware, 1)
        notification = self.notification(
            "Child B", Age.UNDER_1, IncidentType.DEATH, aware, aware - datetime.timedelta(days=1),
            notified_on=notified, panel_reference="DEMO-PANEL-0207",
            themes=("Safe sleep", "Parental mental health", "Professional curiosity"))
        panel = self.after(aware, 14)
        review = self.rapid_review(
            notification,
            facts="Child B, aged 11 weeks, died after an unexpected collapse at home. The "
                  "parents had moved house twice since the birth; a parent was receiving "
                  "treatment for depression. Private law proceedings about contact were open.",
            immediate_actions="The child death review process started; the sibling's safety "
                              "was assessed and a child in need plan agreed.",
            learning="Safe sleep advice was given at birth but not repeated when the family's "
                     "circumstances changed; agencies did not share what they knew about the "
                     "parent's mental health.",
            themes=("Safe sleep", "Parental mental health", "Professional curiosity"),
            panel_meeting_on=panel)
        self.summaries(review, self.after(aware, 2),
                       {"cafcass": "submitted", "police": "submitted", "council": "submitted",
                        "ythft": "submitted"})
        self.decide(review, Decision.PRACTICE_REVIEW,
                    "The death of an infant where abuse or neglect is not known but the case "
                    "may show how partners can work better together on safe sleep and parental "
                    "mental health: a local review is needed.", panel, SIGNERS)
        rapid.panel_sent_record(review=review, sent_on=self.after(aware, 16))
        rapid.panel_response_record(
            review=review, received_on=self.after(aware, 26),
            response="The Panel agreed with the decision and with the proposed scope.")
        lcspr = practice.practice_review_create(
            partnership=self.partnership, rapid_review=review, title="Child B",
            decided_on=panel, themes=self.pick("Safe sleep", "Parental mental health"),
            reviewer="Independent lead reviewer commissioned by the Local Safeguarding "
                     "Practice Review Group",
            method="Systems review with a practitioner learning event and family contribution",
            terms_of_reference="How safe sleep risks were assessed and reassessed after the "
                               "birth, and how information about a parent's mental health "
                               "was shared between health services and children's social care.")
        self.counts["practice"] += 1
        target = lcspr.target_on
        for title, due_on, done_on in (
                ("Terms of reference agreed", self.after(panel, 10), self.after(panel, 9)),
                ("Practitioner learning event", self.after(panel, 30), self.after(panel, 32)),
                ("Family contribution", self.after(panel, 50), None),
                ("Draft report to the review group", practice.add_months(panel, 4), None),
                ("Final report to the partners", target, None)):
            milestone = practice.milestone_add(review=lcspr, title=title, due_on=due_on)
            if done_on:
                practice.milestone_done(milestone=milestone, done_on=done_on)
        practice.practice_review_update(review=lcspr, status="in_progress")
        self.recommendation(
            lcspr, "Health visitors and midwives should repeat the safe sleep assessment when "
                   "a family moves house or a parent's health changes (early learning agreed "
                   "by the partners before the final report).",
            ("Safe sleep", "Professional curiosity"), [
                ("Add a safe sleep reassessment prompt to the health visiting record.", "ccg",
                 self.after(self.today, 40), None),
                ("Include safe sleep in the children's social care assessment of families "
                 "with a baby under one.", "council", self.after(self.today, 25), "in_progress"),
            ], response="Accepted as early learning.")

    def child_c(self):
        """Notified late; no local review; the CCGs' partner still to sign."""
        aware = self.ago(24)
        notified = self.after(aware, 7)  # two working days late
        notification = self.notification(
            "Child C", Age.ONE_TO_4, IncidentType.SERIOUS_HARM, aware,
            aware - datetime.timedelta(days=2), notified_on=notified,
            panel_reference="DEMO-PANEL-0311",
            themes=("Neglect", "Substance misuse", "Domestic abuse"))
        decided = self.ago(3)
        review = self.rapid_review(
            notification,
            facts="Child C, aged 2, was admitted to hospital after swallowing a substance found "
                  "in the home. Both parents misuse alcohol; police attended two domestic "
                  "abuse incidents in the year before.",
            immediate_actions="A child protection plan was agreed; the parents were referred "
                              "to the substance misuse service.",
            learning="The domestic abuse incidents were not shared promptly; missed health "
                     "appointments were followed up by letter only.",
            themes=("Neglect", "Substance misuse", "Domestic abuse"), panel_meeting_on=decided)
        self.summaries(review, self.after(notified, 1),
                       {"police": "submitted", "probation": "nil", "hdft": "submitted",
                        "council": "submitted"})
        self.decide(review, Decision.NO_REVIEW,
                    "The learning is already known and is being addressed through the "
                    "partnership's neglect strategy; a local review would not add to it. The "
                    "single-agency actions below carry the learning.", decided,
                    ("council", "police"))
        self.recommendation(
            review, "The police and children's social care should share domestic abuse "
                    "notifications involving children under five within one working day.",
            ("Domestic abuse", "Information sharing"), [
                ("Review the domestic abuse notification process with the multi-agency "
                 "safeguarding hub.", "police", self.after(self.today, 20), "in_progress"),
                ("Check that families known to probation with children under five are "
                 "flagged to the safeguarding hub.", "probation", self.after(self.today, 30),
                 None),
            ], response="Accepted at the rapid review meeting.")

    def child_d(self):
        """Looked after; summaries in, the panel meeting to come; a case grant."""
        aware = self.ago(12)
        notified = self.after(aware, 4)
        notification = self.notification(
            "Child D", Age.SIXTEEN_PLUS, IncidentType.SERIOUS_HARM, aware,
            aware - datetime.timedelta(days=1), notified_on=notified,
            panel_reference="DEMO-PANEL-0388", looked_after=True,
            themes=("Adolescent risk", "Exploitation", "Voice of the child"))
        review = self.rapid_review(
            notification,
            facts="Child D, aged 16 and looked after, was seriously assaulted after going "
                  "missing from a residential placement out of the county.",
            immediate_actions="A new placement was found the same day and a safety plan "
                              "agreed with the young person.",
            learning="To be considered at the panel meeting.",
            themes=("Adolescent risk", "Exploitation"),
            panel_meeting_on=self.after(self.today, 3))
        self.summaries(review, self.after(notified, 1),
                       {"police": "submitted", "council": "submitted", "tewv": "draft"})
        notifications.grant_create(notification=notification, user=self.people["manager"],
                                   purpose=GRANT_PURPOSE, days=30,
                                   granted_by=self.people["officer"])
        self.counts["grants"] += 1

    def child_e(self):
        """Just started: summaries asked of CAFCASS (a draft), the police and probation."""
        aware = self.ago(4)
        notification = self.notification(
            "Child E", Age.FIVE_TO_9, IncidentType.SERIOUS_HARM, aware, aware,
            notified_on=self.ago(3), panel_reference="DEMO-PANEL-0415",
            themes=("Domestic abuse", "Parental mental health", "Voice of the child"))
        review = self.rapid_review(
            notification,
            facts="Child E, aged 7, was seriously injured during an incident of domestic abuse "
                  "at home. Private law proceedings about the child's living arrangements had "
                  "ended a month before.",
            immediate_actions="Child E and a sibling are staying with a relative under a "
                              "safety plan.",
            learning="", themes=("Domestic abuse",))
        self.summaries(review, self.ago(2),
                       {"cafcass": "draft", "police": "requested", "probation": "requested"})

    def child_f(self):
        """The local authority knows; the Panel is not notified yet (notify_by to come)."""
        aware = self.ago(1)
        self.notification("Child F", Age.UNDER_1, IncidentType.SERIOUS_HARM, aware, aware,
                          themes=("Professional curiosity",))


def load(stdout=None):
    """North Yorkshire's case reviews demo. Does nothing when North Yorkshire is missing or
    already has notifications."""
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    if partnership.notifications.exists():
        _write(stdout, "Case reviews demo: North Yorkshire already has notifications; left as "
                       "it is.\n")
        return
    demo = _Demo(partnership)
    for case in (demo.child_a, demo.child_b, demo.child_c, demo.child_d, demo.child_e,
                 demo.child_f):
        case()
    c = demo.counts
    _write(stdout, f"Case reviews demo: {c['notifications']} notifications, {c['rapid']} rapid "
                   f"reviews, {c['practice']} practice reviews, {c['recommendations']} "
                   f"recommendations with {c['actions']} actions, {c['grants']} case grant for "
                   f"{partnership.short_name or partnership.name}.\n")
