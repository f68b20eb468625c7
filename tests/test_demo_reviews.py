"""load_demo's case reviews data (reviews/demo.py): invented, pseudonymised cases for North
Yorkshire in every state, two practice reviews, recommendations with actions on the
register. The demo is loaded once for the module, inside a transaction rolled back at the
end."""

import io
import re
import time

import pytest
from django.utils import timezone

from governance.models import Action, ActionStatus, ActionUpdate
from partnership import dates
from partnership.models import Partnership, User
from reviews import demo as reviews_demo
from reviews import permissions
from reviews.models import (
    AgencySummary,
    CaseGrant,
    ChildRecord,
    Decision,
    LearningBriefing,
    LearningTheme,
    Milestone,
    Notification,
    PracticeReview,
    RapidReview,
    Recommendation,
    ReviewSignOff,
    SummaryStatus,
)
from reviews.models.themes import DEFAULT_THEMES
from reviews.services import practice, rapid

pytestmark = pytest.mark.django_db

MODELS = (Notification, ChildRecord, CaseGrant, RapidReview, AgencySummary, ReviewSignOff,
          PracticeReview, Milestone, LearningBriefing, Recommendation, LearningTheme, Action,
          ActionUpdate)


@pytest.fixture(scope="module")
def reviews_loaded(demo_data, django_db_blocker):
    """The demo, with the reviews loader run if load_demo did not run it (before the lead
    registers it). Yields (load_demo's output, this loader's output, seconds it took)."""
    out, took = io.StringIO(), 0.0
    with django_db_blocker.unblock():
        if not Partnership.objects.get(slug="north-yorkshire").notifications.exists():
            start = time.perf_counter()
            reviews_demo.load(out)
            took = time.perf_counter() - start
    return demo_data, out.getvalue(), took


@pytest.fixture
def ny(reviews_loaded, db):
    return Partnership.objects.get(slug="north-yorkshire")


@pytest.fixture
def cases(ny):
    return {n.pseudonym: n for n in Notification.objects.filter(partnership=ny)}


def person(name):
    return User.objects.get(email=f"{name}@nyscp.example")


def test_the_loader_reports_and_is_quick(reviews_loaded):
    load_demo_output, output, took = reviews_loaded
    assert "Case reviews demo: 7 notifications, 5 rapid reviews, 2 practice reviews" in (
        output + load_demo_output)
    assert took < 2.0, f"the reviews demo took {took:.2f}s"


def test_notifications(ny, cases):
    today = timezone.localdate()
    assert sorted(cases) == [*(f"Child {c}" for c in "ABCDEF"), "Young person G"]
    on_time = [n for n in cases.values() if n.notified_in_time]
    late = [n for n in cases.values() if n.notified_in_time is False]
    assert len(on_time) == 5 and [n.pseudonym for n in late] == ["Child C"]
    waiting = cases["Child F"]
    assert waiting.notified_on is None and waiting.notify_by > today
    assert waiting.notify_by == dates.statutory_deadline(waiting.la_aware_on, 5)
    assert [n.pseudonym for n in cases.values() if n.incident_type == "death"] == ["Child B"]
    assert sum(n.incident_type == "serious_harm" for n in cases.values()) == 5
    assert [n.pseudonym for n in cases.values() if n.looked_after] == ["Child D"]
    assert [n.pseudonym for n in cases.values()
            if n.incident_type == "care_leaver_death"] == ["Young person G"]
    for n in cases.values():
        assert n.themes.exists(), n
        assert n.la_aware_on <= today
        assert hasattr(n, "child_record"), n
    assert {n.pseudonym for n in cases.values() if n.closed_on} == {"Child A"}


