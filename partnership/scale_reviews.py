"""Case reviews and the scrutineer's records of a scale deployment (see scale.py), ten
financial years of them, in bulk, in proportion to North Yorkshire's demo (reviews.demo,
scrutiny.demo_dataset, scrutiny.demo_activities) for each partnership and year:

- six serious incident notifications, one of them the death of a care leaver (no rapid
  review); five rapid reviews, each asking four agencies for a summary; two decide on a
  local child safeguarding practice review, signed by the three lead partners, with three
  recommendations each; the learning themes tagged on the notifications;
- the multi-agency dataset, consultations and the scrutiny plan (scale_scrutiny.py).

Written partnership by partnership, each in its own transaction: memory stays that of one
partnership, and a partnership that already has notifications is left alone (so `add`
can run again on a deployment, for `generate_scale --only reviews`). Dates follow the
services: deadlines from partnership.dates, nothing recorded after today. The core refers
to the apps above it by name (DESIGN.md §3).
"""

import datetime
import sys

from django.db import transaction

from . import dates, scale_scrutiny
from .dates import add_months
from .models import Designation, Partnership, PartnershipMembership
from .permissions import capacity
from .scale import EMAIL, NATIONAL, YEARS, bulk
from .scale_records import _at, model

NOTIFICATIONS_A_YEAR = 6
PRACTICE_A_YEAR = 2  # of the rapid reviews, those that decide on a practice review
SUMMARIES = 4
RECOMMENDATIONS = 3
NOTIFY_DAYS, REVIEW_DAYS, SUMMARY_DAYS = 5, 15, 10  # reviews.services / models, working days
TARGET_MONTHS, PRE_PUBLICATION_DAYS = 6, 7  # reviews.models.practice
SIGNERS = ("council", "police", "icb")
K = Designation.Kind


def add(partnerships, rng, first, today):
    """The records for each partnership that has no notifications yet. Returns the counts."""
    counts = {}
    for partnership in partnerships:
        with transaction.atomic():
            if model("reviews.Notification").objects.filter(partnership=partnership).exists():
                continue
            place = _place(partnership)
            for made in (_cases(place, rng, first, today),
                         scale_scrutiny.dataset(place, rng, first, today),
                         scale_scrutiny.consultations(place, rng, first, today),
                         scale_scrutiny.activities(place, first, today)):
                for what, n in made.items():
                    counts[what] = counts.get(what, 0) + n
    return counts


def made_partnerships():
    """The partnerships a previous generate_scale run made (their manager is its person)."""
    return list(Partnership.objects.filter(
        memberships__role="business_unit_manager",
        memberships__user__email__endswith=EMAIL).distinct().order_by("pk"))


def _place(partnership):
    """The partnership's agencies by kind (as scale.structure made them), their leads, its
    manager, scrutineer and lead partners' memberships, its own calendar."""
    mine = {key: [] for key in ("council", "police", "icb", "national", "school", "other")}
    key_of = {K.LOCAL_AUTHORITY: "council", K.POLICE: "police", K.NHS_COMMISSIONER: "icb",
              K.EDUCATION: "school"}
    for d in (Designation.objects.active().filter(partnership=partnership)
              .select_related("agency").order_by("agency__name", "pk")):
        national = d.agency.name in NATIONAL
        mine["national" if national else key_of.get(d.kind, "other")].append(d.agency)
    memberships = PartnershipMembership.objects.filter(
        partnership=partnership, user__email__endswith=EMAIL).select_related("agency", "user")
    staff = {m.role: m for m in memberships if m.agency_id is None}
    partners = {m.agency_id: m for m in memberships if m.role == "lead_safeguarding_partner"}
    agencies = [a for group in mine.values() for a in group]
    leads = dict(model("partnership.AgencyMembership").objects.filter(
        agency__in=agencies, role="agency_lead").values_list("agency_id", "user_id"))
    return {"partnership": partnership, "mine": mine, "leads": leads,
            "manager": staff["business_unit_manager"].user_id,
            "scrutineer": staff["independent_scrutineer"].user_id,
            "signers": [partners[mine[key][0].pk] for key in SIGNERS],
            "calendar": dates.local(partnership)}


