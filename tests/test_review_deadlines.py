"""The case review deadlines: every open deadline of a partnership in working days, and the
dashboard page of what is late and what falls due in the next 10 working days.

In the cast, P1's case (Child A) became known on Fri 19 Dec 2025 (notify by Tue 30 Dec
2025), was notified on Mon 22 Dec 2025 (rapid review due Thu 15 Jan 2026: 15 working days
over Christmas and New Year), partners not yet informed; agency A's and the police's
summaries were requested on Tue 23 Dec 2025 (due Fri 9 Jan 2026) and are drafts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership.models import ClosureDay
from reviews import deadlines
from reviews.models import PracticeReview
from reviews.services import notifications, practice, rapid

from .matrix_lcspr import sign

pytestmark = pytest.mark.django_db

D = datetime.date


def rows(cast, today, partnership=None):
    return deadlines.open_deadlines(partnership or cast.p1, today=today)


def table(found):
    return {(row.kind, row.pk): (row.due_on, row.days_left, row.late) for row in found}


def test_the_casts_deadlines_in_working_days(cast):
    found = rows(cast, D(2026, 1, 5))
    assert table(found) == {
        ("inform-partners", cast.case1.pk): (D(2025, 12, 30), -3, True),
        ("agency-summary", cast.summary_a.pk): (D(2026, 1, 9), 4, False),
        ("agency-summary", cast.summary_police.pk): (D(2026, 1, 9), 4, False),
        ("rapid-review", cast.review1.pk): (D(2026, 1, 15), 8, False),
    }
    assert [row.due_on for row in found] == sorted(row.due_on for row in found)
    summaries = {row.agency for row in found if row.kind == "agency-summary"}
    assert summaries == {"Agency A Academy", "Shires Police"}
    for row in found:
        assert row.record == cast.case1.reference and row.pseudonym == "Child A"
    assert {row.kind: row.url for row in found}["rapid-review"] == reverse(
        "reviews:rapid-detail", kwargs={"slug": "p1", "pk": cast.review1.pk})
    assert {row.kind: row.url for row in found}["inform-partners"] == reverse(
        "reviews:case-detail", kwargs={"slug": "p1", "pk": cast.case1.pk})


def test_ten_working_days_over_christmas(cast):
    """17 calendar days from Tue 23 Dec 2025 to Fri 9 Jan 2026 are 10 working days."""
    found = {row.kind: row for row in rows(cast, D(2025, 12, 23))}
    assert found["agency-summary"].days_left == 10 and found["agency-summary"].soon
    assert found["rapid-review"].days_left == 14 and not found["rapid-review"].soon
    assert found["inform-partners"].days_left == 3  # Tue 30 Dec 2025: 24, 29 and 30 Dec
    late, soon, later = deadlines.grouped(rows(cast, D(2025, 12, 23)))
    assert late == [] and {r.kind for r in soon} == {"agency-summary", "inform-partners"}
    assert [r.kind for r in later] == ["rapid-review"]


def test_due_today_is_not_late_and_a_closure_day_counts_only_for_local_deadlines(cast):
    [row] = [r for r in rows(cast, D(2026, 1, 15)) if r.kind == "rapid-review"]
    assert row.days_left == 0 and not row.late and row.soon
    [row] = [r for r in rows(cast, D(2026, 1, 16)) if r.kind == "rapid-review"]
    assert row.days_left == -1 and row.late

    def left(kind):
        return {r.kind: r.days_left for r in rows(cast, D(2026, 1, 5))}[kind]

    summary_before = left("agency-summary")
    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 1, 7), reason="Closure")
    assert left("rapid-review") == 8  # statutory: the closure day is a working day for it
    assert left("agency-summary") == summary_before - 1  # the partnership's own deadline


def test_far_away_dates_still_list(cast):
    found = {row.kind: row for row in rows(cast, D(2033, 1, 5))}
    assert found["rapid-review"].late and found["rapid-review"].days_left is None


def test_met_deadlines_leave_the_list(cast):
    notifications.notification_update(notification=cast.case1,
                                      partners_informed_on=D(2025, 12, 23))
    rapid.summary_save(summary=cast.summary_a, user=cast.lead_a, involvement="Seen twice",
                       analysis="Learning", version=cast.summary_a.version, submit=True)
    rapid.summary_save(summary=cast.summary_police, user=cast.lead_police, involvement="",
                       analysis="", version=cast.summary_police.version, submit=True, nil=True)
    assert [row.kind for row in rows(cast, D(2026, 1, 5))] == ["rapid-review"]
    notifications.notification_update(notification=cast.case1, closed_on=D(2026, 1, 5))
    assert rows(cast, D(2026, 1, 5)) == []


def test_a_case_not_yet_notified(cast):
    found = rows(cast, D(2025, 11, 4), partnership=cast.p2)
    assert table(found) == {
        ("inform-partners", cast.case_p2.pk): (D(2025, 11, 10), 4, False),
        ("notify-panel", cast.case_p2.pk): (D(2025, 11, 10), 4, False),
    }
    assert {row.pseudonym for row in found} == {"CNRY-CASE-P2"}
    assert rows(cast, D(2025, 11, 4)) != found  # P1's own deadlines only


def test_practice_review_target_copy_and_milestones(cast):
    review = practice.practice_review_create(partnership=cast.p1, title="Child Q",
                                             decided_on=D(2026, 2, 2))
    done = practice.milestone_add(review=review, title="Terms of reference", due_on=D(2026, 3, 2))
    practice.milestone_done(milestone=done, done_on=D(2026, 3, 1))
    open_one = practice.milestone_add(review=review, title="Draft report", due_on=D(2026, 6, 1))
    sign(cast, review, "commissioning", "final_report")
    practice.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10))
    review.refresh_from_db()
    found = table(r for r in rows(cast, D(2026, 5, 1)) if r.kind in (
        "practice-target", "practice-copy", "milestone"))
    copy_by = practice.copy_due_by(review)
    assert copy_by == D(2026, 7, 30)  # 7 working days before Mon 10 Aug 2026
    assert {key: value[0] for key, value in found.items()} == {
        ("practice-target", review.pk): D(2026, 8, 2),
        ("practice-copy", review.pk): copy_by,
        ("milestone", open_one.pk): D(2026, 6, 1),
    }
    [milestone] = [r for r in rows(cast, D(2026, 5, 1)) if r.kind == "milestone"]
    assert milestone.record == "Child Q: Draft report" and milestone.pseudonym == "Child Q"
    assert milestone.url == reverse("reviews:practice-review-detail", kwargs={"slug": "p1",
                                                                      "pk": review.pk})
    # The copy sent: that deadline is met; published: the review's are all met.
    practice.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10),
                                copy_sent_on=D(2026, 7, 20))
    kinds = {r.kind for r in rows(cast, D(2026, 5, 1))}
    assert "practice-copy" not in kinds and "practice-target" in kinds
    sign(cast, review, "publication")
    practice.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10),
                                copy_sent_on=D(2026, 7, 20), published_on=D(2026, 8, 10))
    kinds = {r.kind for r in rows(cast, D(2026, 5, 1))}
    assert "practice-target" not in kinds and "milestone" in kinds


def test_no_child_record_is_read(cast):
    with CaptureQueriesContext(connection) as queries:
        found = rows(cast, D(2026, 1, 5))
    assert not any("childrecord" in q["sql"].lower() for q in queries.captured_queries)
    assert "CNRY-CHILD-NAME" not in repr(found)


def add_cases(cast, n):
    aware = D(2026, 1, 5)
    start = PracticeReview.objects.count()
    for i in range(start, start + n):
        case = notifications.notification_create(
            partnership=cast.p1, created_by=cast.bu_officer, pseudonym=f"Child {i}",
            age_band="5_9", incident_type="death", la_aware_on=aware, notified_on=aware)
        review = rapid.rapid_review_start(notification=case)
        rapid.summaries_request(review=review, agencies=[cast.agency_a, cast.police],
                                requested_on=aware)
        prac = practice.practice_review_create(partnership=cast.p1, title=f"Child P{i}",
                                               decided_on=aware)
        practice.milestone_add(review=prac, title="Scoping", due_on=D(2026, 3, 2))
        sign(cast, prac, "commissioning", "final_report")
        practice.publication_record(review=prac, publication="full", planned_on=D(2026, 9, 1))


def test_queries_do_not_grow_with_rows(cast):
    add_cases(cast, 2)
    with CaptureQueriesContext(connection) as few:
        small = rows(cast, D(2026, 1, 5))
    add_cases(cast, 12)
    with CaptureQueriesContext(connection) as many:
        large = rows(cast, D(2026, 1, 5))
    assert len(large) > len(small) + 50
    assert len(few) == len(many), (len(few), len(many))


# --- The page ---------------------------------------------------------------------------

def page(client_for, user, slug="p1"):
    return client_for(user).get(reverse("reviews:deadlines", kwargs={"slug": slug}))


def test_page_for_readers_only(cast, client_for):
    for who in ("bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer"):
        assert page(client_for, cast.users[who]).status_code == 200, who
    for who in ("lead_a", "chief_a", "contributor_a", "lead_police", "lead_x", "bu_p2",
                "outsider"):
        assert page(client_for, cast.users[who]).status_code == 404, who
    assert page(client_for, cast.bu_p2, "p2").status_code == 200
    assert page(client_for, cast.lead_x, "p2").status_code == 404


def test_page_sorts_late_soon_and_later(cast, client_for):
    today = timezone.localdate()
    notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_officer, pseudonym="Child B", age_band="16_17",
        incident_type="serious_harm", la_aware_on=today)
    practice.practice_review_create(partnership=cast.p1, title="Child R", decided_on=today)
    response = page(client_for, cast.bu_manager)
    body = response.content.decode()
    assert "CNRY-CHILD-NAME" not in body and "CNRY-CASE-P2" not in body
    late, soon, later = (response.context["late"], response.context["soon"],
                         response.context["later"])
    assert {row.kind for row in late} == {"inform-partners", "agency-summary", "rapid-review"}
    assert {(row.kind, row.pseudonym) for row in soon} == {
        ("notify-panel", "Child B"), ("inform-partners", "Child B")}
    assert all(row.days_left == 5 for row in soon)
    assert [(row.kind, row.record) for row in later] == [("practice-target", "Child R")]
    late_part, rest = body.split('id="soon"')
    soon_part, later_part = rest.split('<details class="govuk-details" id="later">')
    assert "Send the rapid review to the Panel" in late_part and "Child A" in late_part
    assert "govuk-tag--red" in late_part and "Shires Police" in late_part
    assert "Notify the national Panel" in soon_part and "5 left" in soon_part
    assert "Later (1)" in later_part and "Complete the practice review" in later_part
    assert reverse("reviews:rapid-detail", kwargs={"slug": "p1", "pk": cast.review1.pk}) in body
    assert "<script" not in body.split("<main")[1].split("</main>")[0]


def test_page_with_nothing_due(cast, client_for):
    body = page(client_for, cast.bu_p2, "p2").content.decode()
    assert "Nothing falls due in the next 10 working days." in body
    assert "Notify the national Panel" in body  # P2's case is late


def test_page_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("reviews:deadlines", kwargs={"slug": "p1"})
    add_cases(cast, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_cases(cast, 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert b"Child P11" in response.content
    assert len(few) == len(many), (len(few), len(many))
