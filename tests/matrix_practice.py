"""Role x route cases for practice routes (see tests/matrix.py for the helpers and rules):
practice reviews, recommendations and learning themes (reviews/urls.py).

The partnership's case review readers (P1's partnership roles) see them; its business unit
records them (the other readers get 403); agency staff, P2 and outsiders get 404.

The cast has no practice review, recommendation or theme: `practice(c)` makes them on first
use. Their confidential text reuses canaries whose audience is the same: P1's terms of
reference and recommendation carry CNRY-RR-FACTS (P1 roles only), P2's carry CNRY-CASE-P2
(P2's business unit only)."""

import datetime

from .cast import P1_BU, P1_ROLES
from .matrix import Case, expect, p1

READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
READ = expect(P1_ROLES)
WRITE = expect(P1_BU, forbidden=READERS_NOT_BU)
NOBODY = expect(())
P2_READ = expect(("bu_p2",))


def practice(c):
    if "practice1" in c.__dict__:
        return c
    from reviews.services import practice as practice_services
    from reviews.services import rapid, recommendations, taxonomy

    c.theme1 = taxonomy.theme_create(partnership=c.p1, name="Neglect")
    c.theme_p2 = taxonomy.theme_create(partnership=c.p2, name="Neglect")
    c.practice1 = practice_services.practice_review_create(
        partnership=c.p1, title="Child Q", decided_on=datetime.date(2025, 6, 2),
        reviewer="An independent reviewer", terms_of_reference="CNRY-RR-FACTS",
        themes=[c.theme1])
    c.milestone1 = practice_services.milestone_add(
        review=c.practice1, title="Terms of reference agreed", due_on=datetime.date(2025, 7, 1))
    practice_services.briefing_add(review=c.practice1, title="Seven minute briefing")
    c.rec1 = recommendations.recommendation_create(
        review=c.practice1, text="CNRY-RR-FACTS: train staff", themes=[c.theme1])
    recommendations.action_add(recommendation=c.rec1, description="Deliver the training",
                               owner_agency=c.agency_a, due_on=datetime.date(2030, 1, 31),
                               created_by=c.bu_officer)
    c.rec_rapid = recommendations.recommendation_create(review=c.review1,
                                                        text="CNRY-RR-FACTS: share records")
    # Decided, but signed off by nobody: no practice review can start from it yet.
    rapid.decision_record(review=c.review1, decision="practice_review",
                          reasons="CNRY-RR-FACTS meets the criteria",
                          decided_on=datetime.date(2026, 1, 14))
    c.practice_p2 = practice_services.practice_review_create(
        partnership=c.p2, title="Child Z", decided_on=datetime.date(2025, 9, 1),
        terms_of_reference="CNRY-CASE-P2", themes=[c.theme_p2])
    c.milestone_p2 = practice_services.milestone_add(
        review=c.practice_p2, title="Reviewer appointed", due_on=datetime.date(2025, 10, 1))
    c.rec_p2 = recommendations.recommendation_create(review=c.practice_p2,
                                                     text="CNRY-CASE-P2: audit")
    return c


def p1_(c):
    return p1(practice(c))


def p2_(c):
    return {"slug": practice(c).p2.slug}


def review1(c):
    return {**p1_(c), "pk": c.practice1.pk}


def milestone1(c):
    return {**review1(c), "milestone_pk": c.milestone1.pk}


def rec1(c):
    return {**p1_(c), "pk": c.rec1.pk}


def theme1(c):
    return {**p1_(c), "pk": c.theme1.pk}


