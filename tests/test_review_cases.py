"""Serious incident notifications, the restricted child record and case access grants:
deadlines shown, bad dates refused, agency leads scoped to their own cases, the child's
identity only under a current grant with every read logged, and lists in a fixed number of
queries."""

import datetime
import html

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership import registry
from partnership.models import AccessEvent
from partnership.services import structure
from reviews import home, permissions
from reviews.models import CaseGrant, ChildRecord, LearningTheme, Notification
from reviews.models.themes import DEFAULT_THEMES
from reviews.services import notifications, rapid
from reviews.services.taxonomy import ensure_defaults as themes_ensure_defaults

from .cast import P1_ROLES, USERS

pytestmark = pytest.mark.django_db


def date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name, cast, *args):
    return reverse(name, args=[cast.p1.slug, *args])


def body(response):
    return html.unescape(response.content.decode())


CHILD_FORM = {"child-pseudonym": "Child B", "child-age_band": "under_1", "child-sex": "male",
              "child-ethnicity": "white", "child-disability": "no",
              "child-legal_status": "none", "child-placement": "parents",
              "child-known_to_agencies": "yes", "child-abuse_or_neglect": "suspected",
              "child-home_local_authority": "Northshire"}


def case_form(**more):
    """The incident and its first child (tests/test_notification_children.py has more)."""
    return {"pseudonym": "Child B", "incident_type": "death", **CHILD_FORM,
            **date("la_aware_on", datetime.date(2024, 12, 20)), **more}


def new_case(cast, pseudonym="Child C", **fields):
    fields.setdefault("la_aware_on", datetime.date(2025, 10, 1))
    return notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym=pseudonym, age_band="5_9",
        incident_type="serious_harm", **fields)


# Recording a notification


def test_business_unit_records_a_notification_and_sees_when_the_panel_must_be_told(
        cast, client_for):
    client = client_for(cast.bu_officer)
    form = client.get(url("reviews:case-create", cast))
    assert form.status_code == 200
    themes = LearningTheme.objects.filter(partnership=cast.p1)
    assert sorted(themes.values_list("name", flat=True)) == sorted(DEFAULT_THEMES)
    assert "Domestic abuse" in body(form)
    neglect = themes.get(name="Neglect")
    response = client.post(url("reviews:case-create", cast), case_form(
        **{"child-legal_status": "looked_after", "child-placement": "foster"},
        themes=[neglect.pk], panel_reference="CSPN-77",
        **date("incident_on", datetime.date(2024, 12, 19)),
        **date("notified_on", datetime.date(2024, 12, 30))), follow=True)
    case = Notification.objects.get(pseudonym="Child B")
    assert response.redirect_chain[-1][0] == url("reviews:case-detail", cast, case.pk)
    # domain.md §1.12: aware Fri 20 Dec 2024, notify by Tue 31 Dec 2024
    assert case.notify_by == datetime.date(2024, 12, 31)
    page = body(response)
    assert "The Panel must be notified by Tuesday 31 December 2024" in page
    assert "Notified on time" in page and "CSPN-77" in page and "Neglect" in page
    assert case.looked_after and list(case.themes.all()) == [neglect]
    assert case.created_by == cast.bu_officer
    # The defaults are made once only
    themes_ensure_defaults(cast.p1)
    assert themes.count() == len(DEFAULT_THEMES)


def test_a_late_notification_and_an_overdue_one_are_flagged(cast, client_for):
    new_case(cast, "Child Late", la_aware_on=datetime.date(2025, 10, 1),
             notified_on=datetime.date(2025, 10, 20))
    new_case(cast, "Child Unsent", la_aware_on=datetime.date(2025, 10, 1))
    today = timezone.localdate()
    due = new_case(cast, "Child Recent", la_aware_on=today)
    page = body(client_for(cast.bu_manager).get(url("reviews:case-list", cast)))
    assert "Notified late" in page and "Overdue" in page and "Notified on time" in page
    assert f"Due by {due.notify_by:%-d %B %Y}" in page


