"""In Chromium: the business unit records a serious incident and sees its deadlines, starts
the rapid review and asks Cafcass and the police for summaries; the Cafcass lead finds the
task on their home page and submits their summary; the business unit records the decision;
each of the three safeguarding partners signs it off; then it goes to the Panel."""

import re

from partnership import registry
from partnership.models import User
from partnership.services import people, structure
from reviews import home
from reviews.models import AgencySummary, Notification

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in

__all__ = ["failed_responses", "pytestmark"]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=re.compile(f"^{legend}"))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def person(email, name, role, partnership, agency):
    user = User.objects.create_user(email, cast_module.PASSWORD, full_name=name)
    people.membership_create(user=user, partnership=partnership, role=role, agency=agency,
                             start_date=cast_module.START)
    return user


def banner(page):
    return page.locator(".govuk-notification-banner").inner_text()


def test_a_rapid_review_from_notification_to_the_panel(page, live_server, failed_responses):
    registry.register_home(home.review_tasks)
    cast = cast_module.build(hash_passwords=True)
    cafcass = structure.agency_create(name="Cafcass", sector="public_services")
    structure.designation_create(partnership=cast.p1, agency=cafcass, kind="relevant_agency",
                                 start_date=cast_module.START)
    lead_cafcass = person("lead.cafcass@cast.example", "Lead Cafcass", "agency_lead", cast.p1,
                          cafcass)
    nurse = person("nurse@cast.example", "Chief Nurse", "delegated_safeguarding_partner",
                   cast.p1, cast.icb1)
    reviews = f"{live_server.url}/p/{cast.p1.slug}/reviews/"

    # The business unit records the notification and sees when the Panel must be told
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(reviews)
    assert_accessible_structure(page)
    page.get_by_role("link", name="Record a serious incident").click()
    assert_accessible_structure(page)
    page.get_by_label("Case pseudonym").fill("Child B")
    page.get_by_label("Death", exact=True).check()
    fill_date(page, "Date the local authority became aware", 19, 12, 2025)
    # The first child, with the DfE's questions
    page.get_by_label("Child's pseudonym").fill("Child B")
    for question, answer in (("Age", "Under 1"), ("Sex", "Female"), ("Ethnicity", "White"),
                             ("Disability", "No"), ("Legal status", "None of these"),
                             ("Placement or where the child was living",
                              "Living with parents or family"),
                             ("Known to agencies", "Yes"), ("Abuse or neglect", "Suspected")):
        page.get_by_role("group", name=question, exact=True).get_by_label(
            answer, exact=True).check()
    page.get_by_label("Home local authority").fill("Northshire")
    page.get_by_role("button", name="Record the incident").click()
    assert "The Panel must be notified by Tuesday 30 December 2025" in banner(page)
    assert "Due by" in page.locator("#notify-by").inner_text() \
        or "Overdue" in page.locator("#notify-by").inner_text()
    assert "needs the date the Panel was notified" in page.locator("main").inner_text()

    page.get_by_role("link", name="Record the date the Panel was notified").click()
    fill_date(page, "Date the Panel was notified", 30, 12, 2025)
    page.get_by_label("Panel notification reference").fill("CSPN-2025-99")
    page.get_by_label("Neglect").check()
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Notified on time" in page.locator("#notify-by").inner_text()
    case = Notification.objects.get(pseudonym="Child B")

    # The rapid review: due 15 working days after the Panel was notified
    page.get_by_role("button", name="Start the rapid review").click()
    assert "It is due by Wednesday 21 January 2026" in banner(page)
    assert "Wednesday 21 January 2026" in page.locator("#review-due").inner_text()
    assert_accessible_structure(page)
    page.get_by_role("link", name="Ask agencies for summaries").click()
    assert_accessible_structure(page)
    page.get_by_label("Cafcass").check()
    page.get_by_label("Shires Police").check()
    page.get_by_role("button", name="Ask for summaries").click()
    assert "Summaries requested from Cafcass, Shires Police" in banner(page)
    review_url = page.url
    sign_out(page)

    # The Cafcass lead finds the task on their home page and submits the summary
    sign_in(page, live_server, lead_cafcass.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Write the Cafcass summary for Child B").click()
    assert_accessible_structure(page)
    page.get_by_label("The agency's involvement with the child and family").fill(
        "Cafcass prepared a section 7 report in 2024.")
    page.get_by_role("button", name="Save draft").click()
    assert "Your draft has been saved" in banner(page)
    page.get_by_label("Analysis and learning").fill("The report did not reach children's "
                                                    "social care.")
    page.get_by_role("button", name="Submit", exact=True).click()
    assert "Your summary has been submitted" in banner(page)
    assert "section 7 report" in page.locator("#involvement").inner_text()
    summary = AgencySummary.objects.get(rapid_review=case.rapid_review, agency=cafcass)
    assert summary.status == "submitted" and summary.submitted_by == lead_cafcass
    page.goto(review_url)
    assert "Shires Police" not in page.locator("main").inner_text()
    sign_out(page)

    # The business unit records the decision
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(review_url)
    page.get_by_role("link", name="Record the decision").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Save the decision").click()
    assert "Enter the reasons for the decision" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Local child safeguarding practice review").check()
    page.get_by_label("Reasons").fill("Criteria (a) and (c): agencies did not share the report.")
    fill_date(page, "Date of the decision", 20, 1, 2026)
    page.get_by_role("button", name="Save the decision").click()
    assert "Decision recorded" in banner(page)
    page.get_by_role("link", name="Send to the Panel").click()
    fill_date(page, "Date the rapid review was sent to the Panel", 21, 1, 2026)
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Still to sign: Northshire Council, Northshire ICB, Shires Police" in \
        page.locator(".govuk-error-summary").inner_text()
    sign_out(page)

    # Each statutory partner signs off, from their home page
    for user, partner in ((cast.lsp, "Northshire Council"), (cast.dsp, "Shires Police"),
                          (nurse, "Northshire ICB")):
        sign_in(page, live_server, user.email)
        page.wait_for_url(live_server.url + "/")
        page.get_by_role("link", name="Sign off the rapid review decision for Child B").click()
        assert_accessible_structure(page)
        page.get_by_role("button", name=f"Sign off the decision for {partner}").click()
        assert f"You have signed off the decision for {partner}" in banner(page)
        sign_out(page)

    # Then the review goes to the Panel
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(review_url)
    assert "Still to sign" not in page.locator("#sign-offs").inner_text()
    page.get_by_role("link", name="Send to the Panel").click()
    fill_date(page, "Date the rapid review was sent to the Panel", 21, 1, 2026)
    page.get_by_role("button", name="Save", exact=True).click()
    assert "What was sent to the Panel has been recorded" in banner(page)
    assert "Wednesday 21 January 2026" in page.locator("#panel").inner_text()
    case.rapid_review.refresh_from_db()
    assert case.rapid_review.sent_to_panel_on.isoformat() == "2026-01-21"
    assert case.rapid_review.sign_offs.count() == 3
    # Errors shown on the way (the missing reasons, the missing sign-offs) are form pages
    # answered 200: nothing failed
    assert failed_responses == []
