"""The case reviews API: notifications (notify_by), rapid reviews (due_on, sign-offs, the
summaries' deadlines), practice reviews and recommendations. Scoped to what each person may
see; no child-identifying field ever; the statutory deadlines of domain.md §1.12; the
business unit's writes and the partners' sign-offs, and their refusals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import AccessEvent
from partnership.services import people
from reviews.models import LearningTheme, Notification, ReviewSignOff
from reviews.services import notifications, practice, rapid, recommendations

from .cast import P1_ROLES, START, USERS
from .matrix_lcspr import sign as sign_stages

pytestmark = pytest.mark.django_db

D = datetime.date
LISTS = ("reviews:api-notification-list", "reviews:api-rapid-review-list",
         "reviews:api-practice-review-list", "reviews:api-recommendation-list")
CHILD_FIELDS = ("legal_name", "date_of_birth", "dob", "nhs_number", "address", "child_record",
                "name", "children", "sex", "ethnicity", "legal_status", "placement",
                "known_to_agencies", "abuse_or_neglect", "home_local_authority")
CHILD = {"pseudonym": "Child B", "age_band": "10_15", "sex": "female", "ethnicity": "white",
         "disability": "no", "legal_status": "child_in_need", "placement": "parents",
         "known_to_agencies": "yes", "abuse_or_neglect": "suspected",
         "home_local_authority": "Northshire"}


def get(client_for, user, name, query=None, **kwargs):
    return client_for(user).get(reverse(name, kwargs=kwargs or None), query or {})


def send(client_for, user, name, data, method="post", **kwargs):
    return getattr(client_for(user), method)(reverse(name, kwargs=kwargs or None), data,
                                             content_type="application/json")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(client_for, user, name, **query):
    return {row["id"] for row in results(get(client_for, user, name, query))}


def keys(value):
    """Every key anywhere in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


@pytest.fixture
def decided(cast):
    rapid.decision_record(review=cast.review1, decision="practice_review",
                          reasons="CNRY-RR-FACTS: meets criteria (a) and (c)",
                          decided_on=D(2026, 1, 12))
    return cast.review1


@pytest.fixture
def more(cast, decided):
    """A practice review and recommendations with an action, in P1."""
    neglect = LearningTheme.objects.create(partnership=cast.p1, name="Neglect")
    review = practice.practice_review_create(partnership=cast.p1, title="Child Q",
                                             decided_on=D(2026, 2, 2), themes=[neglect])
    sign_stages(cast, review, "commissioning", "final_report")
    practice.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10))
    first = recommendations.recommendation_create(review=cast.review1, text="Share the plan",
                                                  themes=[neglect])
    action = recommendations.action_add(recommendation=first, description="Write the protocol",
                                        owner_agency=cast.agency_a, due_on=D(2026, 9, 1),
                                        created_by=cast.bu_officer)
    second = recommendations.recommendation_create(review=review, text="Train staff")
    return {"practice": review, "rapid_rec": first, "practice_rec": second, "action": action,
            "theme": neglect}


# --- Scoping ---------------------------------------------------------------------------

def test_who_sees_which_case(cast, client_for):
    def seen(who):
        return ids(client_for, cast.users[who], "reviews:api-notification-list")

    for who in P1_ROLES:
        assert seen(who) == {cast.case1.pk}, who
    # Agency leads: only cases their agency was asked to contribute to.
    assert seen("lead_a") == {cast.case1.pk}
    assert seen("lead_police") == {cast.case1.pk}  # not P2's case: the police are not asked
    for who in ("chief_a", "contributor_a", "lead_x", "outsider"):
        assert seen(who) == set(), who
    assert seen("bu_p2") == {cast.case_p2.pk}
    for who in ("lead_x", "bu_p2", "lead_police", "outsider"):
        assert get(client_for, cast.users[who], "reviews:api-notification-detail",
                   pk=cast.case1.pk).status_code == (200 if who == "lead_police" else 404)