@pytest.mark.parametrize("fields, field, message", [
    (date("incident_on", datetime.date(2024, 12, 21)), "incident_on",
     "The date of the incident must be on or before the date the local authority became aware"),
    (date("notified_on", datetime.date(2024, 12, 19)), "notified_on",
     "The date the Panel was notified must be on or after the date the local authority "
     "became aware"),
    (date("partners_informed_on", datetime.date(2024, 1, 1)), "partners_informed_on",
     "The date partners were informed must be on or after the date the local authority "
     "became aware"),
    (date("la_aware_on", datetime.date(2099, 1, 1)), "la_aware_on",
     "The date the local authority became aware must be today or in the past"),
    ({"la_aware_on_0": "31", "la_aware_on_1": "2", "la_aware_on_2": "2025"}, "la_aware_on",
     "The date the local authority became aware must be a real date"),
    ({"la_aware_on_0": "", "la_aware_on_1": "", "la_aware_on_2": ""}, "la_aware_on",
     "Enter the date the local authority became aware"),
    ({"panel_reference": "CSPN-1"}, "notified_on",
     "Enter the date the Panel was notified, or remove the Panel's reference"),
])
def test_dates_in_the_wrong_order_are_refused_and_nothing_changes(cast, client_for, fields,
                                                                  field, message):
    client = client_for(cast.bu_manager)
    client.get(url("reviews:case-create", cast))
    before = Notification.objects.count()
    response = client.post(url("reviews:case-create", cast), case_form(**fields))
    assert response.status_code == 200
    assert message in body(response)
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in body(response)
    assert Notification.objects.count() == before


def test_editing_with_dates_in_the_wrong_order_changes_nothing(cast, client_for):
    client = client_for(cast.bu_manager)
    before = Notification.objects.filter(pk=cast.case1.pk).values().get()
    response = client.post(url("reviews:case-edit", cast, cast.case1.pk), {
        "pseudonym": "Child A", "age_band": "1_4", "incident_type": "serious_harm",
        **date("la_aware_on", datetime.date(2025, 12, 19)),
        **date("notified_on", datetime.date(2025, 12, 18))})
    assert "The date the Panel was notified must be on or after" in body(response)
    assert Notification.objects.filter(pk=cast.case1.pk).values().get() == before
    # Removing the date the Panel was notified once the rapid review started is refused too
    response = client.post(url("reviews:case-edit", cast, cast.case1.pk), {
        "pseudonym": "Child A", "age_band": "1_4", "incident_type": "serious_harm",
        **date("la_aware_on", datetime.date(2025, 12, 19))})
    assert "A rapid review has started: the date the Panel was notified cannot be removed" \
        in body(response)
    assert Notification.objects.filter(pk=cast.case1.pk).values().get() == before


def test_editing_a_date_recomputes_the_deadlines(cast, client_for):
    response = client_for(cast.bu_manager).post(url("reviews:case-edit", cast, cast.case1.pk), {
        "pseudonym": "Child A", "age_band": "1_4", "incident_type": "serious_harm",
        **date("la_aware_on", datetime.date(2025, 12, 22)),
        **date("notified_on", datetime.date(2025, 12, 31))}, follow=True)
    assert "The Panel must be notified by Wednesday 31 December 2025" in body(response)
    cast.review1.refresh_from_db()
    assert cast.review1.due_on == datetime.date(2026, 1, 22)  # domain.md §1.12


# Who sees which case


def test_agency_leads_see_only_the_cases_their_agency_contributes_to(cast, client_for):
    other = new_case(cast, "Child Police Only", notified_on=datetime.date(2025, 10, 2))
    review = rapid.rapid_review_start(notification=other)
    rapid.summaries_request(review=review, agencies=[cast.police])
    new_case(cast, "Child Nobody Asked")

    lead_a = client_for(cast.lead_a)
    page = body(lead_a.get(url("reviews:case-list", cast)))
    assert "Child A" in page
    assert "Child Police Only" not in page and "Child Nobody Asked" not in page
    assert lead_a.get(url("reviews:case-detail", cast, other.pk)).status_code == 404
    assert lead_a.get(url("reviews:rapid-detail", cast, review.pk)).status_code == 404

    police = body(client_for(cast.lead_police).get(url("reviews:case-list", cast)))
    assert "Child A" in police and "Child Police Only" in police
    assert "Child Nobody Asked" not in police
    # Agency staff who are not the lead see no case reviews at all
    assert client_for(cast.chief_a).get(url("reviews:case-list", cast)).status_code == 404
    assert not permissions.notifications_for(cast.contributor_a, cast.p1).exists()


