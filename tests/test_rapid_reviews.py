"""Rapid reviews: summaries asked of agencies and written by each agency's lead (who sees
only their own), two people editing one summary, the decision with its reasons, sign-off
by all three statutory partners before the review goes to the Panel, and the review page
in a fixed number of queries."""

import datetime
import html

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnership import dates
from partnership.models import AccessEvent
from partnership.services import people, structure
from reviews.models import AgencySummary, RapidReview, ReviewSignOff
from reviews.services import notifications, rapid

from .cast import P1_BU, P1_ROLES, START

pytestmark = pytest.mark.django_db


def date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name, cast, *args):
    return reverse(name, args=[cast.p1.slug, *args])


def body(response):
    return html.unescape(response.content.decode())


def summary_url(cast, summary):
    return url("reviews:summary-edit", cast, cast.review1.pk, summary.pk)


def review_url(cast):
    return url("reviews:rapid-detail", cast, cast.review1.pk)


def icb_partner(cast):
    """Nobody acts for the ICB in the cast: add its delegated safeguarding partner."""
    from partnership.models import User

    nurse = User.objects.create_user("nurse@cast.example", "x", full_name="Chief Nurse")
    people.membership_create(user=nurse, partnership=cast.p1, agency=cast.icb1,
                             role="delegated_safeguarding_partner", start_date=START)
    return nurse


# The review page


def test_readers_see_the_whole_review_and_agency_leads_only_their_own_summary(cast,
                                                                           client_for):
    for who in P1_ROLES:
        page = body(client_for(cast.users[who]).get(review_url(cast)))
        assert "CNRY-RR-FACTS" in page
        # Both summaries are drafts: the business unit's to see, not the other readers'
        # until submitted (reviews/permissions.py).
        assert ("CNRY-SUMMARY-A" in page) == (who in P1_BU), who
        assert ("CNRY-SUMMARY-POLICE" in page) == (who in P1_BU), who
        assert "Thursday 15 January 2026" in page  # 15 working days after 22 December 2025
        assert "Still to sign" in page
    lead = body(client_for(cast.lead_a).get(review_url(cast)))
    assert "Write the Agency A Academy summary" in lead
    assert "Thursday 15 January 2026" in lead and "Child A" in lead
    for hidden in ("CNRY-RR-FACTS", "CNRY-SUMMARY-POLICE", "Shires Police", "Sign-off by",
                   "Panel notified", "CNRY-SUMMARY-A", "Northshire Council"):
        assert hidden not in lead, hidden


def test_reading_a_rapid_review_or_a_summary_is_logged(cast, client_for):
    client = client_for(cast.bu_officer)  # summary A is a draft: the business unit reads it
    client.get(review_url(cast))
    client.get(summary_url(cast, cast.summary_a))
    for obj in (cast.review1, cast.summary_a):
        event = AccessEvent.objects.get(content_type=ContentType.objects.get_for_model(obj),
                                        object_id=str(obj.pk))
        assert event.user == cast.bu_officer and event.partnership == cast.p1


def test_another_agency_s_summary_is_not_found(cast, client_for):
    lead = client_for(cast.lead_a)
    assert lead.get(summary_url(cast, cast.summary_police)).status_code == 404
    response = lead.post(summary_url(cast, cast.summary_police), {
        "involvement": "Overwritten", "analysis": "", "version": "1", "action": "submit"})
    assert response.status_code == 404
    assert client_for(cast.lead_police).get(summary_url(cast, cast.summary_a)).status_code == 404
    cast.summary_police.refresh_from_db()
    assert cast.summary_police.involvement == "CNRY-SUMMARY-POLICE"


def test_readers_get_a_read_only_summary(cast, client_for):
    client = client_for(cast.bu_manager)
    page = client.get(summary_url(cast, cast.summary_a))
    assert page.context["form"] is None and "CNRY-SUMMARY-A" in body(page)
    response = client.post(summary_url(cast, cast.summary_a), {
        "involvement": "Changed", "analysis": "", "version": "1", "action": "draft"})
    assert response.status_code == 403
    cast.summary_a.refresh_from_db()
    assert cast.summary_a.involvement == "CNRY-SUMMARY-A"


