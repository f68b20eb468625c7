"""Local child safeguarding practice reviews (issue 5, item 4): commissioning, the target
date, milestones, publication with the copy to the Panel and the Secretary of State at
least 7 working days before, and learning briefings. Agency staff see none of it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import AccessEvent
from partnership.services import people
from reviews.models import PracticeReview
from reviews.services import practice as services
from reviews.services import rapid
from reviews.services.practice import copy_due_by

from .cast import A_STAFF, START
from .matrix_lcspr import lcspr, sign
from .matrix_practice import practice

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def text(response):
    return response.content.decode()


def make(cast, title="Child Q", decided_on=None, **fields):
    return services.practice_review_create(partnership=cast.p1, title=title,
                                           decided_on=decided_on or D(2025, 6, 2), **fields)


def ready(cast, **fields):
    """A review whose commissioning and final report the three lead partners signed off:
    its publication decision can be recorded."""
    return sign(cast, make(cast, **fields), "commissioning", "final_report")


def publish(cast, review, planned_on, copy_sent_on, published_on):
    """Decide to publish, have the lead partners sign the decision off, then publish."""
    services.publication_record(review=review, publication="full", planned_on=planned_on)
    sign(cast, review, "publication")
    return services.publication_record(review=review, publication="full", planned_on=planned_on,
                                       copy_sent_on=copy_sent_on, published_on=published_on)


# The target date ---------------------------------------------------------------------

def test_target_is_six_months_after_the_decision(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(url("reviews:practice-review-create", cast), {
        "title": "Child Q", "target_months": "6", **date("decided_on", D(2025, 8, 31)),
        "reviewer": "A. Reviewer", "method": "Systems review"})
    review = PracticeReview.objects.get(title="Child Q")
    assert response.status_code == 302
    assert response["Location"] == url("reviews:practice-review-detail", cast, pk=review.pk)
    # 31 August + 6 months: the last day of February.
    assert review.target_on == D(2026, 2, 28)
    assert review.partnership == cast.p1 and review.rapid_review is None
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "28 February 2026" in page


def test_the_form_offers_six_months_by_default(cast, client_for):
    page = text(client_for(cast.bu_manager).get(url("reviews:practice-review-create", cast)))
    assert 'name="target_months" value="6"' in page


def test_the_target_is_configurable(cast, client_for):
    client = client_for(cast.bu_manager)
    client.post(url("reviews:practice-review-create", cast), {
        "title": "Child R", "target_months": "9", **date("decided_on", D(2025, 6, 2))})
    assert PracticeReview.objects.get(title="Child R").target_on == D(2026, 3, 2)
    review = PracticeReview.objects.get(title="Child R")
    response = client.post(url("reviews:practice-review-edit", cast, pk=review.pk), {
        "title": "Child R", "status": "in_progress", **date("target_on", D(2026, 5, 29))})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.target_on == D(2026, 5, 29) and review.status == "in_progress"


def test_a_target_before_the_decision_is_refused(cast, client_for):
    review = make(cast)
    response = client_for(cast.bu_manager).post(
        url("reviews:practice-review-edit", cast, pk=review.pk),
        {"title": "Child Q", "status": "in_progress", **date("target_on", D(2025, 1, 1))})
    assert response.status_code == 200
    assert "The target date must be after the decision" in text(response)
    review.refresh_from_db()
    assert review.target_on == D(2025, 12, 2)


def test_target_months_out_of_range_are_refused(cast, client_for):
    response = client_for(cast.bu_manager).post(url("reviews:practice-review-create", cast), {
        "title": "Child Q", "target_months": "30", **date("decided_on", D(2025, 6, 2))})
    assert "The target is between 1 and 24 months" in text(response)
    assert not PracticeReview.objects.exists()


def test_the_decision_date_is_needed(cast, client_for):
    response = client_for(cast.bu_manager).post(url("reviews:practice-review-create", cast), {
        "title": "Child Q", "target_months": "6"})
    assert "Enter the date of the decision" in text(response)
    assert not PracticeReview.objects.exists()


# From a rapid review: all three partners must have signed ------------------------------

def _decide(cast):
    rapid.decision_record(review=cast.review1, decision="practice_review",
                          reasons="Meets the criteria: two agencies did not share information",
                          decided_on=D(2026, 1, 14))


def _nurse(cast):
    from partnership.models import User

    nurse = User.objects.create_user("nurse@cast.example", "x", full_name="Chief Nurse")
    people.membership_create(user=nurse, partnership=cast.p1, role="delegated_safeguarding_partner",
                             agency=cast.icb1, start_date=START)
    return nurse


def test_practice_review_from_a_rapid_review_needs_all_three_sign_offs(cast, client_for):
    _decide(cast)
    client = client_for(cast.bu_officer)
    form = text(client.get(url("reviews:practice-review-create", cast)))
    assert f'<option value="{cast.review1.pk}"' in form and "(Child A)" in form
    data = {"rapid_review": cast.review1.pk, "title": "Child A", "target_months": "6"}

    rapid.sign_off(review=cast.review1, partner=cast.council1, user=cast.lsp)
    rapid.sign_off(review=cast.review1, partner=cast.police, user=cast.dsp)
    response = client.post(url("reviews:practice-review-create", cast), data)
    assert response.status_code == 200
    assert ("The decision needs the sign-off of all three safeguarding partners first. "
            "Still to sign: Northshire ICB") in text(response)
    assert not PracticeReview.objects.exists()

    rapid.sign_off(review=cast.review1, partner=cast.icb1, user=_nurse(cast))
    response = client.post(url("reviews:practice-review-create", cast), data)
    assert response.status_code == 302
    review = PracticeReview.objects.get()
    # The decision date comes from the rapid review when left blank.
    assert review.rapid_review == cast.review1 and review.decided_on == D(2026, 1, 14)
    assert review.target_on == D(2026, 7, 14)
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert reverse("reviews:rapid-detail", args=[cast.p1.slug, cast.review1.pk]) in page
    # A rapid review with a practice review is no longer offered.
    form = text(client.get(url("reviews:practice-review-create", cast)))
    assert f'<option value="{cast.review1.pk}"' not in form


def test_no_sign_off_lists_every_partner_still_to_sign(cast, client_for):
    _decide(cast)
    response = client_for(cast.bu_manager).post(url("reviews:practice-review-create", cast), {
        "rapid_review": cast.review1.pk, "title": "Child A", "target_months": "6"})
    assert ("Still to sign: Northshire Council, Northshire ICB, Shires Police"
            in text(response))


def test_a_rapid_review_that_decided_otherwise_is_not_offered(cast, client_for):
    rapid.decision_record(review=cast.review1, decision="no_review", reasons="Single agency",
                          decided_on=D(2026, 1, 14))
    client = client_for(cast.bu_manager)
    assert f'<option value="{cast.review1.pk}"' not in text(client.get(url("reviews:practice-review-create",
                                                                   cast)))
    response = client.post(url("reviews:practice-review-create", cast), {
        "rapid_review": cast.review1.pk, "title": "Child A", "target_months": "6",
        **date("decided_on", D(2026, 1, 14))})
    assert "Choose one of the rapid reviews in the list" in text(response)
    assert not PracticeReview.objects.exists()


# Publication ---------------------------------------------------------------------------

def test_copy_due_date_counts_working_days_around_bank_holidays(cast):
    review = make(cast)
    # Publication Tue 7 Apr 2026. Counting back: Mon 6 Apr (Easter Monday) and Fri 3 Apr
    # (Good Friday) are bank holidays; Thu 2 (1), Wed 1 (2), Tue 31 Mar (3), Mon 30 (4),
    # Fri 27 (5), Thu 26 (6), Wed 25 Mar (7).
    assert copy_due_by(review, D(2026, 4, 7)) == D(2026, 3, 25)
    # Publication Mon 5 Jan 2026: Fri 2 Jan (1); 1 Jan, 25 and 26 Dec are bank holidays;
    # Wed 31 (2), Tue 30 (3), Mon 29 (4), Wed 24 (5), Tue 23 (6), Mon 22 Dec (7).
    assert copy_due_by(review, D(2026, 1, 5)) == D(2025, 12, 22)
    # A plain week: Fri 12 Jun 2026 -> Wed 3 Jun 2026.
    assert copy_due_by(review, D(2026, 6, 12)) == D(2026, 6, 3)
    assert copy_due_by(review) is None  # no planned date yet


def test_a_closure_day_does_not_move_the_statutory_copy_date(cast):
    from partnership.models import ClosureDay

    review = make(cast)
    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 3, 30), reason="Closure")
    assert copy_due_by(review, D(2026, 4, 7)) == D(2026, 3, 25)


def test_a_copy_sent_late_is_refused_and_nothing_changes(cast, client_for):
    review = ready(cast)
    before = PracticeReview.objects.filter(pk=review.pk).values().get()
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:practice-review-publication", cast, pk=review.pk), {
        "publication": "full", **date("planned_on", D(2026, 4, 7)),
        **date("copy_sent_on", D(2026, 3, 26))})
    assert response.status_code == 200
    page = text(response)
    assert ("The copy must reach the Panel and the Secretary of State at least 7 working days "
            "before publication: by 25 March 2026 for publication on 7 April 2026") in page
    assert 'href="#id_copy_sent_on_0"' in page  # the error summary points at the field
    assert PracticeReview.objects.filter(pk=review.pk).values().get() == before


def test_a_copy_sent_in_time_is_recorded_and_shown(cast, client_for):
    review = ready(cast)
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:practice-review-publication", cast, pk=review.pk), {
        "publication": "full", **date("planned_on", D(2026, 4, 7)),
        **date("copy_sent_on", D(2026, 3, 25))})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.publication, review.planned_publication_on, review.copy_sent_on) == (
        "full", D(2026, 4, 7), D(2026, 3, 25))
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Wednesday 25 March 2026" in page
    assert "In time" in page and "Late: less than" not in page
    sign(cast, review, "publication")
    # Publication recorded on the day, with its address.
    response = client.post(url("reviews:practice-review-publication", cast, pk=review.pk), {
        "publication": "full", **date("planned_on", D(2026, 4, 7)),
        **date("copy_sent_on", D(2026, 3, 25)), **date("published_on", D(2026, 4, 7)),
        "published_url": "https://example.org/child-q.pdf"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "published" and review.published_on == D(2026, 4, 7)
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "https://example.org/child-q.pdf" in page
    listing = text(client.get(url("reviews:practice-review-list", cast)))
    assert "govuk-tag--blue\">Published" in listing


def test_the_publication_page_shows_the_computed_due_date(cast, client_for):
    review = ready(cast)
    services.publication_record(review=review, publication="full", planned_on=D(2026, 4, 7))
    page = text(client_for(cast.bu_manager).get(
        url("reviews:practice-review-publication", cast, pk=review.pk)))
    assert ("the copies to the Panel, the Secretary of State and Ofsted are due by "
            "<strong>Wednesday 25 March 2026</strong>") in page


def test_publishing_without_a_copy_is_refused(cast, client_for):
    review = ready(cast)
    response = client_for(cast.bu_manager).post(
        url("reviews:practice-review-publication", cast, pk=review.pk),
        {"publication": "full", **date("published_on", D(2026, 4, 7))})
    assert ("Record the date the copy was sent to the Panel and the Secretary of State before "
            "recording publication") in text(response)
    review.refresh_from_db()
    assert review.published_on is None and review.publication == ""


def test_not_publishing_without_reasons_is_refused(cast, client_for):
    review = ready(cast)
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:practice-review-publication", cast, pk=review.pk),
                           {"publication": "not_published", "reasons": "  "})
    assert response.status_code == 200
    assert "Enter the reasons for not publishing" in text(response)
    review.refresh_from_db()
    assert review.publication == "" and review.status == "commissioned"

    response = client.post(url("reviews:practice-review-publication", cast, pk=review.pk), {
        "publication": "not_published",
        "reasons": "Publication would identify the sibling; improvements published instead"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "not_published"
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Publication would identify the sibling" in page


def test_a_decision_is_needed(cast, client_for):
    review = make(cast)
    response = client_for(cast.bu_manager).post(
        url("reviews:practice-review-publication", cast, pk=review.pk), {"publication": ""})
    assert "Choose whether the review will be published" in text(response)


def test_an_overdue_copy_is_flagged(cast, client_for):
    review = ready(cast)
    services.publication_record(review=review, publication="full", planned_on=D(2025, 7, 1))
    page = text(client_for(cast.chair).get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Overdue" in page


# State, milestones, briefings ------------------------------------------------------------

def test_the_list_shows_on_track_late_and_published(cast, client_for):
    today = datetime.date.today()
    make(cast, title="Child Late", decided_on=today - datetime.timedelta(days=400))
    make(cast, title="Child Soon", decided_on=today)
    published = ready(cast, title="Child Done", decided_on=today - datetime.timedelta(days=400))
    publish(cast, published, planned_on=today - datetime.timedelta(days=30),
            copy_sent_on=today - datetime.timedelta(days=60),
            published_on=today - datetime.timedelta(days=30))
    page = text(client_for(cast.scrutineer).get(url("reviews:practice-review-list", cast)))
    rows = {title: page.split(title, 1)[1].split("</tr>", 1)[0]
            for title in ("Child Late", "Child Soon", "Child Done")}
    assert "Late</strong>" in rows["Child Late"]
    assert "On track</strong>" in rows["Child Soon"]
    assert "Published</strong>" in rows["Child Done"]
    assert "Add a practice review" not in page  # the scrutineer reads only


def test_list_queries_do_not_grow_with_reviews(cast, client_for):
    client = client_for(cast.bu_manager)
    theme = practice(cast).theme1
    list_url = url("reviews:practice-review-list", cast)
    client.get(list_url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url).status_code == 200
        return len(queries)

    few = count()
    for i in range(15):
        review = make(cast, title=f"Child {i}", themes=[theme])
        services.milestone_add(review=review, title="Chronologies", due_on=D(2025, 7, 1))
    assert count() == few


def test_milestones_are_added_flagged_when_late_and_marked_done(cast, client_for):
    review = make(cast)
    client = client_for(cast.bu_officer)
    response = client.post(url("reviews:practice-milestone-add", cast, pk=review.pk), {
        "title": "Practitioner event", **date("due_on", D(2025, 9, 1))})
    assert response.status_code == 302
    milestone = review.milestones.get()
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Practitioner event" in page and "govuk-tag--red\">Late" in page
    done = url("reviews:practice-milestone-done", cast, pk=review.pk, milestone_pk=milestone.pk)
    assert done in page
    response = client.post(done, date("done_on", D(2025, 9, 3)))
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == D(2025, 9, 3)
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Done late" in page and done not in page


def test_another_reviews_milestone_is_not_found(cast, client_for):
    review, other = make(cast), make(cast, title="Child R")
    milestone = services.milestone_add(review=other, title="Draft", due_on=D(2025, 9, 1))
    response = client_for(cast.bu_manager).post(
        url("reviews:practice-milestone-done", cast, pk=review.pk, milestone_pk=milestone.pk),
        date("done_on", D(2025, 9, 3)))
    assert response.status_code == 404
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_learning_briefings(cast, client_for):
    review = make(cast)
    client = client_for(cast.bu_manager)
    response = client.post(url("reviews:practice-briefing-add", cast, pk=review.pk), {
        "title": "Seven minute briefing: Child Q", "summary": "Professional curiosity",
        **date("published_on", D(2026, 5, 1)), "link": "example.org/briefing"})
    assert response.status_code == 302
    briefing = review.briefings.get()
    assert briefing.link == "https://example.org/briefing"
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=review.pk)))
    assert "Seven minute briefing: Child Q" in page and "1 May 2026" in page


def test_the_detail_page_shows_everything_and_logs_the_read(cast, client_for):
    c = practice(cast)
    client = client_for(cast.dsp)
    page = text(client.get(url("reviews:practice-review-detail", cast, pk=c.practice1.pk)))
    for expected in ("Child Q", "An independent reviewer", "CNRY-RR-FACTS", "Neglect",
                     "Terms of reference agreed", "Seven minute briefing",
                     "Recommendation 1", "Deliver the training", "Agency A Academy",
                     "On track</strong>"):
        assert expected in page, expected
    assert "Change the review" not in page  # a partner reads; the business unit writes
    event = AccessEvent.objects.get(user=cast.dsp)
    assert event.object_id == str(c.practice1.pk) and event.partnership == cast.p1


def test_other_readers_may_not_write(cast, client_for):
    review = make(cast)
    for who in ("lsp", "dsp", "chair", "scrutineer"):
        client = client_for(cast.users[who])
        for name in ("reviews:practice-review-edit", "reviews:practice-review-publication",
                     "reviews:practice-milestone-add", "reviews:practice-briefing-add"):
            assert client.get(url(name, cast, pk=review.pk)).status_code == 403, (who, name)
        assert client.get(url("reviews:practice-review-create", cast)).status_code == 403


def test_agency_staff_get_404_everywhere(cast, client_for):
    """Every route of practice_routes in reviews/urls.py, for agency A's staff and the police lead
    (whose agency wrote a rapid review summary), answers 404."""
    from reviews.urls import app_name, practice_routes

    c = lcspr(cast)
    args = {"pk": {"practice": c.practice1.pk, "recommendations": c.rec1.pk,
                   "themes": c.theme1.pk, "national": c.national1.pk},
            "milestone_pk": c.milestone1.pk}
    urls = []  # (address, whether it takes a POST, whether only a POST)
    for pattern in practice_routes:
        kwargs = {}
        for name in pattern.pattern.converters:
            value = args[name]
            kwargs[name] = value[str(pattern.pattern).split("/")[0]] if name == "pk" else value
        writes = pattern.name.endswith(("-create", "-edit", "-add", "-done", "-publication",
                                        "-sign-off"))
        urls.append((url(f"{app_name}:{pattern.name}", cast, **kwargs), writes,
                     pattern.name.endswith("-sign-off")))
    for query in (f"?practice={c.practice1.pk}", f"?rapid={cast.review1.pk}",
                  f"?national={c.national1.pk}"):
        urls.append((url("reviews:recommendation-create", cast) + query, True, False))
    assert len(urls) == 26
    for who in (*A_STAFF, "lead_police"):
        client = client_for(cast.users[who])
        for address, writes, post_only in urls:
            if not post_only:
                assert client.get(address).status_code == 404, (who, address)
            if writes:
                response = client.post(address, {"title": "x", "name": "x", "text": "x"})
                assert response.status_code == 404, (who, address)


def test_a_published_review_can_only_be_closed(cast, client_for):
    review = ready(cast)
    publish(cast, review, planned_on=D(2026, 4, 7), copy_sent_on=D(2026, 3, 25),
            published_on=D(2026, 4, 7))
    client = client_for(cast.bu_manager)
    form = text(client.get(url("reviews:practice-review-edit", cast, pk=review.pk)))
    assert 'value="published" checked' in form and 'value="closed"' in form
    assert 'value="in_progress"' not in form
    response = client.post(url("reviews:practice-review-edit", cast, pk=review.pk), {
        "title": "Child Q", "status": "in_progress", **date("target_on", D(2025, 12, 2))})
    assert "Choose one of the stages" in text(response)
    response = client.post(url("reviews:practice-review-edit", cast, pk=review.pk), {
        "title": "Child Q", "status": "closed", **date("target_on", D(2025, 12, 2))})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "closed" and review.published_on == D(2026, 4, 7)