def test_an_agency_lead_sees_only_the_pseudonym_age_band_and_their_own_summary(cast,
                                                                           client_for):
    rapid.decision_record(review=cast.review1, decision="no_review", reasons="CNRY-REASONS",
                          decided_on=datetime.date(2026, 1, 5))
    client = client_for(cast.lead_a)
    for page in (client.get(url("reviews:case-list", cast)),
                 client.get(url("reviews:case-detail", cast, cast.case1.pk)),
                 client.get(url("reviews:rapid-detail", cast, cast.review1.pk))):
        text = body(page)
        assert page.status_code == 200
        assert "Child A" in text and "1 to 4" in text
        for hidden in ("CNRY-RR-FACTS", "CNRY-SUMMARY-POLICE", "Shires Police", "CNRY-REASONS",
                       "CSPN-0001", cast.case1.reference, "Serious harm", "CNRY-CHILD-NAME"):
            assert hidden not in text, hidden
    detail = body(client.get(url("reviews:case-detail", cast, cast.case1.pk)))
    assert "Agency A Academy" in detail
    assert "needs a case access grant" in detail


def test_no_child_identifying_detail_reaches_any_list_or_the_scrutineer(cast, client_for):
    notifications.child_record_save(notification=cast.case1, legal_name="CNRY-CHILD-NAME",
                                    address="1 CNRY-ADDRESS Street", nhs_number="9434765919")
    for who in USERS:
        client = client_for(cast.users[who])
        for name, args in (("reviews:case-list", ()), ("reviews:case-detail", (cast.case1.pk,)),
                           ("reviews:rapid-detail", (cast.review1.pk,)),
                           ("reviews:summary-edit", (cast.review1.pk, cast.summary_a.pk))):
            text = body(client.get(url(name, cast, *args)))
            for token in ("CNRY-CHILD-NAME", "CNRY-ADDRESS", "9434765919", "2022"):
                assert token not in text, (who, name, token)
    scrutineer = client_for(cast.scrutineer)
    assert scrutineer.get(url("reviews:child-record", cast, cast.case1.pk)).status_code == 403


# The child record and case grants


def grant(cast, user, days=7, **fields):
    return notifications.grant_create(notification=cast.case1, user=user, purpose="Chronology",
                                      days=days, granted_by=cast.bu_manager, **fields)


def access_events(record):
    return AccessEvent.objects.filter(content_type=ContentType.objects.get_for_model(record),
                                      object_id=str(record.pk))


def test_the_child_record_needs_a_current_grant_and_every_read_is_logged(cast, client_for):
    client = client_for(cast.scrutineer)
    child_url = url("reviews:child-record", cast, cast.case1.pk)
    refused = client.get(child_url)
    assert refused.status_code == 403
    assert "You need a current case access grant to see who the child is" in body(refused)
    assert "CNRY-CHILD-NAME" not in body(refused)
    record = ChildRecord.objects.get(notification=cast.case1)
    assert not access_events(record).exists()

    grant(cast, cast.scrutineer)
    detail = body(client.get(url("reviews:case-detail", cast, cast.case1.pk)))
    assert child_url in detail
    for n in (1, 2, 3):
        response = client.get(child_url)
        assert response.status_code == 200
        assert "CNRY-CHILD-NAME" in body(response) and "1 May 2022" in body(response)
        assert "no-store" in response["Cache-Control"]
        assert access_events(record).count() == n
    event = access_events(record).first()
    assert event.user == cast.scrutineer and event.partnership == cast.p1
    assert event.path == child_url and event.action == "view"
    assert "CNRY-CHILD-NAME" not in event.object_repr
    # A case the user cannot see at all answers 404, grant or not
    assert client_for(cast.chief_a).get(child_url).status_code == 404


def test_grants_expire_and_revoked_grants_give_nothing(cast, client_for):
    client = client_for(cast.dsp)
    child_url = url("reviews:child-record", cast, cast.case1.pk)
    expired = grant(cast, cast.dsp)
    CaseGrant.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(child_url).status_code == 403
    assert permissions.active_grant(cast.dsp, cast.case1) is None
    current = grant(cast, cast.dsp)
    assert client.get(child_url).status_code == 200
    notifications.grant_revoke(grant=current)
    assert client.get(child_url).status_code == 403


