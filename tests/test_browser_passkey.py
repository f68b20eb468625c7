"""In Chromium, with a virtual authenticator (the DevTools protocol's WebAuthn domain, through
Playwright's CDP session): a person adds a passkey on the portal's pages, signs out, and
signs in with their password and then the passkey as the second factor (issue 15). Without
JavaScript the passkey pages say it is needed."""

import re

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from playwright.sync_api import expect

from partnership.models import User

from .cast import PASSWORD
from .matrix_mfa import KEY_CREDENTIAL
from .test_browser import assert_accessible_structure
from .test_browser import pytestmark as browser_marks
from .test_browser_axe import DESKTOP, axe_and_charts
from .test_browser_reflow import NARROW, too_wide
from .test_mfa_sign_in import code_now, wrong_code

pytestmark = browser_marks


def virtual_authenticator(page):
    """A platform authenticator that holds passkeys and verifies the person (as a laptop's
    fingerprint reader would), answering without a touch. Returns a function that lists the
    credentials it holds."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    return lambda: cdp.send("WebAuthn.getCredentials",
                            {"authenticatorId": added["authenticatorId"]})["credentials"]


def password(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_add_a_passkey_then_sign_in_with_it(page, live_server):
    person = User.objects.create_user("keyholder@cast.example", PASSWORD, full_name="Key Holder")
    credentials = virtual_authenticator(page)
    password(page, live_server, person.email)
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="Sign-in security").click()
    assert_accessible_structure(page)
    page.get_by_role("link", name="Add a passkey or security key").click()
    # Confirm it is you: the password again, then on to the page asked for.
    expect(page.locator("h1")).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Add a passkey or security key")
    assert_accessible_structure(page)
    expect(page.get_by_text("turn on JavaScript")).to_be_hidden()
    page.get_by_label("Name").fill("Work laptop")
    page.get_by_role("button", name="Add a passkey or security key").click()
    # The first second factor comes with recovery codes.
    expect(page.locator("h1")).to_have_text("Your recovery codes")
    key = Authenticator.objects.get(user=person, type="webauthn")
    assert key.wrap().name == "Work laptop"
    assert len(credentials()) == 1  # the key the browser made is the one the portal keeps
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("You have signed out")

    password(page, live_server, person.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/$"))
    expect(page.locator("h1")).to_have_text("Use your passkey or security key")
    assert_accessible_structure(page)
    assert page.get_by_text("Use a recovery code").count() == 1
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("button", name="Sign out").count() == 1
    key.refresh_from_db()
    assert key.last_used_at is not None

    # With an authenticator app as well, the page asks for its code and offers the passkey.
    TOTP.activate(person, generate_totp_secret())
    page.get_by_role("button", name="Sign out").click()
    password(page, live_server, person.email)
    expect(page.locator("h1")).to_have_text("Enter the 6-digit code from your authenticator app")
    expect(page.get_by_role("heading", name="Use a passkey or security key instead")).to_be_visible()
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(live_server.url + "/")


def test_without_javascript_the_passkey_page_says_it_is_needed(browser, live_server):
    person = User.objects.create_user("nojs@cast.example", PASSWORD, full_name="No Script")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    password(page, live_server, person.email)
    page.goto(live_server.url + "/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Add a passkey or security key")
    expect(page.get_by_text("To use a passkey or security key, turn on JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Add a passkey or security key")).to_be_hidden()
    # The authenticator app works without it.
    page.goto(live_server.url + "/accounts/2fa/totp/activate/")
    expect(page.locator("h1")).to_have_text("Set up an authenticator app")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1
    context.close()


def test_the_second_factor_pages_pass_axe_and_reflow(browser, live_server):
    """The pages the role x route matrix cannot open with a fresh session (they need a sign-in
    half done, or who you are confirmed again): no axe-core violation at desktop width, no
    sideways scrolling at 320px."""
    person = User.objects.create_user("checked@cast.example", PASSWORD, full_name="Checked")
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    RecoveryCodes.activate(person)
    context = browser.new_context(bypass_csp=True)  # to load axe-core
    page = context.new_page()
    complaints = []

    def check(url=None):
        if url:
            page.goto(live_server.url + url)
        assert_accessible_structure(page)
        for viewport, found in ((DESKTOP, axe_and_charts), (NARROW, too_wide)):
            page.set_viewport_size(viewport)
            complaint = found(page)
            if complaint:
                complaints.append(f"{page.url} {viewport['width']}px: {complaint}")

    key = Authenticator.objects.create(user=person, type="webauthn",
                                       data={"name": "Work laptop", "credential": KEY_CREDENTIAL})
    password(page, live_server, person.email)
    check()  # the code at sign-in, with the passkey and a recovery code as other ways
    page.get_by_label("Code", exact=True).fill(wrong_code(secret))
    page.get_by_role("button", name="Continue", exact=True).click()
    check()  # with its error
    page.get_by_label("Code", exact=True).fill(code_now(secret))
    page.get_by_role("button", name="Continue", exact=True).click()
    page.wait_for_url(live_server.url + "/")
    check("/accounts/reauthenticate/?next=/accounts/2fa/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    for route in ("mfa_index", "mfa_reauthenticate", "mfa_reauthenticate_webauthn",
                  "mfa_deactivate_totp", "mfa_view_recovery_codes",
                  "mfa_generate_recovery_codes", "mfa_list_webauthn", "mfa_add_webauthn"):
        check(reverse(route))
    for route in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        check(reverse(route, kwargs={"pk": key.pk}))
    key.delete()
    Authenticator.objects.filter(user=person).delete()
    check(reverse("mfa_activate_totp"))
    context.close()
    assert not complaints, "\n".join(complaints)