# Summaries


def test_the_business_unit_asks_agencies_for_summaries(cast, client_for):
    client = client_for(cast.bu_officer)
    address = url("reviews:summaries-request", cast, cast.review1.pk)
    form = body(client.get(address))
    default = min(dates.local_deadline(timezone.localdate(), 10, cast.p1), cast.review1.due_on)
    assert f"Leave blank for {default:%-d %B %Y}" in form
    assert "Northshire ICB" in form and "Agency A Academy" not in form  # already asked
    late = client.post(address, {"agencies": [cast.icb1.pk],
                                 **date("due_on", datetime.date(2026, 1, 16))})
    assert "Summaries must be due on or before the day the rapid review is due, " \
           "15 January 2026" in body(late)
    assert "Choose at least one agency" in body(client.post(address, {}))
    outside = client.post(address, {"agencies": [cast.agency_x.pk]})
    assert "Choose from the partnership's agencies" in body(outside)
    assert cast.review1.summaries.count() == 2


def test_the_default_summary_deadline_is_ten_working_days_but_never_after_the_review(cast):
    case = notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym="Child D", age_band="5_9",
        incident_type="death", la_aware_on=datetime.date(2026, 3, 27),
        notified_on=datetime.date(2026, 4, 7))
    review = rapid.rapid_review_start(notification=case)
    assert review.due_on == datetime.date(2026, 4, 28)  # domain.md §1.12
    early, = rapid.summaries_request(review=review, agencies=[cast.police],
                                     requested_on=datetime.date(2026, 4, 8))
    assert early.due_on == datetime.date(2026, 4, 22)
    late, = rapid.summaries_request(review=review, agencies=[cast.agency_a],
                                    requested_on=datetime.date(2026, 4, 20))
    assert late.due_on == review.due_on


def test_the_agency_lead_saves_a_draft_then_submits(cast, client_for):
    client = client_for(cast.lead_a)
    address = summary_url(cast, cast.summary_a)
    form = client.get(address)
    assert form.context["form"].initial["version"] == cast.summary_a.version == 1
    assert 'name="version"' in body(form) and 'type="hidden"' in body(form)
    response = client.post(address, {"involvement": "Seen at school weekly", "analysis": "",
                                     "version": "1", "action": "draft"}, follow=True)
    assert "Your draft has been saved" in body(response)
    summary = AgencySummary.objects.get(pk=cast.summary_a.pk)
    assert (summary.status, summary.version) == ("draft", 2)
    refused = client.post(address, {"involvement": "Seen at school weekly", "analysis": " ",
                                    "version": "2", "action": "submit"})
    assert "Enter the agency's involvement and its analysis before submitting" in body(refused)
    response = client.post(address, {"involvement": "Seen at school weekly",
                                     "analysis": "Attendance fell in the autumn", "version": "2",
                                     "action": "submit"}, follow=True)
    assert "Your summary has been submitted" in body(response)
    assert response.context["form"] is None and "Attendance fell" in body(response)
    summary.refresh_from_db()
    assert summary.status == "submitted" and summary.submitted_by == cast.lead_a
    again = client.post(address, {"involvement": "Changed", "analysis": "x", "version": "3",
                                  "action": "draft"})
    assert "has been submitted and can no longer be changed" in body(again)
    summary.refresh_from_db()
    assert summary.involvement == "Seen at school weekly"


def test_a_nil_return(cast, client_for):
    response = client_for(cast.lead_police).post(summary_url(cast, cast.summary_police), {
        "involvement": "", "analysis": "", "version": "1", "action": "nil"}, follow=True)
    assert "Your nil return has been submitted" in body(response)
    cast.summary_police.refresh_from_db()
    assert cast.summary_police.status == "nil"