def test_notification_shape(cast, client_for):
    [row] = results(get(client_for, cast.scrutineer, "reviews:api-notification-list"))
    assert row == {
        "id": cast.case1.pk, "reference": cast.case1.reference, "partnership": cast.p1.pk,
        "pseudonym": "Child A", "age_band": "1_4", "incident_type": "serious_harm",
        "looked_after": False, "incident_on": None, "la_aware_on": "2025-12-19",
        "notify_by": "2025-12-30", "notified_on": "2025-12-22", "notified_in_time": True,
        "panel_reference": "CSPN-0001", "partners_informed_on": None,
        "partners_informed_in_time": None, "closed_on": None, "themes": [],
        "rapid_review": cast.review1.pk}


def test_agency_lead_sees_own_summary_and_no_facts(cast, client_for, decided):
    [listed] = results(get(client_for, cast.lead_a, "reviews:api-rapid-review-list"))
    assert [s["agency"] for s in listed["summaries"]] == [cast.agency_a.pk]
    detail = get(client_for, cast.lead_a, "reviews:api-rapid-review-detail",
                 pk=cast.review1.pk).json()
    assert [s["agency_name"] for s in detail["summaries"]] == ["Agency A Academy"]
    for name in ("facts", "immediate_actions", "learning", "decision_reasons", "panel_response"):
        assert detail[name] is None, name
    assert detail["decision"] == "practice_review"
    police = get(client_for, cast.lead_police, "reviews:api-rapid-review-detail",
                 pk=cast.review1.pk).json()
    assert [s["agency_name"] for s in police["summaries"]] == ["Shires Police"]
    for who in ("lead_a", "lead_police"):
        for name in ("reviews:api-rapid-review-list", "reviews:api-notification-list"):
            body = get(client_for, cast.users[who], name).content
            assert b"CNRY-RR-FACTS" not in body and b"CNRY-SUMMARY" not in body
    assert ids(client_for, cast.chief_a, "reviews:api-rapid-review-list") == set()
    assert get(client_for, cast.chief_a, "reviews:api-rapid-review-detail",
               pk=cast.review1.pk).status_code == 404


def test_readers_get_facts_on_the_detail_only(cast, client_for, decided):
    [listed] = results(get(client_for, cast.scrutineer, "reviews:api-rapid-review-list"))
    assert "facts" not in listed and "decision_reasons" not in listed
    assert b"CNRY-RR-FACTS" not in get(client_for, cast.scrutineer,
                                       "reviews:api-rapid-review-list").content
    # Both summaries are drafts: the scrutineer sees none of them, the business unit both.
    assert listed["summaries"] == []
    [listed] = results(get(client_for, cast.bu_officer, "reviews:api-rapid-review-list"))
    assert {s["agency_name"] for s in listed["summaries"]} == {"Agency A Academy",
                                                               "Shires Police"}
    assert all(set(s) == {"id", "agency", "agency_name", "requested_on", "due_on", "status",
                          "submitted_at"} for s in listed["summaries"])
    detail = get(client_for, cast.scrutineer, "reviews:api-rapid-review-detail",
                 pk=cast.review1.pk).json()
    assert detail["facts"] == "CNRY-RR-FACTS"
    assert detail["decision_reasons"].startswith("CNRY-RR-FACTS")
    assert detail["due_on"] == "2026-01-15" and detail["decided_on"] == "2026-01-12"


def test_rapid_review_reads_are_logged(cast, client_for):
    before = AccessEvent.objects.count()
    for who in ("scrutineer", "lead_a"):
        get(client_for, cast.users[who], "reviews:api-rapid-review-detail", pk=cast.review1.pk)
    events = list(AccessEvent.objects.order_by("pk")[before:])
    assert [(e.user, e.object_id, e.partnership) for e in events] == [
        (cast.scrutineer, str(cast.review1.pk), cast.p1), (cast.lead_a, str(cast.review1.pk),
                                                           cast.p1)]
    assert AccessEvent.objects.count() == before + 2
    get(client_for, cast.lead_x, "reviews:api-rapid-review-detail", pk=cast.review1.pk)
    assert AccessEvent.objects.count() == before + 2  # a refused read shows nothing


