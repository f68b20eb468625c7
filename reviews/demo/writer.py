"""Writes the demo's records through the reviews services: notifications, rapid reviews,
summaries, decisions and recommendations, dated from today in working days."""

import datetime

from django.utils import timezone

from governance.services import actions
from partnership import dates
from partnership.models import Agency, User

from ..services import notifications, rapid, recommendations
from .seed import (
    AGE_YEARS,
    AGENCIES,
    CHILDREN,
    DFE_CHILDREN,
    EXAMPLE_ADDRESS,
    LEADS,
    PEOPLE,
    SIGNERS,
    SUMMARY_TEXT,
    _ensure_themes,
)


class Writer:
    def __init__(self, partnership):
        self.partnership = partnership
        self.today = timezone.localdate()
        self.calendar = dates.STATUTORY  # the case deadlines are statutory
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
                     notified_on=None, themes=(), looked_after=False, panel_reference="",
                     summary=""):
        notification = notifications.notification_create(
            partnership=self.partnership, created_by=self.people["manager"],
            pseudonym=pseudonym, age_band=age_band, incident_type=incident_type,
            looked_after=looked_after, incident_on=incident_on, la_aware_on=la_aware_on,
            notified_on=notified_on, panel_reference=panel_reference,
            partners_informed_on=notified_on, themes=self.pick(*themes),
            summary=summary, children=DFE_CHILDREN[pseudonym])
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