def test_two_people_editing_one_summary_do_not_overwrite_each_other(cast, client_for):
    first, second = client_for(cast.lead_a), client_for(cast.lead_a)
    address = summary_url(cast, cast.summary_a)
    version = first.get(address).context["form"].initial["version"]
    assert second.get(address).context["form"].initial["version"] == version
    first.post(address, {"involvement": "First writer's text", "analysis": "",
                         "version": str(version), "action": "draft"})
    response = second.post(address, {"involvement": "Second writer's text", "analysis": "",
                                     "version": str(version), "action": "draft"})
    assert response.status_code == 200
    page = body(response)
    assert "Someone else saved this summary while you were writing" in page
    assert "Second writer's text" in page  # kept in the form to copy
    cast.summary_a.refresh_from_db()
    assert cast.summary_a.involvement == "First writer's text"


# The decision, the sign-offs and the Panel


def decide(client, cast, reasons="Meets criteria (a) and (c)", day=datetime.date(2026, 1, 12)):
    return client.post(url("reviews:decision", cast, cast.review1.pk), {
        "decision": "practice_review", "reasons": reasons, **date("decided_on", day)},
        follow=True)


def test_a_decision_without_reasons_is_refused_and_nothing_changes(cast, client_for):
    client = client_for(cast.bu_manager)
    form = body(client.get(url("reviews:decision", cast, cast.review1.pk)))
    assert "two or more agencies working together effectively" in form  # reg 11 hint
    before = RapidReview.objects.filter(pk=cast.review1.pk).values().get()
    response = decide(client, cast, reasons="   ")
    assert "Enter the reasons for the decision, against the criteria for a local review" \
        in body(response)
    early = decide(client, cast, day=datetime.date(2025, 12, 1))
    assert "The decision must be on or after the date the Panel was notified" in body(early)
    assert RapidReview.objects.filter(pk=cast.review1.pk).values().get() == before


def sign(client, cast, partner):
    return client.post(url("reviews:sign-off", cast, cast.review1.pk), {"partner": partner.pk},
                       follow=True)


def test_the_decision_needs_all_three_partners_before_it_goes_to_the_panel(cast, client_for):
    bu = client_for(cast.bu_manager)
    lsp, dsp = client_for(cast.lsp), client_for(cast.dsp)
    assert "There is no decision to sign off yet" in body(sign(lsp, cast, cast.council1))
    assert "Sign off the decision for" not in body(lsp.get(review_url(cast)))
    assert "Decision recorded" in body(decide(bu, cast))

    page = body(dsp.get(review_url(cast)))
    assert "Sign off the decision for Shires Police" in page
    assert "Sign off the decision for Northshire Council" not in page
    refused = sign(dsp, cast, cast.council1)  # dsp acts for the police only
    assert "Choose a safeguarding partner you sign off for" in body(refused)
    assert "You have signed off the decision for Shires Police" in body(sign(dsp, cast,
                                                                             cast.police))
    assert "has already signed off" in body(sign(dsp, cast, cast.police))
    sign(lsp, cast, cast.council1)
    assert client_for(cast.scrutineer).post(url("reviews:sign-off", cast, cast.review1.pk),
                                            {"partner": cast.icb1.pk}).status_code == 403

    panel = url("reviews:panel", cast, cast.review1.pk)
    form = body(bu.get(panel))
    assert "Still to sign off the decision: Northshire ICB" in form
    refused = bu.post(panel, date("sent_on", datetime.date(2026, 1, 14)))
    assert "needs the sign-off of all three safeguarding partners first. Still to sign: " \
           "Northshire ICB" in body(refused)
    cast.review1.refresh_from_db()
    assert cast.review1.sent_to_panel_on is None

    nurse = client_for(icb_partner(cast))
    sign(nurse, cast, cast.icb1)
    page = body(bu.get(review_url(cast)))
    assert "Signed by Chief Nurse" in page and "Still to sign" not in page
    assert "Signed off" in page
    response = bu.post(panel, date("sent_on", datetime.date(2026, 1, 14)), follow=True)
    assert "What was sent to the Panel has been recorded" in body(response)
    assert "Wednesday 14 January 2026" in body(response)
    cast.review1.refresh_from_db()
    assert cast.review1.sent_to_panel_on == datetime.date(2026, 1, 14)
    assert ReviewSignOff.objects.filter(rapid_review=cast.review1).count() == 3

    missing = bu.post(panel, {"response": "Agreed", **date("sent_on", cast.review1.sent_to_panel_on)})
    assert "Enter the date of the Panel's response" in body(missing)
    response = bu.post(panel, {"response": "The Panel agrees a local review",
                               **date("sent_on", datetime.date(2026, 1, 14)),
                               **date("received_on", datetime.date(2026, 2, 2))}, follow=True)
    assert "The Panel agrees a local review" in body(response)
    assert "Panel responded" in body(response)
    # Once sent, the decision is fixed
    late = decide(bu, cast, reasons="Changed our minds")
    assert "The decision has been sent to the Panel and can no longer change" in body(late)