def test_no_child_identifying_field_anywhere(cast, client_for, more):
    # Even a current case grant does not bring the child's identity into the API.
    notifications.grant_create(notification=cast.case1, user=cast.scrutineer, purpose="Audit",
                               days=5, granted_by=cast.bu_manager)
    # Nor the children's characteristics or what happened, even for the business unit.
    notifications.notified_child_add(notification=cast.case1, **{
        **CHILD, "pseudonym": "CNRY-NOTIFIED-CHILD", "home_local_authority": "CNRY-HOME-LA"})
    notifications.notification_update(notification=cast.case1, summary="CNRY-WHAT-HAPPENED")
    details = [("reviews:api-notification-detail", cast.case1.pk),
               ("reviews:api-rapid-review-detail", cast.review1.pk),
               ("reviews:api-practice-review-detail", more["practice"].pk),
               ("reviews:api-recommendation-detail", more["rapid_rec"].pk)]
    for who in USERS:
        user = cast.users[who]
        responses = [get(client_for, user, name) for name in LISTS]
        responses += [get(client_for, user, name, pk=pk) for name, pk in details]
        for response in responses:
            assert b"CNRY-CHILD-NAME" not in response.content, who
            assert b"2022-05-01" not in response.content, who  # the date of birth
            for canary in (b"CNRY-NOTIFIED-CHILD", b"CNRY-HOME-LA", b"CNRY-WHAT-HAPPENED"):
                assert canary not in response.content, (who, canary)
            if response.status_code == 200:
                found = set(keys(response.json()))
                assert not found & set(CHILD_FIELDS), (who, found & set(CHILD_FIELDS))


def test_other_partnerships_cases_stay_there(cast, client_for):
    for who in (*P1_ROLES, "lead_a", "lead_police", "lead_x"):
        for name in LISTS:
            assert b"CNRY-CASE-P2" not in get(client_for, cast.users[who], name).content


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", ""])
def test_partnership_filter_that_is_not_a_number(cast, client_for, value):
    for name in LISTS:
        response = get(client_for, cast.bu_manager, name, {"partnership": value})
        assert response.status_code == 400, name
        assert "whole number" in response.json()["partnership"][0]


def test_partnership_filter_that_is_not_yours_looks_missing(cast, client_for):
    for name in LISTS:
        theirs = get(client_for, cast.bu_manager, name, {"partnership": cast.p2.pk})
        missing = get(client_for, cast.bu_manager, name, {"partnership": 987654})
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content
        assert get(client_for, cast.bu_manager, name, {"partnership": cast.p1.pk}
                   ).status_code == 200


