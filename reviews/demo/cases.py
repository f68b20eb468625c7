"""The invented cases, Child A to Child F and Young person G (see the package's docstring)."""

import datetime

from ..models import AgeBand as Age
from ..models import Decision, IncidentType, Publication
from ..services import notifications, practice, rapid, recommendations
from .review_detail import child_b_in_full, lead_sign
from .seed import EXAMPLE_SITE, GRANT_PURPOSE, SIGNERS
from .writer import Writer


class Cases(Writer):
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
        lead_sign(self.partnership, lcspr, "commissioning")
        practice.practice_review_update(review=lcspr, status="final_report",
                                        final_report_on=datetime.date(2020, 6, 26))
        lead_sign(self.partnership, lcspr, "final_report")
        published = datetime.date(2020, 9, 15)
        practice.publication_record(review=lcspr, publication=Publication.FULL,
                                    planned_on=published)
        lead_sign(self.partnership, lcspr, "publication")
        practice.publication_record(
            review=lcspr, publication=Publication.FULL, planned_on=published,
            copy_sent_on=datetime.date(2020, 8, 27), published_on=published,
            ofsted_copy_sent_on=datetime.date(2020, 8, 27),
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
        child_b_in_full(review, aware)
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

    def young_person_g(self):
        """The death of a care leaver aged 19: notified to the Panel, no rapid review."""
        aware = self.ago(8)
        self.notification(
            "Young person G", Age.CARE_LEAVER, IncidentType.CARE_LEAVER_DEATH, aware,
            aware - datetime.timedelta(days=2), notified_on=self.after(aware, 3),
            panel_reference="DEMO-PANEL-0431", themes=("Adolescent risk",),
            summary="Young person G, a care leaver aged 19 living in supported accommodation, "
                    "died suddenly at home. The personal adviser had last visited two weeks "
                    "before.")
