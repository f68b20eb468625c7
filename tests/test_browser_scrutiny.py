"""In Chromium: the scrutineer opens the scrutiny dashboard, drills down from the overdue
actions figure to the actions behind it, and raises a challenge to the police; the police's
delegated safeguarding partner finds it on their home page and responds; the scrutineer
records a judgement and closes it."""

import re

from partnership import registry
from scrutiny import home_challenges
from scrutiny.models import Challenge

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in

__all__ = ["failed_responses", "pytestmark"]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def banner(page):
    return page.locator(".govuk-notification-banner").inner_text()


def test_a_challenge_from_the_dashboard_to_a_judgement(page, live_server, failed_responses):
    registry.register_home(home_challenges.challenge_tasks)
    cast = cast_module.build(hash_passwords=True)
    base = f"{live_server.url}/p/{cast.p1.slug}/scrutiny/"

    # The scrutineer drills down from the overdue actions figure to the actions
    sign_in(page, live_server, cast.scrutineer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(base)
    assert_accessible_structure(page)
    page.locator("#indicators").get_by_role("link", name="Actions overdue").click()
    assert re.search(r"/actions/\?.*overdue=1", page.url)
    assert_accessible_structure(page)
    main = page.locator("main").inner_text()
    assert "CNRY-ACTION-A" in main  # due 1 July 2025, still open
    assert "CNRY-ACTION-POLICE" not in main  # due in 2030

    # ... and raises a challenge to the police about it
    page.goto(base + "challenges/")
    assert_accessible_structure(page)
    page.get_by_role("link", name="Raise a challenge").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Raise the challenge").click()
    assert "Enter the subject" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Subject").fill("Overdue actions")
    page.get_by_label("The challenge").fill("Why is the police's action overdue?")
    page.get_by_label("Shires Police").check()
    page.get_by_role("button", name="Raise the challenge").click()
    assert "Challenge CH003 raised. Responses are due" in banner(page)
    assert "Awaiting responses" in page.locator("#challenge-state").inner_text()
    challenge = Challenge.objects.get(subject="Overdue actions")
    sign_out(page)

    # The police's delegated partner responds from their home page
    sign_in(page, live_server, cast.dsp.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Respond to challenge CH003 for Shires Police").click()
    assert_accessible_structure(page)
    assert "Why is the police's action overdue?" in page.locator("main").inner_text()
    page.get_by_label("Response").fill("The owner left; a new owner is named.")
    page.get_by_role("button", name="Send the response").click()
    assert "Shires Police's response recorded." in banner(page)
    assert "Responded" in page.locator("#challenge-state").inner_text()
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Respond to challenge CH003 for Shires Police"
                            ).count() == 0
    sign_out(page)

    # The scrutineer records a judgement and closes the challenge
    sign_in(page, live_server, cast.scrutineer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(base + f"challenges/{challenge.pk}/")
    page.get_by_role("link", name="Record a judgement").click()
    page.get_by_label("Partly assured").check()
    page.get_by_label("Reasons").fill("A new owner, but no date yet.")
    page.get_by_role("button", name="Record the judgement").click()
    assert "Judged" in page.locator("#challenge-state").inner_text()
    page.get_by_role("button", name="Close the challenge").click()
    assert "Closed" in page.locator("#challenge-state").inner_text()
    challenge.refresh_from_db()
    assert (challenge.state, challenge.judgement) == ("closed", "partly_assured")
    assert failed_responses == []