def test_practice_reviews_and_recommendations_for_readers_only(cast, client_for, more):
    review = more["practice"]
    [row] = results(get(client_for, cast.chair, "reviews:api-practice-review-list"))
    assert row == {
        "id": review.pk, "partnership": cast.p1.pk, "rapid_review": None, "title": "Child Q",
        "decided_on": "2026-02-02", "target_on": "2026-08-02", "status": "commissioned",
        "publication": "full", "planned_publication_on": "2026-08-10",
        "copy_due_by": "2026-07-30", "copy_sent_on": None, "ofsted_copy_sent_on": None,
        "published_on": None, "published_url": "", "sign_offs": row["sign_offs"]}
    assert [(s["stage"], s["partner"]) for s in row["sign_offs"]] == [
        (stage, partner) for stage in ("commissioning", "final_report")
        for partner in ("Northshire Council", "Northshire ICB", "Shires Police")]
    assert row["sign_offs"][0]["capacity"] == "Lead safeguarding partner for Northshire Council"
    assert row["copy_due_by"] == practice.copy_due_by(review).isoformat()
    detail = get(client_for, cast.chair, "reviews:api-practice-review-detail", pk=review.pk)
    assert detail.json() == row
    recs = {r["id"]: r for r in results(get(client_for, cast.scrutineer,
                                            "reviews:api-recommendation-list"))}
    assert recs[more["rapid_rec"].pk] == {
        "id": more["rapid_rec"].pk, "partnership": cast.p1.pk,
        "review": {"kind": "rapid_review", "id": cast.review1.pk}, "number": 1,
        "text": "Share the plan", "status": "accepted", "response": "", "impact": "",
        "themes": ["Neglect"], "actions": [more["action"].pk]}
    assert recs[more["practice_rec"].pk]["review"] == {"kind": "practice_review",
                                                       "id": review.pk}
    for who in ("lead_a", "chief_a", "lead_police", "lead_x", "bu_p2", "outsider"):
        for name in ("reviews:api-practice-review-list", "reviews:api-recommendation-list"):
            assert results(get(client_for, cast.users[who], name)) == [], (who, name)
        assert get(client_for, cast.users[who], "reviews:api-practice-review-detail",
                   pk=review.pk).status_code == 404
        assert get(client_for, cast.users[who], "reviews:api-recommendation-detail",
                   pk=more["rapid_rec"].pk).status_code == 404


def test_huge_or_odd_ids_are_not_found(cast, client_for):
    client = client_for(cast.bu_manager)
    for part in ("notifications", "rapid-reviews", "practice-reviews", "recommendations"):
        for pk in ("99999999999999999999999", "0", "abc", "9223372036854775807"):
            url = f"/api/reviews/{part}/{pk}/"
            assert client.get(url).status_code == 404, url
    url = "/api/reviews/rapid-reviews/99999999999999999999999/sign-off/"
    assert client_for(cast.lsp).post(url, {"partner": cast.council1.pk},
                                     content_type="application/json").status_code == 404


# --- The statutory deadlines (domain.md §1.12 worked examples) -------------------------

WORKED = [  # LA aware, notify by, rapid review due (notified on the notify-by date)
    (D(2019, 4, 18), D(2019, 4, 29), D(2019, 5, 21)),
    (D(2024, 12, 20), D(2024, 12, 31), D(2025, 1, 22)),
    (D(2025, 12, 19), D(2025, 12, 30), D(2026, 1, 21)),
    (D(2025, 12, 22), D(2025, 12, 31), D(2026, 1, 22)),
    (D(2026, 3, 27), D(2026, 4, 7), D(2026, 4, 28)),
    (D(2026, 4, 1), D(2026, 4, 10), D(2026, 5, 1)),
    (D(2024, 5, 1), D(2024, 5, 9), D(2024, 5, 31)),
    (D(2023, 5, 3), D(2023, 5, 11), D(2023, 6, 2)),
]


@pytest.mark.parametrize("aware,notify_by,due_on", WORKED, ids=[str(w[0]) for w in WORKED])
def test_the_worked_examples(cast, client_for, aware, notify_by, due_on):
    created = send(client_for, cast.bu_officer, "reviews:api-notification-list", {
        "partnership": cast.p1.pk, "pseudonym": "Child W", "incident_type": "death",
        "children": [{**CHILD, "age_band": "under_1"}], "la_aware_on": aware.isoformat()})
    assert created.status_code == 201, created.content
    assert created.json()["notify_by"] == notify_by.isoformat()
    pk = created.json()["id"]
    patched = send(client_for, cast.bu_officer, "reviews:api-notification-detail",
                   {"notified_on": notify_by.isoformat()}, method="patch", pk=pk)
    assert patched.status_code == 200, patched.content
    assert patched.json()["notified_in_time"] is True
    review = rapid.rapid_review_start(notification=Notification.objects.get(pk=pk))
    body = get(client_for, cast.scrutineer, "reviews:api-rapid-review-detail",
               pk=review.pk).json()
    assert body["due_on"] == due_on.isoformat()
    assert get(client_for, cast.scrutineer, "reviews:api-notification-detail",
               pk=pk).json()["rapid_review"] == review.pk


