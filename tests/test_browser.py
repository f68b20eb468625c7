"""In Debian's Chromium: sign in, reach the home page, and check the pages' structure."""

import os
import re

import pytest
from playwright.sync_api import expect

from . import cast as cast_module
from .conftest import in_ci

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not in_ci(),
                       reason="Debian's chromium is not installed (CI installs it)"),
    pytest.mark.django_db(transaction=True),
]


def assert_accessible_structure(page):
    # A click that navigates returns before the next page has loaded: wait for it, so
    # that the checks below read the new page and not the one being left.
    page.wait_for_load_state("load")
    expect(page.locator("h1"), "a page has exactly one h1").to_have_count(1)
    expect(page.locator("main"), "a page has one main landmark").to_have_count(1)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]):not([type=submit]), select, textarea')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
        .map(el => el.name || el.id)""")
    assert unlabelled == [], f"form fields without a label: {unlabelled}"
    assert page.locator("a.govuk-skip-link[href='#main-content']").count() == 1


@pytest.fixture
def failed_responses(page):
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    return failures


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/")
    assert re.search(r"/accounts/login/", page.url)
    assert_accessible_structure(page)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(cast_module.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_reaches_the_home_page(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    sign_in(page, live_server, cast.lead_police.email)
    page.wait_for_url(live_server.url + "/")
    assert page.locator("h1").inner_text().strip() == "Shires Police"
    assert_accessible_structure(page)  # includes the labelled partnership switcher
    assert page.get_by_label("Working in").count() == 1
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "arial" in font.lower()  # the project stylesheet loaded
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert failed_responses == []


def test_wrong_password_shows_an_error_summary(page, live_server):
    cast = cast_module.build(hash_passwords=True)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail address").fill(cast.bu_manager.email)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct e-mail address and password" in summary.inner_text()
    assert page.title().startswith("Error: ")


def test_everything_works_without_javascript(browser, live_server):
    cast = cast_module.build(hash_passwords=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, cast.bu_manager.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="People and roles").click()
    assert page.locator("h1").inner_text().strip() == "People and roles"
    assert_accessible_structure(page)
    page.get_by_role("link", name="Invite someone or give a role").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Give the role").click()  # nothing filled in
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter their e-mail address" in summary and "Choose a role" in summary
    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text().strip() == "You have signed out"
    context.close()


def test_business_unit_records_a_payment_and_the_summary_and_chart_update(page, live_server):
    cast = cast_module.build(hash_passwords=True)
    sign_in(page, live_server, cast.bu_manager.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Funding").click()
    page.get_by_role("link", name="2025/26").click()
    assert page.locator("#received-total").inner_text() == "£0.00"
    chart = page.locator("#contributions-chart-desc")
    assert "Agency A Academy: Agreed £100.00, Received £0.00" in chart.text_content()
    assert_accessible_structure(page)
    page.locator("#contributions").get_by_role("link", name="Payments from Agency A Academy").click()
    assert_accessible_structure(page)
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount received (£)").fill("1,00.00")
    page.get_by_role("button", name="Record the payment").click()
    assert "Enter an amount in pounds" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Amount received (£)").fill("1000")  # a slip: ten times the invoice
    page.locator("#id_received_on_0").fill("1")
    page.locator("#id_received_on_1").fill("5")
    page.locator("#id_received_on_2").fill("2025")
    page.get_by_role("button", name="Record the payment").click()
    assert "£900.00 more than the £100.00 agreed" in page.locator("#over-payment").inner_text()
    assert_accessible_structure(page)
    page.get_by_role("button", name="Change the payment").click()
    page.get_by_label("Amount received (£)").fill("100")
    page.get_by_role("button", name="Record the payment").click()
    assert "£100.00" in page.locator("#payments").inner_text()
    page.get_by_role("link", name="Back to funding 2025/26").click()
    assert page.locator("#received-total").inner_text() == "£100.00"
    assert "Agency A Academy: Agreed £100.00, Received £100.00" in \
        page.locator("#contributions-chart-desc").text_content()
    assert page.locator("#contributions-chart-title").count() == 1
    assert_accessible_structure(page)