def _cases(place, rng, first, today):
    """Notifications with their child, rapid reviews, summaries, decisions and sign-offs,
    practice reviews with their sign-offs, recommendations, learning themes."""
    p, mine = place["partnership"], place["mine"]
    Theme, Notification, Child, Rapid, Summary, SignOff, Practice, PracticeSignOff, \
        Recommendation = (model(f"reviews.{n}") for n in (
            "LearningTheme", "Notification", "NotifiedChild", "RapidReview", "AgencySummary",
            "ReviewSignOff", "PracticeReview", "PracticeSignOff", "Recommendation"))
    themes = list(Theme.objects.filter(partnership=p))  # those a page made, when any
    have = {t.name.lower() for t in themes}
    themes += bulk(Theme, [Theme(partnership=p, name=name) for name in
                           sys.modules[Theme.__module__].DEFAULT_THEMES
                           if name.lower() not in have])
    involved = mine["council"] + mine["police"] + mine["icb"] + mine["national"] + mine["other"]
    notifications, children, rapid, summaries = [], [], [], []
    numbers = {}
    for year in range(first, first + YEARS):
        for k in range(NOTIFICATIONS_A_YEAR):
            aware = datetime.date(year, 4, 20) + datetime.timedelta(days=58 * k + rng.randint(0, 20))
            if aware > today:
                break
            care_leaver = k == NOTIFICATIONS_A_YEAR - 1
            notified = dates.statutory_deadline(aware, rng.choice((2, 3, 4, 5, 5, 6)))
            numbers[aware.year] = numbers.get(aware.year, 0) + 1
            band = "18_24" if care_leaver else rng.choice(("under_1", "1_4", "5_9", "10_15",
                                                           "16_17"))
            case = Notification(
                partnership=p, reference=f"N-{p.pk}-{aware.year}-{numbers[aware.year]:03d}",
                pseudonym=f"Child {year}-{k + 1}", age_band=band,
                incident_type="care_leaver_death" if care_leaver
                else rng.choice(("death", "serious_harm", "serious_harm")),
                summary="What happened, as sent to the Panel.",
                incident_on=aware - datetime.timedelta(days=rng.randint(0, 3)), la_aware_on=aware,
                notify_by=dates.statutory_deadline(aware, NOTIFY_DAYS),
                notified_on=notified if notified <= today else None,
                partners_informed_on=notified if notified <= today else None,
                created_by_id=place["manager"])
            case.closed_on = _closed_on(case, care_leaver, k < PRACTICE_A_YEAR, today)
            notifications.append(case)
            children.append(Child(
                notification=case, position=1, pseudonym=case.pseudonym, age_band=band,
                sex=rng.choice(("female", "male")), ethnicity=rng.choice(("white", "mixed",
                                                                           "asian", "black")),
                disability="no", legal_status="care_leaver" if care_leaver else "child_in_need",
                placement="supported" if care_leaver else "parents", known_to_agencies="yes",
                abuse_or_neglect="no" if care_leaver else "suspected",
                home_local_authority=p.name.split(" Safeguarding")[0]))
            if not care_leaver and case.notified_on:
                rapid.append((case, k < PRACTICE_A_YEAR))
    bulk(Notification, notifications)
    bulk(Child, children)
    through = Notification.themes.through
    bulk(through, [through(notification_id=n.pk, learningtheme_id=rng.choice(themes).pk)
                   for n in notifications])
    reviews, decided = [], []
    for case, practice in rapid:
        due = dates.statutory_deadline(case.notified_on, REVIEW_DAYS)
        done = due < today
        review = Rapid(notification=case, due_on=due, facts="What the agencies knew.",
                       learning="What the partners learnt." if done else "",
                       panel_meeting_on=due if done else None,
                       decision=("practice_review" if practice else "no_review") if done else "",
                       decision_reasons="Against the criteria for a local review." if done else "",
                       decided_on=due if done else None,
                       sent_to_panel_on=place["calendar"].add(due, 2) if done else None)
        if review.sent_to_panel_on and review.sent_to_panel_on > today:
            review.sent_to_panel_on = None
        reviews.append(review)
        requested = case.notified_on
        summary_due = min(place["calendar"].add(requested, SUMMARY_DAYS), due)
        for agency in rng.sample(involved, min(SUMMARIES, len(involved))):
            submitted = summary_due < today
            summaries.append(Summary(
                rapid_review=review, agency=agency, requested_on=requested, due_on=summary_due,
                status="submitted" if submitted else "requested", version=int(submitted),
                involvement="The agency's involvement." if submitted else "",
                analysis="What the agency learnt." if submitted else "",
                submitted_by_id=place["leads"].get(agency.pk) if submitted else None,
                submitted_at=_at(summary_due) if submitted else None))
        if done:
            decided.append(review)
    bulk(Rapid, reviews)
    bulk(Summary, summaries)
    bulk(SignOff, [SignOff(rapid_review=r, partner_id=m.agency_id, signed_by_id=m.user_id,
                           decision=r.decision) for r in decided for m in place["signers"]])
    practices = [_practice(Practice, p, r, today) for r in decided
                 if r.decision == "practice_review"]
    bulk(Practice, practices)
    stages = {"commissioned": ["commissioning"], "in_progress": ["commissioning"],
              "final_report": ["commissioning", "final_report"],
              "published": ["commissioning", "final_report", "publication"]}
    bulk(PracticeSignOff, [
        PracticeSignOff(review=r, stage=stage, partner_id=m.agency_id, signed_by_id=m.user_id,
                        capacity=capacity(m))
        for r in practices for stage in stages[r.status] for m in place["signers"]])
    recommendations = [Recommendation(
        partnership=p, practice_review=r, number=n + 1, text=f"Recommendation {n + 1} of {r}.",
        status="complete" if r.status == "published" else "accepted", decided_on=r.decided_on,
        response="Accepted by the three partners.",
        impact="What changed, audited." if r.status == "published" else "")
        for r in practices for n in range(RECOMMENDATIONS)]
    bulk(Recommendation, recommendations)
    return {"notifications": len(notifications), "rapid reviews": len(reviews),
            "summaries": len(summaries), "practice reviews": len(practices),
            "recommendations": len(recommendations)}