def test_the_rapid_review_counts_from_the_day_actually_notified(cast, client_for):
    """Child A: aware Fri 19 Dec 2025, notified early on Mon 22 Dec 2025: due Thu 15 Jan
    2026, not Wed 21 Jan 2026 (15 working days after the notify-by date)."""
    [row] = results(get(client_for, cast.bu_manager, "reviews:api-rapid-review-list"))
    assert row["due_on"] == "2026-01-15"
    assert {s["due_on"] for s in row["summaries"]} == {"2026-01-09"}


# --- Writes ----------------------------------------------------------------------------

def body(cast, **more):
    return {"partnership": cast.p1.pk, "pseudonym": "Child B", "incident_type": "serious_harm",
            "la_aware_on": "2026-03-27", "children": [CHILD], **more}


def test_business_unit_records_a_notification(cast, client_for):
    LearningTheme.objects.create(partnership=cast.p1, name="Neglect")
    response = send(client_for, cast.bu_manager, "reviews:api-notification-list",
                    body(cast, themes=["Neglect"],
                         children=[CHILD, {**CHILD, "pseudonym": "Child C",
                                           "age_band": "5_9", "legal_status": "looked_after"}],
                         incident_on="2026-03-25", notified_on="2026-04-07",
                         panel_reference="CSPN-2", partners_informed_on="2026-04-08"))
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["reference"] == f"N-{cast.p1.pk}-2026-001"
    assert made["notify_by"] == "2026-04-07" and made["notified_in_time"] is True
    assert made["partners_informed_in_time"] is False
    assert made["themes"] == ["Neglect"] and made["looked_after"] is True  # Child C is
    assert made["age_band"] == "10_15"  # the first child's
    assert "children" not in made and "summary" not in made
    notification = Notification.objects.get(pk=made["id"])
    assert [c.pseudonym for c in notification.children.all()] == ["Child B", "Child C"]
    assert notification.created_by == cast.bu_manager
    assert not hasattr(notification, "child_record") or notification.child_record is None


def test_dates_in_the_wrong_order_are_refused(cast, client_for):
    before = Notification.objects.count()
    response = send(client_for, cast.bu_manager, "reviews:api-notification-list",
                    body(cast, notified_on="2026-03-20", incident_on="2026-03-30"))
    assert response.status_code == 400
    errors = response.json()
    assert "on or after the date the local authority became aware" in errors["notified_on"][0]
    assert "on or before the date the local authority became aware" in errors["incident_on"][0]
    future = send(client_for, cast.bu_manager, "reviews:api-notification-list",
                  body(cast, la_aware_on="2099-01-01"))
    assert future.status_code == 400 and "today or in the past" in future.json()[
        "la_aware_on"][0]
    missing = send(client_for, cast.bu_manager, "reviews:api-notification-list",
                   {"partnership": cast.p1.pk, "age_band": "teenager"})
    assert missing.status_code == 400
    assert {"pseudonym", "children", "incident_type", "la_aware_on"} <= set(missing.json())
    other_theme = LearningTheme.objects.create(partnership=cast.p2, name="Exploitation")
    theirs = send(client_for, cast.bu_manager, "reviews:api-notification-list",
                  body(cast, themes=[other_theme.name]))
    assert theirs.status_code == 400 and "themes" in theirs.json()
    assert Notification.objects.count() == before