def test_changing_the_decision_withdraws_the_sign_offs(cast, client_for):
    bu = client_for(cast.bu_manager)
    decide(bu, cast)
    sign(client_for(cast.dsp), cast, cast.police)
    form = body(bu.get(url("reviews:decision", cast, cast.review1.pk)))
    assert "Changing the decision or its reasons withdraws their sign-offs" in form
    decide(bu, cast, reasons="New reasons")
    assert not ReviewSignOff.objects.filter(rapid_review=cast.review1).exists()


def test_the_business_unit_edits_the_review(cast, client_for):
    client = client_for(cast.bu_manager)
    address = url("reviews:rapid-edit", cast, cast.review1.pk)
    refused = client.post(address, {"facts": "New facts",
                                    **date("panel_meeting_on", datetime.date(2025, 12, 1))})
    assert "The panel meeting must be on or after the date the Panel was notified" \
        in body(refused)
    cast.review1.refresh_from_db()
    assert cast.review1.facts == "CNRY-RR-FACTS"
    response = client.post(address, {"facts": "New facts", "learning": "Share information",
                                     **date("panel_meeting_on", datetime.date(2026, 1, 8))},
                           follow=True)
    assert "New facts" in body(response) and "Thursday 8 January 2026" in body(response)
    assert "Panel meeting arranged" in body(response)
    assert client_for(cast.dsp).get(address).status_code == 403


# A fixed number of queries


def add_summaries_and_sign_offs(cast, n, start=0):
    for i in range(start, start + n):
        agency = structure.agency_create(name=f"Agency R{i:03d}", sector="health")
        structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency")
        summary, = rapid.summaries_request(review=cast.review1, agencies=[agency])
        rapid.summary_save(summary=summary, user=cast.lead_a, involvement=f"CNRY-R{i:03d}",
                           analysis="y", version=0, submit=True)


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("who", ["bu_manager", "lead_a", "dsp"])
def test_the_rapid_review_page_queries_do_not_grow_with_rows(cast, client_for, who):
    client = client_for(cast.users[who])
    address = review_url(cast)
    rapid.decision_record(review=cast.review1, decision="no_review", reasons="r",
                          decided_on=datetime.date(2026, 1, 5))
    add_summaries_and_sign_offs(cast, 2)
    client.get(address)
    few, _ = count_queries(client, address)
    add_summaries_and_sign_offs(cast, 10, start=2)
    rapid.sign_off(review=cast.review1, partner=cast.police, user=cast.dsp)
    rapid.sign_off(review=cast.review1, partner=cast.council1, user=cast.lsp)
    many, response = count_queries(client, address)
    assert few == many, f"{few} queries for 2 summaries, {many} for 12"
    assert ("CNRY-R011" in body(response)) == (who != "lead_a")