def _closed_on(case, care_leaver, practice, today):
    """A month after the Panel was notified of a care leaver's death, after a decision of
    no local review, or after the practice review was published; None while still open."""
    if case.notified_on is None:
        return None
    if care_leaver:
        done = case.notified_on
    else:
        done = dates.statutory_deadline(case.notified_on, REVIEW_DAYS)  # the decision
        if practice:
            done = _published_on(done)
    closed = done + datetime.timedelta(days=30)
    return closed if closed <= today else None


def _published_on(decided):
    """The planned publication of a practice review decided then: two months after the
    target for its final report."""
    return add_months(decided, TARGET_MONTHS) + datetime.timedelta(days=60)


def _practice(Practice, p, rapid, today):
    """A practice review decided by `rapid`: published once its final report is in and the
    planned day is past, the copy sent PRE_PUBLICATION_DAYS working days before."""
    decided = rapid.decided_on
    target = add_months(decided, TARGET_MONTHS)
    review = Practice(partnership=p, rapid_review=rapid, title=rapid.notification.pseudonym,
                      decided_on=decided, target_on=target, reviewer="Independent reviewer",
                      method="Systems review", terms_of_reference="What the review asks.",
                      status="in_progress")
    if target < today:
        planned = _published_on(decided)
        review.status, review.final_report_on = "final_report", target
        review.publication, review.planned_publication_on = "full", planned
        if planned <= today:
            review.status, review.published_on = "published", planned
            review.copy_sent_on = dates.STATUTORY.subtract(planned, PRE_PUBLICATION_DAYS)
            review.published_url = f"https://{p.slug}.example/reviews/{rapid.pk}/"
    return review