def test_rapid_reviews_in_every_state(cases):
    today = timezone.localdate()
    reviews = {p: n.rapid_review for p, n in cases.items() if hasattr(n, "rapid_review")}
    assert sorted(reviews) == [f"Child {c}" for c in "ABCDE"]
    for review in reviews.values():
        n = review.notification
        assert review.due_on == dates.statutory_deadline(n.notified_on, 15)

    # (1) just started: summaries asked of CAFCASS (a draft), the police and probation
    started = reviews["Child E"]
    summaries = {s.agency.name: s for s in started.summaries.select_related("agency")}
    assert {k: s.status for k, s in summaries.items()} == {
        "CAFCASS": SummaryStatus.DRAFT, "North Yorkshire Police": SummaryStatus.REQUESTED,
        "Probation Service": SummaryStatus.REQUESTED}  # asked of the NPS; passed on at the merger
    assert all(s.due_on > today for s in summaries.values())
    assert started.due_on > today and not started.decision

    # (2) summaries in with a nil return; no local review; one partner still to sign
    waiting = reviews["Child C"]
    statuses = sorted(waiting.summaries.values_list("status", flat=True))
    assert statuses.count(SummaryStatus.NIL) == 1
    assert set(statuses) == {SummaryStatus.NIL, SummaryStatus.SUBMITTED}
    assert waiting.decision == Decision.NO_REVIEW and waiting.decision_reasons
    assert waiting.sign_offs.count() == 2
    # today's NHS partner: the CCG became part of the ICB in 2022
    assert [a.name for a in rapid.missing_sign_offs(waiting)] == ["Humber and North Yorkshire ICB"]
    assert waiting.sent_to_panel_on is None

    # (3) practice review decided, signed by all three, sent to the Panel and answered
    decided = reviews["Child B"]
    assert decided.decision == Decision.PRACTICE_REVIEW
    assert decided.sign_offs.count() == 3  # the three partners of the time it was signed
    assert decided.sent_to_panel_on and decided.panel_response and decided.panel_response_on
    assert hasattr(decided, "practice_review")

    # (4) no CAFCASS at all, the panel meeting to come
    upcoming = reviews["Child D"]
    assert upcoming.panel_meeting_on > today and not upcoming.decision

    # (5) 2019, closed
    old = reviews["Child A"]
    assert old.notification.la_aware_on.year == 2019 and old.notification.closed_on
    assert old.decision == Decision.PRACTICE_REVIEW and old.sent_to_panel_on.year == 2019


def test_the_partners_sign_for_the_agency_they_act_for(cases):
    signed = {(s.signed_by.email, s.partner.name_on(s.rapid_review.due_on))
              for s in ReviewSignOff.objects.filter(
        rapid_review=cases["Child B"].rapid_review).select_related("signed_by", "partner")}
    assert signed == {("dcs@nyscp.example", "North Yorkshire Council"),
                      ("acc@nyscp.example", "North Yorkshire Police"),
                      ("nurse@nyscp.example", "North Yorkshire and York CCGs")}
    waiting = cases["Child C"].rapid_review
    for s in waiting.sign_offs.select_related("signed_by", "partner"):
        assert s.partner in permissions.sign_off_partners(s.signed_by, waiting)
    # the CCGs' partner has something to sign
    assert [a.name for a in permissions.sign_off_partners(person("nurse"), waiting)] == [
        "Humber and North Yorkshire ICB"]


def test_cafcass_is_involved_in_some_cases_only(ny, cases):
    with_cafcass = {p for p, n in cases.items()
                    if AgencySummary.objects.filter(rapid_review__notification=n,
                                                    agency__name="CAFCASS").exists()}
    assert with_cafcass == {"Child B", "Child E"}
    lead = person("lead.cafcass")
    seen = permissions.notifications_for(lead, ny)
    assert {n.pseudonym for n in seen} == with_cafcass
    for pseudonym in with_cafcass:
        review = cases[pseudonym].rapid_review
        assert {s.agency.name for s in permissions.summaries_for(lead, review)} == {"CAFCASS"}
    assert not permissions.practice_reviews_for(lead, ny).exists()
    assert not permissions.recommendations_for(lead, ny).exists()
    # the draft is the CAFCASS lead's to finish
    draft = AgencySummary.objects.get(rapid_review=cases["Child E"].rapid_review,
                                      agency__name="CAFCASS")
    assert draft.status == SummaryStatus.DRAFT and permissions.can_write_summary(lead, draft)
    # the other leads see their own agencies' cases
    # The summary asked of the National Probation Service and not yet written passed to the
    # Probation Service when they merged (reviews/services/mergers.py): its lead writes it.
    probation = person("lead.probation")
    assert {n.pseudonym for n in permissions.notifications_for(probation, ny)} == {"Child E"}
    summary = AgencySummary.objects.get(rapid_review=cases["Child E"].rapid_review,
                                        agency__name="Probation Service")
    assert permissions.can_write_summary(probation, summary)
    assert permissions.notifications_for(person("lead.police"), ny).count() == 5


def test_the_practice_reviews(ny):
    reviews = {r.title: r for r in PracticeReview.objects.filter(partnership=ny)}
    assert sorted(reviews) == ["Child A", "Child B"]
    published = reviews["Child A"]
    assert published.status == "published" and published.published_on.year == 2020
    assert published.copy_sent_on <= practice.copy_due_by(published, published.published_on)
    assert re.match(r"https://[a-z.]+\.example/", published.published_url)
    assert published.briefings.count() == 1
    assert not published.milestones.filter(done_on__isnull=True).exists()
    in_progress = reviews["Child B"]
    assert in_progress.status == "in_progress" and in_progress.reviewer and in_progress.method
    assert in_progress.rapid_review.notification.pseudonym == "Child B"
    assert in_progress.target_on == practice.add_months(in_progress.decided_on, 6)
    milestones = list(in_progress.milestones.all())
    assert any(m.done_on for m in milestones) and any(m.done_on is None for m in milestones)
    assert permissions.practice_reviews_for(person("scrutineer"), ny).count() == 2


