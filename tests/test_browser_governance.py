"""In Chromium: the business unit records a meeting's attendance and adds an action; the
agency lead who owns the action finds it on their home page and records progress."""

import re

from governance.models import Action, Attendance

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in

__all__ = ["failed_responses", "pytestmark"]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_attendance_and_an_action_reach_the_owner(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_label("Past meetings").check()
    page.get_by_role("button", name="Show meetings").click()
    page.get_by_role("link", name=re.compile("3 June 2025")).click()
    assert_accessible_structure(page)
    assert "Attendance has not been recorded yet." in page.locator("#quorum").inner_text()

    page.get_by_role("link", name="Record attendance").click()
    assert_accessible_structure(page)
    # The grid: one control per seat.
    for seat, status in (("Lsp", "Present"), ("Dsp", "Present"), ("Chief nurse", "Deputy sent"),
                         ("Designated safeguarding lead", "Apologies")):
        page.get_by_label(re.compile(f"^Attendance of .*{seat}")).select_option(label=status)
    page.get_by_role("button", name="Save attendance").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the name of the deputy sent by Chief nurse" in summary.inner_text()
    page.get_by_label(re.compile("^Deputy sent by Chief nurse")).fill("Deputy chief nurse")
    page.get_by_role("button", name="Save attendance").click()
    assert "Attendance recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "Quorate" in page.locator("#quorum").inner_text()
    assert Attendance.objects.filter(meeting=cast.meeting1).count() == 4

    page.get_by_role("link", name="Add an action").click()
    assert_accessible_structure(page)
    page.get_by_label("Action").fill("Share the neglect toolkit with every school")
    page.get_by_label("Owner agency").select_option(label="Agency A Academy")
    page.get_by_label("Owner (optional)").select_option(label="Lead A")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2031")
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_url(re.compile(rf"/meetings/{cast.meeting1.pk}/$"))
    action = Action.objects.get(description__startswith="Share the neglect toolkit")
    assert f"{action.code} Share the neglect toolkit" in page.locator("main").inner_text()
    sign_out(page)

    sign_in(page, live_server, cast.lead_a.email)
    page.wait_for_url(live_server.url + "/")
    link = page.get_by_role("link", name=re.compile(f"{action.code}: Share the neglect toolkit"))
    link.click()
    assert_accessible_structure(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Progress (optional)").fill("Toolkit sent to 40 of 52 schools")
    page.get_by_role("button", name="Save progress").click()
    assert "In progress" in page.locator("#action-status").inner_text()
    assert "Toolkit sent to 40 of 52 schools" in page.locator("main").inner_text()
    action.refresh_from_db()
    assert action.status == "in_progress" and action.updates.get().author == cast.lead_a
    assert failed_responses == []