def test_a_deactivated_user_s_grant_gives_nothing(cast, client_for):
    given = grant(cast, cast.chair)
    client = client_for(cast.chair)
    assert client.get(url("reviews:child-record", cast, cast.case1.pk)).status_code == 200
    cast.chair.is_active = False
    cast.chair.save()
    assert permissions.active_grant(cast.chair, cast.case1) is None
    response = client.get(url("reviews:child-record", cast, cast.case1.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    given.refresh_from_db()
    assert given.revoked_at is None  # still on record, but worth nothing


def test_the_business_unit_gives_and_revokes_access(cast, client_for):
    bu = client_for(cast.bu_manager)
    case_url = url("reviews:case-detail", cast, cast.case1.pk)
    new = url("reviews:grant-create", cast, cast.case1.pk)
    form = body(bu.get(new))
    assert "Lead A" in form and "Outsider" not in form and "Lead X" not in form
    refused = bu.post(new, {"user": cast.lead_a.pk, "purpose": " ", "days": "91"})
    assert "Enter why they need to see who the child is" in body(refused)
    assert "A grant lasts between 1 and 90 days" in body(refused)
    assert not CaseGrant.objects.exists()

    response = bu.post(new, {"user": cast.lead_a.pk, "purpose": "Chronology", "days": "14"},
                       follow=True)
    assert response.redirect_chain[-1][0] == case_url
    given = CaseGrant.objects.get()
    assert given.user == cast.lead_a and given.granted_by == cast.bu_manager
    assert abs(given.expires_at - timezone.now() - datetime.timedelta(days=14)) \
        < datetime.timedelta(minutes=1)
    page = body(response)
    assert "Lead A can see who Child A is until" in page and "Chronology" in page

    lead = client_for(cast.lead_a)
    assert "CNRY-CHILD-NAME" in body(lead.get(url("reviews:child-record", cast, cast.case1.pk)))
    revoke = url("reviews:grant-revoke", cast, cast.case1.pk, given.pk)
    assert client_for(cast.lsp).post(revoke).status_code == 403
    assert "Lead A can no longer see who Child A is" in body(bu.post(revoke, follow=True))
    assert lead.get(url("reviews:child-record", cast, cast.case1.pk)).status_code == 403
    assert "Revoked" in body(bu.get(case_url))


def test_the_business_unit_with_a_grant_records_who_the_child_is(cast, client_for):
    bu = client_for(cast.bu_officer)
    edit = url("reviews:child-record-edit", cast, cast.case1.pk)
    assert bu.get(edit).status_code == 403  # no grant yet
    grant(cast, cast.bu_officer)
    record = ChildRecord.objects.get(notification=cast.case1)
    assert "CNRY-CHILD-NAME" in body(bu.get(edit))
    assert access_events(record).count() == 1  # the form shows the details: a read
    refused = bu.post(edit, {"legal_name": "", "nhs_number": "943 476 5918",
                             **date("date_of_birth", datetime.date(2099, 1, 1))})
    assert "Enter the child's full name" in body(refused)
    assert "Enter a real NHS number" in body(refused)
    record.refresh_from_db()
    assert record.legal_name == "CNRY-CHILD-NAME"
    future = bu.post(edit, {"legal_name": "New Name",
                            **date("date_of_birth", datetime.date(2099, 1, 1))})
    assert "The date of birth must be in the past" in body(future)
    response = bu.post(edit, {"legal_name": "CNRY-NEW-NAME", "nhs_number": "943 476 5919",
                              "address": "1 High Street",
                              **date("date_of_birth", datetime.date(2023, 2, 1))}, follow=True)
    assert "CNRY-NEW-NAME" in body(response)
    record.refresh_from_db()
    assert (record.legal_name, record.nhs_number, record.date_of_birth) == (
        "CNRY-NEW-NAME", "9434765919", datetime.date(2023, 2, 1))
    # A partner with a grant reads it but cannot change it
    grant(cast, cast.lsp)
    assert client_for(cast.lsp).get(edit).status_code == 403


# The rapid review starts from the notification


def test_starting_the_rapid_review_needs_the_date_the_panel_was_notified(cast, client_for):
    bu = client_for(cast.bu_manager)
    case = new_case(cast)
    page = body(bu.get(url("reviews:case-detail", cast, case.pk)))
    assert "Start the rapid review" not in page
    assert "needs the date the Panel was notified" in page
    response = bu.post(url("reviews:rapid-start", cast, case.pk))
    assert response.status_code == 200
    assert "Record the date the Panel was notified before starting the rapid review" \
        in body(response)
    assert not hasattr(Notification.objects.get(pk=case.pk), "rapid_review")

    notifications.notification_update(notification=case, notified_on=datetime.date(2025, 10, 8))
    assert "Start the rapid review" in body(bu.get(url("reviews:case-detail", cast, case.pk)))
    assert client_for(cast.dsp).post(url("reviews:rapid-start", cast, case.pk)).status_code == 403
    response = bu.post(url("reviews:rapid-start", cast, case.pk), follow=True)
    case.refresh_from_db()
    assert response.redirect_chain[-1][0] == url("reviews:rapid-detail", cast,
                                                 case.rapid_review.pk)
    assert "It is due by Wednesday 29 October 2025" in body(response)


# Lists in a fixed number of queries


def add_cases(cast, n, start=0):
    for i in range(start, start + n):
        case = new_case(cast, f"Child Q{i:03d}", notified_on=datetime.date(2025, 10, 2))
        review = rapid.rapid_review_start(notification=case)
        summary, = rapid.summaries_request(review=review, agencies=[cast.police])
        rapid.summaries_request(review=review, agencies=[cast.agency_a])
        rapid.summary_save(summary=summary, user=cast.lead_police, involvement="x",
                           analysis="y", version=0, submit=True)
        rapid.decision_record(review=review, decision="no_review", reasons="r",
                              decided_on=datetime.date(2025, 10, 9))
        rapid.sign_off(review=review, partner=cast.police, user=cast.dsp)
        new_case(cast, f"Child N{i:03d}")


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("who", ["bu_manager", "lead_police", "scrutineer"])
def test_the_case_list_queries_do_not_grow_with_rows(cast, client_for, who):
    client = client_for(cast.users[who])
    address = url("reviews:case-list", cast)
    add_cases(cast, 2)
    client.get(address)
    few, _ = count_queries(client, address)
    add_cases(cast, 10, start=2)
    many, response = count_queries(client, address)
    assert few == many, f"{few} queries for 2 rows, {many} for 12"
    assert "Child Q011" in body(response)
    if who != "lead_police":
        assert "Awaiting sign-off (1 of 3)" in body(response)


# The home page


@pytest.fixture
def review_home():
    registry.register_home(home.review_tasks)


def test_home_tasks_for_agency_leads_partners_and_the_business_unit(cast, client_for,
                                                                    review_home):
    lead = body(client_for(cast.lead_a).get("/"))
    assert "Write the Agency A Academy summary for Child A" in lead
    assert "CNRY-CHILD-NAME" not in lead and "CNRY-RR-FACTS" not in lead
    assert "Write the Shires Police summary" not in lead

    assert not [t for t in home.review_tasks(cast.dsp, cast.p1) if "Sign off" in t.title]
    rapid.decision_record(review=cast.review1, decision="no_review", reasons="r",
                          decided_on=datetime.date(2026, 1, 5))
    dsp = [t.title for t in home.review_tasks(cast.dsp, cast.p1)]
    assert dsp == ["Sign off the rapid review decision for Child A"]
    rapid.sign_off(review=cast.review1, partner=cast.police, user=cast.dsp)
    assert home.review_tasks(cast.dsp, cast.p1) == []
    assert [t.description for t in home.review_tasks(cast.lsp, cast.p1)] == [
        "For Northshire Council. The rapid review is due 15 January 2026."]

    new_case(cast, "Child Unsent", la_aware_on=datetime.date(2025, 10, 1))
    bu = {t.title: t for t in home.review_tasks(cast.bu_manager, cast.p1)}
    assert bu["Notify the Panel about Child Unsent"].overdue
    assert bu["Finish the rapid review of Child A"].overdue  # due 15 January 2026
    assert "Notify the Panel about CNRY-CASE-P2" not in bu
    assert home.review_tasks(cast.scrutineer, cast.p1) == []
    assert "Notify the Panel about Child Unsent" in body(client_for(cast.bu_manager).get("/"))


def test_p1_roles_see_the_whole_case(cast, client_for):
    for who in P1_ROLES:
        page = body(client_for(cast.users[who]).get(url("reviews:case-detail", cast,
                                                        cast.case1.pk)))
        assert "CSPN-0001" in page and "Tuesday 30 December 2025" in page, who
        assert "Notified on time" in page


def test_themes_are_per_partnership(cast):
    themes_ensure_defaults(cast.p1)
    assert not LearningTheme.objects.filter(partnership=cast.p2).exists()
    structure_p = structure.partnership_create(name="Third", slug="p3", short_name="P3",
                                               areas=["Third"])
    themes_ensure_defaults(structure_p)
    assert LearningTheme.objects.filter(partnership=structure_p).count() == len(DEFAULT_THEMES)
