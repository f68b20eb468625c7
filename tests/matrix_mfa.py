"""Role x route cases for the second-factor pages (django-allauth's MFA views, included from
partnership/urls.py; see tests/matrix.py for the helpers and rules).

Each page is the signed-in person's own: anyone signed in may open theirs, and an anonymous
visitor is sent to sign in. Adding or removing a factor, and seeing recovery codes, first
asks the person to confirm who they are (allauth's reauthentication: 302 to the password
page, since the matrix's clients have just signed in); someone else's key is never theirs to
change (tests/test_mfa_sign_in.py shows the 404 after confirming). Whether a page answers
depends on what the person has set up, so the cases that need it give the whole cast the
same first (an app, recovery codes, or none), whoever the MFA policy requires one of. The
pages (those answering 200) only add recovery codes: the crawl and the matrix give an app to
those who must have one.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from .matrix import SIGNED_IN, Case, everyone, expect

SECRET = "JBSWY3DPEHPK3PXP"  # base32
# A passkey's public registration, as a virtual authenticator in Chromium made it
# (tests/test_browser_passkey.py): allauth reads it to ask for the key.
KEY_ID = "wkSCqT8PK8yYz1reFb_HKnZHK8LzbwXVcrSvfKkxYYQ"
KEY_CREDENTIAL = {
    "type": "public-key", "id": KEY_ID, "rawId": KEY_ID, "authenticatorAttachment": "platform",
    "response": {
        "clientDataJSON": (
            "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiVUF4N2ZqX1BQT3Y4UTJ6Zk1zdG1B"
            "Yk41eGlxcUY3ejNSSk5ZZFhqMzFUOCIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6NDgwMTUiLCJj"
            "cm9zc09yaWdpbiI6ZmFsc2V9"),
        "attestationObject": (
            "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVikSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMd"
            "l2NFAAAAAQECAwQFBgcIAQIDBAUGBwgAIMJEgqk_DyvMmM9a3hW_xyp2RyvC828F1XK0r3ypMWGEpQEC"
            "AyYgASFYIF8j-HsiyGx9X41vHMp9SRvi3TBDnN_FmlyOVfmb0RkHIlggLmRAypfmTL--WvAS-dr6n4S-"
            "ZXQD2T6JSnCYl6UQPmY"),
        "transports": ["internal"]},
    "clientExtensionResults": {"credProps": {}}}


def _people(c):
    return [user for user in c.users.values() if user is not None]


def everyone_has_an_app(c):
    for user in _people(c):
        if not Authenticator.objects.filter(user=user, type="totp").exists():
            TOTP.activate(user, SECRET)
    return {}


def everyone_has_codes(c):
    """Recovery codes, and no app for those who have none (the crawl and the browser checks
    give apps to those who must have one, after the pages' cases are made)."""
    for user in _people(c):
        if not Authenticator.objects.filter(user=user, type="recovery_codes").exists():
            RecoveryCodes.activate(user)
    return {}


def nobody_has_codes(c):
    Authenticator.objects.filter(type="recovery_codes").delete()
    return {}


def key_of_lead_a(c):
    """A passkey of lead_a's (made once per cast)."""
    if "key_a" not in c.__dict__:
        c.key_a = Authenticator.objects.create(
            user=c.lead_a, type="webauthn",
            data={"name": "Lead A's key", "credential": KEY_CREDENTIAL})
    return {"pk": c.key_a.pk}


OWN = expect(SIGNED_IN)
CONFIRM_FIRST = everyone(302)  # anonymous: to sign in; signed in: to confirm who they are

CASES = [
    Case("account_login", expect(("anon",), code=200, denied=302)),
    Case("account_reauthenticate", OWN),
    Case("account_reauthenticate", OWN, method="post", data={"password": ""},
         note="no password"),
    Case("mfa_index", OWN),
    # Only between the password and the second factor of a sign-in: otherwise on to sign in.
    Case("mfa_authenticate", everyone(302)),
    Case("mfa_authenticate", everyone(302), method="post", data={"code": "123456"}),
    Case("mfa_reauthenticate", OWN, kwargs=everyone_has_codes),
    Case("mfa_reauthenticate", OWN, kwargs=everyone_has_codes, method="post",
         data={"code": "not a code"}, note="wrong code"),
    # Nobody in the cast has a passkey: confirming with one goes to the password instead.
    Case("mfa_reauthenticate_webauthn", everyone(302)),
    Case("mfa_activate_totp", CONFIRM_FIRST),
    Case("mfa_activate_totp", CONFIRM_FIRST, method="post", data={"code": "123456"}),
    Case("mfa_deactivate_totp", CONFIRM_FIRST, kwargs=everyone_has_an_app),
    Case("mfa_deactivate_totp", CONFIRM_FIRST, kwargs=everyone_has_an_app, method="post"),
    Case("mfa_view_recovery_codes", CONFIRM_FIRST, kwargs=everyone_has_codes),
    Case("mfa_view_recovery_codes", expect(()), kwargs=nobody_has_codes, note="none"),
    Case("mfa_download_recovery_codes", CONFIRM_FIRST, kwargs=everyone_has_codes),
    Case("mfa_download_recovery_codes", expect(()), kwargs=nobody_has_codes, note="none"),
    Case("mfa_generate_recovery_codes", CONFIRM_FIRST),
    Case("mfa_generate_recovery_codes", CONFIRM_FIRST, method="post"),
    Case("mfa_list_webauthn", OWN),
    Case("mfa_add_webauthn", CONFIRM_FIRST),
    Case("mfa_add_webauthn", CONFIRM_FIRST, method="post",
         data={"name": "Key", "credential": "{}"}),
    Case("mfa_edit_webauthn", CONFIRM_FIRST, kwargs=key_of_lead_a),
    Case("mfa_edit_webauthn", CONFIRM_FIRST, kwargs=key_of_lead_a, method="post",
         data={"name": "Taken over"}),
    Case("mfa_remove_webauthn", CONFIRM_FIRST, kwargs=key_of_lead_a),
    Case("mfa_remove_webauthn", CONFIRM_FIRST, kwargs=key_of_lead_a, method="post"),
]
