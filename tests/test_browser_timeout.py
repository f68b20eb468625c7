"""In Chromium: the GOV.UK timeout warning. Two minutes before the idle timeout a modal dialog
says so; "Stay signed in" (or Escape) keeps the session, "Sign out" signs out, and at the
timeout the person is signed out. Playwright's clock stands in for the half hour; one test
waits for a real (short) timeout."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from partnership.models import User

from .cast import PASSWORD
from .test_browser import pytestmark as browser_marks
from .test_browser import sign_in

pytestmark = browser_marks

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SENTENCE = "For your security, we will sign you out in {}."


@pytest.fixture
def person(transactional_db):
    return User.objects.create_user("person@cast.example", PASSWORD, full_name="Pat Person")


def signed_in(page, live_server, person):
    """Signed in on the home page, with the browser's clock under the test's control."""
    page.clock.install()
    sign_in(page, live_server, person.email)
    page.wait_for_url(live_server.url + "/")


def dialog_of(page):
    return page.get_by_role("dialog", name="You're about to be signed out")


def test_the_warning_opens_two_minutes_before_and_stay_signed_in_keeps_the_session(
        page, live_server, person):
    signed_in(page, live_server, person)
    dialog = dialog_of(page)
    expect(dialog).to_be_hidden()
    link = page.get_by_role("link", name="Your sessions")
    link.focus()
    page.clock.fast_forward("27:30")
    page.clock.run_for(1000)
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("00:30")
    page.clock.run_for(1000)
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog).to_contain_text(SENTENCE.format("2 minutes"))
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    audible = page.locator("#app-timeout-audible")
    expect(audible).to_have_attribute("aria-live", "polite")
    expect(audible).to_have_text(SENTENCE.format("2 minutes"))
    # The screen shows every second; the live region speaks again only at one minute, 40
    # and 20 seconds. (The installed clock also runs on by itself: hence the leeway.)
    page.clock.run_for(30_000)
    expect(page.locator("#app-timeout-countdown")).to_have_text("2 minutes")
    expect(audible).to_have_text(SENTENCE.format("2 minutes"))
    page.clock.run_for(30_000)
    expect(audible).to_have_text(SENTENCE.format("1 minute"))
    page.clock.run_for(25_000)
    expect(page.locator("#app-timeout-countdown")).to_have_text(re.compile(r"^\d\d seconds$"))
    expect(audible).to_have_text(SENTENCE.format("40 seconds"))
    # Focus stays in the dialog: Tab wraps round its two buttons.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign out", exact=True).last).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#app-timeout-sign-out button[type=submit]")).to_be_focused()

    before = Session.objects.get().expire_date
    with page.expect_response("**/accounts/sessions/keep-alive/") as answer:
        page.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 200
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()  # back where it was
    assert Session.objects.get().expire_date > before  # the session was refreshed
    page.clock.fast_forward("27:00")  # counted afresh from the keep-alive
    page.clock.run_for(1000)
    expect(dialog).to_be_hidden()
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/"  # still signed in


def test_escape_stays_signed_in(page, live_server, person):
    signed_in(page, live_server, person)
    page.clock.fast_forward("28:30")
    page.clock.run_for(1000)
    expect(dialog_of(page)).to_be_visible()
    with page.expect_response("**/accounts/sessions/keep-alive/"):
        page.keyboard.press("Escape")
    expect(dialog_of(page)).to_be_hidden()


def test_sign_out_signs_out(page, live_server, person):
    signed_in(page, live_server, person)
    page.clock.fast_forward("28:30")
    page.clock.run_for(1000)
    dialog_of(page).get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/signed-out/")
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url


def test_at_the_timeout_the_person_is_signed_out(page, live_server, person):
    signed_in(page, live_server, person)
    page.clock.fast_forward("29:59")
    page.clock.run_for(2000)
    page.wait_for_url("**/accounts/signed-out/")
    expect(page.locator("h1")).to_have_text("You have signed out")
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url


def test_the_open_dialog_passes_axe(browser, live_server, person):
    assert AXE.exists(), "node_modules/axe-core is missing: run npm ci"
    context = browser.new_context(bypass_csp=True)  # to inject axe-core
    page = context.new_page()
    signed_in(page, live_server, person)
    page.clock.fast_forward("28:30")
    page.clock.run_for(1000)
    expect(dialog_of(page)).to_be_visible()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
    assert violations == []
    context.close()


def test_a_real_short_timeout_is_kept_by_stay_signed_in(page, live_server, person, settings):
    """No fake clock: a 10-second session, warned 8 seconds ahead, is still there after its
    first 10 seconds because "Stay signed in" refreshed it."""
    settings.SESSION_COOKIE_AGE = 10
    settings.SESSION_TIMEOUT_WARNING = 8
    sign_in(page, live_server, person.email)
    page.wait_for_url(live_server.url + "/")
    loaded = time.monotonic()
    dialog = dialog_of(page)
    expect(dialog).to_be_visible(timeout=5000)
    page.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    time.sleep(max(0, loaded + 11 - time.monotonic()))  # past the first end, not the second
    page.goto(live_server.url + "/accounts/sessions/")
    expect(page.locator("h1")).to_have_text("Your sessions")
