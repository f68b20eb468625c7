"""In Debian's Chromium, without JavaScript: single sign-on from the sign-in page through a real
OpenID provider (scripts/oidc-provider.mjs; OIDC_TEST_ISSUER) and back, signed in. The
browser also holds the portal to its Content-Security-Policy: the sign-in form's POST is
redirected to the provider, which form-action must allow (settings: sso.origins)."""

import os

import pytest
from csp.constants import SELF
from playwright.sync_api import expect

from partnership import sso
from partnership.models import User

from .cast import PASSWORD
from .conftest import in_ci, require
from .test_browser import CHROMIUM, assert_accessible_structure
from .test_sso import FORCE, ISSUER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not in_ci(),
                       reason="Debian's chromium is not installed (CI installs it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def no_script(browser, settings):
    """A browser without JavaScript, on a portal whose one provider is the test provider, with
    the Content-Security-Policy the settings build for it."""
    require(ISSUER, "the test OpenID provider (start `node scripts/oidc-provider.mjs` and set "
                    "OIDC_TEST_ISSUER=http://127.0.0.1:9400)")
    providers = sso.validated([FORCE])
    settings.SSO_PROVIDERS = providers
    settings.SOCIALACCOUNT_PROVIDERS = sso.allauth_providers(providers)
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": {
        **policy["DIRECTIVES"], "form-action": [SELF, *sso.origins(providers)]}}
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def start(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible_structure(page)
    page.get_by_label("Work e-mail address").fill(email)
    page.get_by_role("button", name="Continue").click()


def test_single_sign_on_through_the_provider(no_script, live_server):
    officer = User.objects.create_user("officer@force.example", PASSWORD, full_name="Sam Officer")
    page = no_script
    start(page, live_server, "Officer@force.example")
    page.wait_for_url(f"{ISSUER}/interaction/**")
    login = page.locator("input[name=login]")
    expect(login).to_have_value("officer@force.example")  # the portal's login_hint
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent
    page.wait_for_url(live_server.url + "/")
    assert_accessible_structure(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert officer.socialaccount_set.get().provider == "force"


def test_an_address_not_invited_is_refused_plainly(no_script, live_server):
    page = no_script
    start(page, live_server, "stranger@force.example")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("You cannot sign in with this account")
    assert_accessible_structure(page)
    assert "has not been invited" in page.locator("main").inner_text()


def test_an_address_whose_organisation_has_no_single_sign_on(no_script, live_server):
    page = no_script
    start(page, live_server, "someone@council.example")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Your organisation does not use single sign-on here")
    assert page.title().startswith("Error: ")
    assert_accessible_structure(page)
