"""In Chromium, the Section 11 acceptance story: Cafcass's lead opens the return, saves a
draft, tries to submit it incomplete and sees the GOV.UK error summary naming what is
missing, completes it with an upload and an action plan item, and submits; Cafcass's chief
officer signs it off; the business unit manager moderates one standard."""

import datetime
import re

from django.urls import NoReverseMatch, reverse

from agencies.models import Evidence, Moderation, PlanItem
from agencies.services import cycles
from governance.models import Action
from partnership.models import User
from partnership.services import people, structure

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in

__all__ = ["failed_responses", "pytestmark"]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def cafcass_asked(cast):
    """Cafcass, designated as a relevant agency in P1, with a lead and a chief officer, asked
    for a return in a new cycle on the library Section 11 template."""
    cafcass = structure.agency_create(name="Cafcass", sector="public_services")
    structure.designation_create(partnership=cast.p1, agency=cafcass, kind="relevant_agency",
                                 start_date=cast_module.START)
    staff = {}
    for key, role, name in (("lead", "agency_lead", "Cafcass Lead"),
                            ("chief", "agency_chief_officer", "Cafcass Chief Executive")):
        staff[key] = User.objects.create_user(f"{key}.cafcass@cast.example", cast_module.PASSWORD,
                                              full_name=name)
        people.membership_create(user=staff[key], partnership=cast.p1, role=role, agency=cafcass,
                                 start_date=cast_module.START)
    today = datetime.date.today()
    cycle = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template,
                                name="P1 Section 11 2027", opens_on=today - datetime.timedelta(days=7),
                                closes_on=today + datetime.timedelta(days=60), agencies=[cafcass])
    return cafcass, cycle.requests.get().assessment, staff


def error_summary(page):
    return page.locator(".govuk-error-summary").inner_text()