def test_only_the_business_unit_writes(cast, client_for):
    for who in ("lsp", "dsp", "chair", "scrutineer", "lead_a", "chief_a", "lead_police"):
        response = send(client_for, cast.users[who], "reviews:api-notification-list",
                        body(cast))
        assert response.status_code == 403, who
        patch = send(client_for, cast.users[who], "reviews:api-notification-detail",
                     {"partners_informed_on": "2025-12-23"}, method="patch", pk=cast.case1.pk)
        assert patch.status_code == (404 if who == "chief_a" else 403), who
    for who in ("lead_x", "bu_p2", "outsider"):
        response = send(client_for, cast.users[who], "reviews:api-notification-list",
                        body(cast))
        assert response.status_code == 400, who
        assert "Choose one of your partnerships." in response.json()["partnership"][0]
        patch = send(client_for, cast.users[who], "reviews:api-notification-detail",
                     {"partners_informed_on": "2025-12-23"}, method="patch", pk=cast.case1.pk)
        assert patch.status_code == 404, who
    assert client_for(None).get(reverse("reviews:api-notification-list")).status_code == 401
    cast.case1.refresh_from_db()
    assert cast.case1.partners_informed_on is None


def test_business_unit_updates_a_notification(cast, client_for):
    response = send(client_for, cast.bu_officer, "reviews:api-notification-detail",
                    {"partners_informed_on": "2025-12-23", "partnership": cast.p2.pk},
                    method="patch", pk=cast.case1.pk)
    assert response.status_code == 200, response.content
    assert response.json()["partners_informed_on"] == "2025-12-23"
    assert response.json()["partners_informed_in_time"] is True
    assert response.json()["partnership"] == cast.p1.pk  # read-only once recorded
    wrong = send(client_for, cast.bu_officer, "reviews:api-notification-detail",
                 {"partners_informed_on": "2025-12-01"}, method="patch", pk=cast.case1.pk)
    assert wrong.status_code == 400 and "partners_informed_on" in wrong.json()
    # The review has started: the date the Panel was notified cannot go.
    gone = send(client_for, cast.bu_officer, "reviews:api-notification-detail",
                {"notified_on": None}, method="patch", pk=cast.case1.pk)
    assert gone.status_code == 400 and "notified_on" in gone.json()
    # Notified later: the rapid review's deadline moves with it.
    moved = send(client_for, cast.bu_officer, "reviews:api-notification-detail",
                 {"notified_on": "2025-12-30"}, method="patch", pk=cast.case1.pk)
    assert moved.status_code == 200
    assert get(client_for, cast.bu_officer, "reviews:api-rapid-review-detail",
               pk=cast.review1.pk).json()["due_on"] == "2026-01-21"
    cast.case1.refresh_from_db()
    assert cast.case1.partners_informed_on == D(2025, 12, 23)