def test_recommendations_with_actions_on_the_register(ny, cases):
    recs = list(Recommendation.objects.filter(partnership=ny).prefetch_related("actions"))
    assert {r.practice_review.title for r in recs if r.practice_review} == {"Child A", "Child B"}
    assert {r.rapid_review.notification.pseudonym for r in recs if r.rapid_review} == {"Child C"}
    owners = set()
    for r in recs:
        assert r.themes.exists(), r
        assert 1 <= len(r.actions.all()) <= 2, r
        for action in r.actions.all():
            assert action.source == "review" and action.partnership == ny
            assert action.source_label.endswith(f"recommendation {r.number}")
            owners.add(action.owner_agency.name)
    assert {"North Yorkshire Police", "CAFCASS", "North Yorkshire Council"} <= owners
    # probation's open actions passed to the Probation Service at the merger, done ones not
    assert owners & {"National Probation Service", "Probation Service"}
    review_actions = Action.objects.filter(partnership=ny, source="review")
    completed = review_actions.filter(status=ActionStatus.COMPLETED)
    assert completed.count() >= 3 and review_actions.filter(status=ActionStatus.OPEN).exists()
    for action in completed:
        assert action.updates.filter(status=ActionStatus.COMPLETED).exclude(evidence="").exists()
    assert [r.status for r in recs if r.impact] == ["complete"]


def test_themes_are_the_defaults(ny):
    assert set(DEFAULT_THEMES) <= set(
        LearningTheme.objects.filter(partnership=ny).values_list("name", flat=True))


def test_the_case_grant(ny, cases):
    grants = CaseGrant.objects.filter(notification__partnership=ny)
    assert grants.count() == 1
    grant = permissions.active_grant(person("manager"), cases["Child D"])
    assert grant is not None and grant.purpose == "Rapid review panel preparation"
    assert 29 <= (grant.expires_at - timezone.now()).days <= 30
    for other in ("officer", "scrutineer", "dcs", "lead.cafcass"):
        assert permissions.active_grant(person(other), cases["Child D"]) is None


def test_children_are_invented_and_never_named_outside_the_record(ny):
    records = list(ChildRecord.objects.filter(notification__partnership=ny)
                   .select_related("notification"))
    assert len(records) == 7
    texts = []
    for n in Notification.objects.filter(partnership=ny):
        texts += [n.pseudonym, n.panel_reference, n.reference, n.summary]
        texts += [f"{c.pseudonym} {c.home_local_authority}" for c in n.children.all()]
    for r in RapidReview.objects.filter(notification__partnership=ny):
        texts += [r.facts, r.immediate_actions, r.learning, r.decision_reasons, r.panel_response]
    for s in AgencySummary.objects.filter(rapid_review__notification__partnership=ny):
        texts += [s.involvement, s.analysis]
    for p in PracticeReview.objects.filter(partnership=ny):
        texts += [p.title, p.reviewer, p.terms_of_reference, p.method, p.published_url]
    for r in Recommendation.objects.filter(partnership=ny):
        texts += [r.text, r.response, r.impact]
        texts += [a.description for a in r.actions.all()]
    corpus = "\n".join(texts).lower()
    for record in records:
        assert record.legal_name.startswith(("Demo Child ", "Demo Young Person "))
        assert record.legal_name.lower() not in corpus
        assert record.legal_name.split()[-1].lower() not in corpus
        assert record.address == "1 Example Street, Demo Town"
        assert re.fullmatch(r"999 000 \d{4}", record.nhs_number)
        assert record.date_of_birth < record.notification.la_aware_on
        assert re.fullmatch(r"(Child|Young person) [A-Z]", record.notification.pseudonym)


def test_a_second_load_changes_nothing(ny):
    before = {m.__name__: m.objects.count() for m in MODELS}
    out = io.StringIO()
    reviews_demo.load(out)
    assert "already has notifications" in out.getvalue()
    assert {m.__name__: m.objects.count() for m in MODELS} == before


def test_each_notification_has_its_children_and_the_care_leaver_no_rapid_review(cases):
    """domain.md corrections 6 and 7: the DfE's children on every notification (twins on
    Child F's), and a care leaver's death notified without a rapid review."""
    for n in cases.values():
        children = list(n.children.all())
        assert 1 <= len(children) <= 4, n
        assert n.age_band == children[0].age_band, n
        assert n.looked_after == any(c.legal_status == "looked_after" for c in children), n
    assert [c.pseudonym for c in cases["Child F"].children.all()] == ["Child F1", "Child F2"]
    care_leaver = cases["Young person G"]
    [young_person] = care_leaver.children.all()
    assert (young_person.age_band, young_person.legal_status) == ("18_24", "care_leaver")
    assert care_leaver.notified_in_time and care_leaver.summary
    assert not hasattr(care_leaver, "rapid_review")