def test_cafcass_completes_submits_and_signs_off_its_return(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    cafcass, assessment, staff = cafcass_asked(cast)
    standards = list(cast.s11_template.standards.all())
    slug = cast.p1.slug

    # The lead opens the return from the list of their agency's returns.
    sign_in(page, live_server, staff["lead"].email)
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + reverse("s11:return-list", args=[slug]))
    assert_accessible_structure(page)
    assert page.locator("#returns").get_by_role("link").count() == 1  # only Cafcass's own
    page.get_by_role("link", name=re.compile("^Cafcass")).click()
    assert_accessible_structure(page)
    assert page.locator("h1").inner_text().strip() == "Cafcass"
    assert "Not started" in page.locator("#standards").inner_text()

    # Saves a draft of standard 1.
    page.get_by_role("link", name="1. Senior management commitment to safeguarding").click()
    assert_accessible_structure(page)
    assert "Evidence needed" in page.locator("#questions").inner_text()
    page.get_by_label("Amber: partly met").check()
    page.get_by_label("How your agency meets the standard").fill(
        "The chief executive is the board-level lead; safeguarding is in the business plan.")
    page.get_by_role("button", name="Save as draft").click()
    assert "Standard 1 saved as a draft" in page.locator(".govuk-notification-banner").inner_text()
    assert "In progress" in page.locator(f"#standard-{standards[0].pk}-status").inner_text()

    # Tries to submit it incomplete: the error summary names exactly what is missing.
    page.get_by_role("link", name="Check your answers and submit").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Submit the return").click()
    summary = error_summary(page)
    assert "Standard 1 (Senior management commitment to safeguarding): add evidence (a file or " \
           "a link)" in summary
    assert "Standard 1 (Senior management commitment to safeguarding): rated Amber: partly met, " \
           "so add an action plan item for it" in summary
    for standard in standards[1:]:
        assert f"Standard {standard.number} ({standard.title}): choose a rating" in summary
    assert summary.count("Standard ") == 9
    assert page.title().startswith("Error: ")
    assessment.refresh_from_db()
    assert assessment.status == "draft"

    # Completes it: an uploaded PDF for standard 1 (following the summary's link)...
    page.locator(".govuk-error-summary").get_by_role(
        "link", name=re.compile(r"Standard 1 .*add evidence")).click()
    page.get_by_role("button", name="Save and add evidence").click()
    assert_accessible_structure(page)
    page.get_by_label("Title", exact=True).fill("Board safeguarding report 2026")
    page.get_by_label(re.compile("^File")).set_input_files(
        {"name": "board-report.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Add the evidence").click()
    assert "Board safeguarding report 2026" in page.locator("#evidence").inner_text()
    # ...ratings, narratives and links for the others...
    for standard in standards[1:]:
        page.get_by_role("link", name="Back to the return").click()
        page.get_by_role("link", name=f"{standard.number}. {standard.title}").click()
        page.get_by_label("Green: fully met").check()
        page.get_by_label("How your agency meets the standard").fill(
            f"How Cafcass meets standard {standard.number}.")
        page.get_by_role("button", name="Save and add evidence").click()
        page.get_by_label("Title", exact=True).fill(f"Policy for standard {standard.number}")
        page.get_by_label("Or a link to the evidence").fill(
            f"https://www.cafcass.gov.uk/policies/{standard.number}")
        page.get_by_role("button", name="Add the evidence").click()
        assert f"Policy for standard {standard.number}" in page.locator("#evidence").inner_text()
    page.get_by_role("link", name="Back to the return").click()
    assert "You have completed 7 of 8 standards" in page.locator("#progress").inner_text()

    # ...and an action plan item for the amber standard.
    page.get_by_role("link", name="Action plan", exact=True).click()
    assert_accessible_structure(page)
    page.locator("#plan-needed").get_by_role("link", name=re.compile("^1. Senior")).click()
    page.get_by_label("Action", exact=True).fill("Add safeguarding to every board agenda")
    page.get_by_label("Owner (optional)").fill("Head of governance")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(datetime.date.today().year + 1))
    page.get_by_role("button", name="Add the item").click()
    # The success banner is in view (issue 17, defect 8), not scrolled off above the form.
    banner = page.locator(".govuk-notification-banner--success")
    assert "Action plan item added." in banner.inner_text()
    assert page.evaluate("""() => {
        const box = document.querySelector('.govuk-notification-banner--success')
            .getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }""")
    assert "Add safeguarding to every board agenda" in page.locator("#plan-items").inner_text()
    assert page.locator("#plan-needed").count() == 0
    page.get_by_role("link", name="Back to the return").click()
    assert "You have completed 8 of 8 standards" in page.locator("#progress").inner_text()
    assert "Ready to submit" in page.locator("#submit-status").inner_text()

    # Submits.
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit the return").click()
    assert "Cafcass's return has been submitted" in page.locator(
        ".govuk-notification-banner").inner_text()
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_by == staff["lead"]
    assert Evidence.objects.filter(answer__assessment=assessment).exclude(file="").count() == 1
    sign_out(page)

    # The chief officer signs it off, with their name and the time recorded.
    sign_in(page, live_server, staff["chief"].email)
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + reverse("s11:return", args=[slug, assessment.pk]))
    page.get_by_role("link", name="Sign off the return").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Sign off the return").click()
    assert "Confirm that you sign off the return on behalf of Cafcass" in error_summary(page)
    page.get_by_label("I confirm that this return is accurate and I sign it off on behalf of "
                      "Cafcass").check()
    page.get_by_role("button", name="Sign off the return").click()
    assert "You have signed off Cafcass's return" in page.locator(
        ".govuk-notification-banner").inner_text()
    assert "Cafcass Chief Executive" in page.locator("#signed-off").inner_text()
    assessment.refresh_from_db()
    assert assessment.status == "signed_off" and assessment.signed_off_by == staff["chief"]
    item = PlanItem.objects.get(assessment=assessment)
    action = item.register_actions.get()
    assert (action.partnership, action.owner_agency) == (cast.p1, cafcass)
    assert Action.objects.filter(description="Add safeguarding to every board agenda").count() == 1
    sign_out(page)

    # The business unit manager moderates one standard (on the moderation page, when the
    # moderation routes are installed).
    try:
        moderate = reverse("s11:moderate", kwargs={"slug": slug, "pk": assessment.pk})
    except NoReverseMatch:
        moderate = None
    sign_in(page, live_server, cast.bu_manager.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + reverse("s11:return", args=[slug, assessment.pk]))
    assert_accessible_structure(page)
    assert "Signed off" in page.locator("#return-status").inner_text()
    if moderate is not None:
        page.get_by_role("link", name="Moderate the return").click()
        assert page.url == live_server.url + moderate
        assert_accessible_structure(page)
        page.get_by_role("group", name="Moderated rating for standard 1").get_by_label(
            "Red: not met").check()
        page.get_by_label("Feedback to the agency on standard 1").fill(
            "No evidence that the board has discussed safeguarding this year.")
        page.get_by_role("button", name="Save the moderation").click()
        moderation = Moderation.objects.get(assessment=assessment)
        assert (moderation.partnership, moderation.standard, moderation.rating,
                moderation.moderator) == (cast.p1, standards[0], 1, cast.bu_manager)
    assert failed_responses == []