def test_put_and_delete_are_not_allowed(cast, client_for):
    url = reverse("reviews:api-notification-detail", kwargs={"pk": cast.case1.pk})
    client = client_for(cast.bu_manager)
    assert client.put(url, {}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405
    for name in ("reviews:api-rapid-review-list", "reviews:api-practice-review-list",
                 "reviews:api-recommendation-list"):
        assert send(client_for, cast.bu_manager, name, {}).status_code == 405


# --- Sign-off --------------------------------------------------------------------------

def sign(client_for, user, cast, partner):
    return send(client_for, user, "reviews:api-rapid-review-sign-off",
                {"partner": partner.pk}, pk=cast.review1.pk)


def test_no_sign_off_without_a_decision(cast, client_for):
    response = sign(client_for, cast.lsp, cast, cast.council1)
    assert response.status_code == 400
    assert "no decision" in str(response.json()).lower()


def test_each_partner_signs_for_the_partner_they_act_for(cast, client_for, decided):
    nurse = people.membership_create(
        user=cast.outsider, partnership=cast.p1, role="delegated_safeguarding_partner",
        agency=cast.icb1, start_date=START).user
    # Not theirs to sign: 403 for those who see the review, 404 for those who do not.
    assert sign(client_for, cast.dsp, cast, cast.council1).status_code == 403
    assert sign(client_for, cast.lsp, cast, cast.police).status_code == 403
    assert sign(client_for, cast.lsp, cast, cast.agency_a).status_code == 403
    for who in ("bu_manager", "chair", "scrutineer", "lead_a", "lead_police"):
        assert sign(client_for, cast.users[who], cast, cast.council1).status_code == 403, who
    for who in ("chief_a", "lead_x", "bu_p2"):
        assert sign(client_for, cast.users[who], cast, cast.council1).status_code == 404, who
    assert ReviewSignOff.objects.count() == 0
    made = sign(client_for, cast.lsp, cast, cast.council1)
    assert made.status_code == 201, made.content
    assert made.json()["partner"] == cast.council1.pk
    assert made.json()["signed_by"] == cast.lsp.pk
    assert made.json()["decision"] == "practice_review"
    again = sign(client_for, cast.lsp, cast, cast.council1)
    assert again.status_code == 400 and "already signed" in str(again.json())
    assert sign(client_for, cast.dsp, cast, cast.police).status_code == 201
    assert rapid.missing_sign_offs(cast.review1) == [cast.icb1]
    assert sign(client_for, nurse, cast, cast.icb1).status_code == 201
    assert rapid.missing_sign_offs(cast.review1) == []
    [row] = results(get(client_for, cast.lead_a, "reviews:api-rapid-review-list"))
    assert {s["partner_name"] for s in row["sign_offs"]} == {
        "Northshire Council", "Shires Police", "Northshire ICB"}


def test_a_bad_sign_off_request(cast, client_for, decided):
    url = reverse("reviews:api-rapid-review-sign-off", kwargs={"pk": cast.review1.pk})
    for data in ({}, {"partner": "council"}, {"partner": -3}):
        response = client_for(cast.lsp).post(url, data, content_type="application/json")
        assert response.status_code == 400, data
        assert "partner" in response.json()
    assert client_for(cast.lsp).get(url).status_code == 405
    assert ReviewSignOff.objects.count() == 0


# --- Queries ---------------------------------------------------------------------------

def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response


def add_rows(cast, n):
    theme, _ = LearningTheme.objects.get_or_create(partnership=cast.p1, name="Neglect")
    start = Notification.objects.count()
    for i in range(start, start + n):
        case = notifications.notification_create(
            partnership=cast.p1, created_by=cast.bu_officer, pseudonym=f"Child {i}",
            age_band="5_9", incident_type="death", la_aware_on=D(2026, 1, 5),
            notified_on=D(2026, 1, 6), themes=[theme])
        review = rapid.rapid_review_start(notification=case)
        rapid.summaries_request(review=review, agencies=[cast.agency_a, cast.police],
                                requested_on=D(2026, 1, 6))
        rapid.decision_record(review=review, decision="no_review", reasons="Not met",
                              decided_on=D(2026, 1, 20))
        rapid.sign_off(review=review, partner=cast.council1, user=cast.lsp)
        prac = practice.practice_review_create(partnership=cast.p1, title=f"Child P{i}",
                                               decided_on=D(2026, 2, 2), themes=[theme])
        sign_stages(cast, prac, "commissioning", "final_report")
        practice.publication_record(review=prac, publication="full",
                                    planned_on=D(2026, 9, 1))
        rec = recommendations.recommendation_create(review=prac, text=f"Do {i}", themes=[theme])
        recommendations.action_add(recommendation=rec, description=f"Act {i}",
                                   owner_agency=cast.agency_a, due_on=D(2026, 9, 1),
                                   created_by=cast.bu_officer)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("who", ["bu_manager", "lead_a"])
def test_list_queries_do_not_grow(cast, client_for, name, who):
    client = client_for(cast.users[who])
    url = reverse(name)
    add_rows(cast, 2)
    client.get(url)
    few, _ = count_queries(client, url)
    add_rows(cast, 8)
    many, response = count_queries(client, url)
    assert few == many, f"{few} queries for a few rows, {many} for more"
    cases = "rapid" in name or "notification" in name  # the cast's case and 10 more
    expected = (11 if cases else 10) if who == "bu_manager" else (11 if cases else 0)
    assert response.json()["count"] == expected