def date(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


CASES = [
    # Practice reviews
    Case("reviews:practice-review-list", READ, kwargs=p1_),
    Case("reviews:practice-review-list", P2_READ, kwargs=p2_, note="P2"),
    Case("reviews:practice-review-create", WRITE, kwargs=p1_),
    Case("reviews:practice-review-create", WRITE, kwargs=p1_, query="?rapid=not-a-number",
         note="invalid rapid review"),
    Case("reviews:practice-review-create", WRITE, kwargs=p1_, method="post", note="invalid",
         data={"title": "", "target_months": "0"}),
    Case("reviews:practice-review-create", WRITE, kwargs=p1_, method="post",
         note="invalid: rapid review not signed off",
         data=lambda c: {"rapid_review": c.review1.pk, "title": "Child R", "target_months": "6",
                         **date("decided_on", 14, 1, 2026)}),
    Case("reviews:practice-review-create", WRITE, kwargs=p1_, method="post",
         note="invalid: unknown rapid review",
         data=lambda c: {"rapid_review": 999999, "title": "Child R", "target_months": "6",
                         **date("decided_on", 14, 1, 2026)}),
    Case("reviews:practice-review-detail", READ, kwargs=review1),
    Case("reviews:practice-review-detail", P2_READ,
         kwargs=lambda c: {**p2_(c), "pk": c.practice_p2.pk}, note="P2"),
    Case("reviews:practice-review-detail", NOBODY,
         kwargs=lambda c: {**p1_(c), "pk": c.practice_p2.pk}, note="P2 review via P1"),
    Case("reviews:practice-review-detail", NOBODY, kwargs=lambda c: {**p1(c), "pk": 999999},
         note="missing"),
    Case("reviews:practice-review-edit", WRITE, kwargs=review1),
    Case("reviews:practice-review-edit", WRITE, kwargs=review1, method="post", note="invalid",
         data={"title": "", "status": "nonsense", **date("target_on", 31, 2, 2026)}),
    Case("reviews:practice-review-edit", WRITE, kwargs=review1, method="post",
         note="invalid: target before the decision",
         data={"title": "Child Q", "status": "in_progress", **date("target_on", 1, 1, 2025)}),
    Case("reviews:practice-review-edit", NOBODY, kwargs=lambda c: {**p1_(c), "pk": c.practice_p2.pk},
         method="post", note="P2 review via P1",
         data={"title": "Taken over", "status": "closed", **date("target_on", 1, 3, 2026)}),
    Case("reviews:practice-review-publication", WRITE, kwargs=review1),
    Case("reviews:practice-review-publication", WRITE, kwargs=review1, method="post",
         note="invalid: not published without reasons",
         data={"publication": "not_published", "reasons": " "}),
    Case("reviews:practice-review-publication", WRITE, kwargs=review1, method="post",
         note="invalid: copy sent late",
         data={"publication": "full", **date("planned_on", 7, 4, 2026),
               **date("copy_sent_on", 26, 3, 2026)}),
    Case("reviews:practice-review-publication", NOBODY,
         kwargs=lambda c: {**p1_(c), "pk": c.practice_p2.pk}, method="post",
         note="P2 review via P1", data={"publication": "not_published", "reasons": "No"}),
    Case("reviews:practice-milestone-add", WRITE, kwargs=review1),
    Case("reviews:practice-milestone-add", WRITE, kwargs=review1, method="post", note="invalid",
         data={"title": "", **date("due_on", 30, 2, 2026)}),
    Case("reviews:practice-milestone-done", WRITE, kwargs=milestone1),
    Case("reviews:practice-milestone-done", WRITE, kwargs=milestone1, method="post", note="invalid",
         data=date("done_on", 31, 2, 2026)),
    Case("reviews:practice-milestone-done", NOBODY, method="post", note="P2 milestone via P1 review",
         kwargs=lambda c: {**review1(c), "milestone_pk": c.milestone_p2.pk},
         data=date("done_on", 1, 10, 2025)),
    Case("reviews:practice-briefing-add", WRITE, kwargs=review1),
    Case("reviews:practice-briefing-add", WRITE, kwargs=review1, method="post", note="invalid",
         data={"title": "", "link": "not a web address"}),
    # Recommendations
    Case("reviews:recommendation-list", READ, kwargs=p1_),
    Case("reviews:recommendation-list", READ, kwargs=p1_, query="?theme=abc&status=nonsense",
         note="invalid filters"),
    Case("reviews:recommendation-list", P2_READ, kwargs=p2_, note="P2"),
    Case("reviews:recommendation-create", WRITE, kwargs=p1_,
         data=lambda c: {"practice": c.practice1.pk}, note="practice review"),
    Case("reviews:recommendation-create", WRITE, kwargs=p1_,
         data=lambda c: {"rapid": c.review1.pk}, note="rapid review"),
    Case("reviews:recommendation-create", NOBODY, kwargs=p1_, note="no review"),
    Case("reviews:recommendation-create", NOBODY, kwargs=p1_,
         data=lambda c: {"practice": c.practice_p2.pk}, note="P2 review via P1"),
    Case("reviews:recommendation-create", NOBODY, kwargs=p1_, data={"rapid": "abc"},
         note="not a number"),
    Case("reviews:recommendation-create", WRITE, kwargs=p1_, method="post", note="invalid",
         data=lambda c: {"practice": c.practice1.pk, "text": " "}),
    Case("reviews:recommendation-create", NOBODY, kwargs=p1_, method="post", note="P2 review via P1",
         data=lambda c: {"practice": c.practice_p2.pk, "text": "Planted"}),
    Case("reviews:recommendation-detail", READ, kwargs=rec1),
    Case("reviews:recommendation-detail", READ, kwargs=lambda c: {**p1_(c), "pk": c.rec_rapid.pk},
         note="from a rapid review"),
    Case("reviews:recommendation-detail", P2_READ, kwargs=lambda c: {**p2_(c), "pk": c.rec_p2.pk},
         note="P2"),
    Case("reviews:recommendation-detail", NOBODY, kwargs=lambda c: {**p1_(c), "pk": c.rec_p2.pk},
         note="P2 recommendation via P1"),
    Case("reviews:recommendation-edit", WRITE, kwargs=rec1),
    Case("reviews:recommendation-edit", WRITE, kwargs=rec1, method="post",
         note="invalid: rejected without a response",
         data={"text": "Train staff", "status": "rejected", "response": ""}),
    Case("reviews:recommendation-edit", NOBODY, kwargs=lambda c: {**p1_(c), "pk": c.rec_p2.pk},
         method="post", note="P2 recommendation via P1",
         data={"text": "Taken over", "status": "complete"}),
    Case("reviews:recommendation-action-add", WRITE, kwargs=rec1),
    Case("reviews:recommendation-action-add", WRITE, kwargs=rec1, method="post", note="invalid",
         data={"description": "", **date("due_on", 31, 2, 2026)}),
    Case("reviews:recommendation-action-add", WRITE, kwargs=rec1, method="post",
         note="invalid: agency outside the partnership",
         data=lambda c: {"description": "Planted", "owner_agency": c.agency_x.pk,
                         **date("due_on", 1, 3, 2027)}),
    # Learning themes and the themes report
    Case("reviews:theme-list", READ, kwargs=p1_),
    Case("reviews:theme-list", P2_READ, kwargs=p2_, note="P2"),
    Case("reviews:theme-create", WRITE, kwargs=p1_),
    Case("reviews:theme-create", WRITE, kwargs=p1_, method="post", note="invalid: taken",
         data={"name": " neglect "}),
    Case("reviews:theme-create", WRITE, kwargs=p1_, method="post", note="invalid: blank",
         data={"name": ""}),
    Case("reviews:theme-edit", WRITE, kwargs=theme1),
    Case("reviews:theme-edit", WRITE, kwargs=theme1, method="post", note="invalid",
         data={"name": "", "active": "on"}),
    Case("reviews:theme-edit", NOBODY, kwargs=lambda c: {**p1_(c), "pk": c.theme_p2.pk},
         method="post", note="P2 theme via P1", data={"name": "Taken over"}),
    Case("reviews:theme-report", READ, kwargs=p1_),
    Case("reviews:theme-report", P2_READ, kwargs=p2_, note="P2"),
    Case("reviews:theme-report-csv", READ, kwargs=p1_),
]
