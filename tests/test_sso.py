"""Single sign-on by OpenID Connect (issue 15): SSO_PROVIDERS and what a bad value says, the
sign-in page's "Sign in with your organisation's account", and, against a real OpenID
provider (scripts/oidc-provider.mjs, panva's oidc-provider, which .ci/run starts and names in
OIDC_TEST_ISSUER), who it signs in and who it refuses. The provider's own pages are walked
with `requests` as a browser would; the portal's side is Django's test client, so the
provider sends the person back to http://testserver/accounts/oidc/force/login/callback/.
Without OIDC_TEST_ISSUER those tests skip here and fail in CI."""

import json
import os
import re
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import environ
import pytest
import requests
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from partnership import sso
from partnership.models import User

from .cast import PASSWORD
from .conftest import require

pytestmark = pytest.mark.django_db

ISSUER = os.environ.get("OIDC_TEST_ISSUER", "").rstrip("/")
FORCE = {"id": "force", "name": "Test Constabulary", "issuer": ISSUER or "http://127.0.0.1:9400",
         "client_id": "portal", "secret": "portal-test-secret", "domains": ["force.example"],
         "mfa_from_amr": True}
CALLBACK = "http://testserver/accounts/oidc/force/login/callback/"


def configure(settings, **changes):
    providers = sso.validated([{**FORCE, **changes}])
    settings.SSO_PROVIDERS = providers
    settings.SOCIALACCOUNT_PROVIDERS = sso.allauth_providers(providers)


@pytest.fixture
def force(settings):
    configure(settings)


@pytest.fixture
def issuer(force):
    require(ISSUER, "the test OpenID provider (start `node scripts/oidc-provider.mjs` and set "
                    "OIDC_TEST_ISSUER=http://127.0.0.1:9400)")
    return ISSUER


def person(email, **fields):
    return User.objects.create_user(email, PASSWORD, full_name="Sam Officer", **fields)


def env_of(**variables):
    env = environ.Env()
    env.ENVIRON = variables
    return env


# ---------------------------------------------------------------- configuration

def test_providers_become_allauth_apps_with_pkce():
    providers = sso.validated([{**FORCE, "domains": ["Force.Example", "@north.example"]}])
    assert providers[0]["domains"] == ["force.example", "north.example"]
    assert providers[0]["email_verified_claim"] == "email_verified"
    built = sso.allauth_providers(providers)["openid_connect"]
    assert built["OAUTH_PKCE_ENABLED"] is True
    assert built["APPS"] == [{"provider_id": "force", "name": "Test Constabulary",
                              "client_id": "portal", "secret": "portal-test-secret",
                              "settings": {"server_url": FORCE["issuer"],
                                           "oauth_pkce_enabled": True}}]
    entra = {**FORCE, "id": "nypolice",
             "issuer": "https://login.microsoftonline.com/0000-tenant/v2.0", "domains": ["p.uk"]}
    local = {**FORCE, "issuer": "http://localhost:9400/realms/portal"}
    assert sso.origins(sso.validated([local, entra])) == [
        "http://localhost:9400", "https://login.microsoftonline.com"]


def test_no_providers_is_the_default():
    assert sso.providers_from_env(env_of()) == []
    assert sso.allauth_providers([]) == {"openid_connect": {"OAUTH_PKCE_ENABLED": True,
                                                            "APPS": []}}


def test_providers_can_come_from_a_file(tmp_path):
    path = tmp_path / "sso.json"
    path.write_text(json.dumps([FORCE]))
    assert sso.providers_from_env(env_of(SSO_PROVIDERS_FILE=str(path)))[0]["id"] == "force"


@pytest.mark.parametrize("value,says", [
    ("{not json", "SSO_PROVIDERS is not JSON"),
    (json.dumps(FORCE), "must be a JSON list"),
    (json.dumps(["force"]), "provider 1 must be a JSON object"),
    (json.dumps([{**FORCE, "secret": None}]), "secret must be a non-empty string"),
    (json.dumps([{k: v for k, v in FORCE.items() if k != "domains"}]), "lacks domains"),
    (json.dumps([{**FORCE, "tenant": "x"}]), "unknown keys: tenant"),
    (json.dumps([{**FORCE, "id": "North Yorkshire"}]), "must be lower-case letters"),
    (json.dumps([{**FORCE, "issuer": "http://idp.example/"}]), "must be an https:// URL"),
    (json.dumps([{**FORCE, "domains": []}]), "non-empty list of e-mail domains"),
    (json.dumps([{**FORCE, "domains": ["not a domain"]}]), "is not an e-mail domain"),
    (json.dumps([{**FORCE, "mfa_from_amr": "yes"}]), "mfa_from_amr must be true or false"),
    (json.dumps([FORCE, FORCE]), "the id 'force' is used twice"),
    (json.dumps([FORCE, {**FORCE, "id": "other"}]),
     "the domain force.example is mapped to both 'force' and 'other'"),
])
def test_a_bad_value_says_what_is_wrong(value, says):
    with pytest.raises(ImproperlyConfigured, match=re.escape(says)):
        sso.providers_from_env(env_of(SSO_PROVIDERS=value))


def test_one_source_only_and_a_file_that_can_be_read(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="not both"):
        sso.providers_from_env(env_of(SSO_PROVIDERS="[]", SSO_PROVIDERS_FILE="/x"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        sso.providers_from_env(env_of(SSO_PROVIDERS_FILE=str(tmp_path / "missing.json")))


SHOW_SETTINGS = """import json, django
django.setup()
from django.conf import settings
print(json.dumps([settings.SOCIALACCOUNT_PROVIDERS,
                  settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]]))"""


def settings_with(**variables):
    """The settings module's SSO values, imported afresh with `variables` in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSO_PROVIDERS")}
    return subprocess.run(  # noqa: S603 - this Python, with our own script
        [sys.executable, "-c", SHOW_SETTINGS], capture_output=True, text=True,
        env={**env, **variables}, cwd=django_settings.BASE_DIR, timeout=120)


def test_the_settings_take_the_providers_from_the_environment():
    shown = settings_with(SSO_PROVIDERS=json.dumps([FORCE]))
    assert shown.returncode == 0, shown.stderr
    apps, form_action = json.loads(shown.stdout)
    assert apps == sso.allauth_providers(sso.validated([FORCE]))
    assert form_action == ["'self'", *sso.origins([FORCE])]  # the sign-in form leads there
    bad = settings_with(SSO_PROVIDERS=json.dumps([{**FORCE, "domains": "force.example"}]))
    assert bad.returncode != 0
    assert "ImproperlyConfigured: SSO_PROVIDERS, provider 1: domains must be a non-empty list" \
        in bad.stderr


# ---------------------------------------------------------------- the sign-in page

def test_without_providers_there_is_no_single_sign_on(client):
    assert "organisation's account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso")).status_code == 404
    assert client.post(reverse("sso"), {"email": "a@force.example"}).status_code == 404
    login = reverse("openid_connect_login", kwargs={"provider_id": "force"})
    assert client.get(login).status_code == 404


def test_the_sign_in_page_offers_it(client, force):
    body = client.get(reverse("login")).content.decode()
    assert "Sign in with your organisation's account" in body
    assert f'action="{reverse("sso")}"' in body and 'id="sso-email"' in body
    assert 'id="id_username"' in body  # the password form is still there


@pytest.mark.parametrize("email,error", [
    ("", "Enter your work e-mail address"),
    ("not-an-address", "Enter an e-mail address in the correct format"),
    ("someone@council.example", "Your organisation does not use single sign-on here. Sign in "
                                "with your e-mail address and password instead"),
])
def test_the_address_form_says_what_is_wrong(client, force, email, error):
    response = client.post(reverse("sso"), {"email": email})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and error in body
    assert 'href="#sso-email"' in body and "Error:" in body


def test_a_provider_that_does_not_answer_is_said_plainly(client, settings):
    configure(settings, issuer="http://127.0.0.1:9")  # nothing listens there
    response = client.post(reverse("sso"), {"email": "officer@force.example"})
    assert response.status_code == 503
    assert "sign-in service is not answering" in response.content.decode()
    # allauth's own start of the sign-in, asked directly, says the same
    response = client.post(reverse("openid_connect_login", args=["force"]))
    assert response.status_code == 503
    assert "sign-in service is not answering" in response.content.decode()


def test_someone_signed_in_is_sent_home(client, force):
    client.force_login(person("officer@force.example"))
    assert client.get(reverse("sso"))["Location"] == reverse("home")


def test_allauths_pages_are_the_portals(client, force):
    login = client.get(reverse("openid_connect_login", kwargs={"provider_id": "force"}))
    assert login.status_code == 200
    assert "Sign in with Test Constabulary" in login.content.decode()
    callback = client.get(CALLBACK + "?state=forged&code=x")
    assert callback.status_code == 401
    assert "Sorry, you could not be signed in" in callback.content.decode()


# ---------------------------------------------------------------- against the real provider

def at_provider(client, email, login=None, cancel=False, next_url=""):
    """Start single sign-on with `email` on the portal, sign in at the provider as `login`
    (by default the address it was given as login_hint) and consent; the portal's answer to
    the provider's redirect back."""
    start = client.post(reverse("sso"), {"email": email, "next": next_url})
    assert start.status_code == 302, start.content.decode()
    location = start["Location"]
    query = urlsplit(location).query
    assert location.startswith(f"{ISSUER}/auth?") and "code_challenge_method=S256" in query
    browser = requests.Session()
    response = browser.get(location, allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if not target.startswith(ISSUER):
                assert target.startswith(CALLBACK), target
                return client.get(target[len("http://testserver"):])
            response = browser.get(target, allow_redirects=False, timeout=10)
            continue
        page = response.text
        assert response.status_code == 200, page
        prompt = re.search(r'name="prompt" value="(\w+)"', page).group(1)
        if cancel:
            abort = re.search(r'href="([^"]*/abort)"', page).group(1)
            response = browser.get(urljoin(response.url, abort), allow_redirects=False)
            continue
        action = re.search(r'<form[^>]*action="([^"]+)"', page).group(1)
        data = {"prompt": prompt}
        if prompt == "login":
            assert f'value="{email}"' in page  # the portal's login_hint
            data.update(login=login or email, password="any password")
        response = browser.post(urljoin(response.url, action), data=data,
                                allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the person back")


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def records(client):
    """How the session's person proved who they are (allauth's authentication records)."""
    return client.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])


def test_an_invited_person_signs_in(client, issuer):
    officer = person("Officer@Force.example")
    response = at_provider(client, "officer@force.example")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in_as(client) == str(officer.pk)
    assert client.get(reverse("home")).status_code == 200
    account = SocialAccount.objects.get(user=officer)
    assert (account.provider, account.uid) == ("force", "officer@force.example")
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)  # a local password is left as it was
    methods = [r["method"] for r in records(client)]
    assert "socialaccount" in methods and "mfa" not in methods  # amr ["pwd"]: no second factor
    # A second time, the account is already connected.
    client.logout()
    assert at_provider(client, "officer@force.example")["Location"] == reverse("home")
    assert signed_in_as(client) == str(officer.pk) and SocialAccount.objects.count() == 1


def test_the_person_lands_where_they_were_going(client, issuer):
    person("officer@force.example")
    going = reverse("notifications")
    assert at_provider(client, "officer@force.example", next_url=going)["Location"] == going
    person("mfa@force.example")
    client.logout()
    offsite = at_provider(client, "mfa@force.example", next_url="https://elsewhere.example/")
    assert offsite["Location"] == reverse("home")


def refused(response, says):
    body = response.content.decode()
    assert response.status_code == 403, body
    assert "You cannot sign in with this account" in body and says in body
    return body


def test_an_address_not_invited_is_refused(client, issuer):
    refused(at_provider(client, "stranger@force.example"), "has not been invited")
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="stranger@force.example").exists()
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("email", ["unverified@force.example", "unflagged@force.example"])
def test_an_address_the_provider_does_not_vouch_for_is_refused(client, issuer, email):
    person(email)
    refused(at_provider(client, email), "did not confirm that")
    assert signed_in_as(client) is None and not SocialAccount.objects.exists()


def test_a_closed_account_is_refused(client, issuer):
    person("officer@force.example", is_active=False)
    refused(at_provider(client, "officer@force.example"), "has been closed")
    assert signed_in_as(client) is None


def test_an_address_of_a_domain_not_mapped_to_that_provider_is_refused(client, issuer):
    person("visitor@elsewhere.example")
    response = at_provider(client, "officer@force.example", login="visitor@elsewhere.example")
    refused(response, "accepts only its own organisation")
    assert signed_in_as(client) is None


def test_turning_back_at_the_provider(client, issuer):
    person("officer@force.example")
    response = at_provider(client, "officer@force.example", cancel=True)
    assert response.status_code == 200 and "You did not sign in" in response.content.decode()
    assert signed_in_as(client) is None


def test_the_providers_multi_factor_sign_in_is_the_second_factor(client, issuer):
    user = person("mfa@force.example")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    response = at_provider(client, "mfa@force.example")
    assert response["Location"] == reverse("home")  # no code asked for
    assert signed_in_as(client) == str(user.pk)
    assert {"method": "mfa", "type": "amr", "provider": "force"}.items() <= records(client)[-1].items()


@pytest.mark.parametrize("email,mfa_from_amr", [("mfa@force.example", False),
                                                ("officer@force.example", True)])
def test_otherwise_a_person_with_an_app_is_asked_for_its_code(client, issuer, settings, email,
                                                               mfa_from_amr):
    configure(settings, mfa_from_amr=mfa_from_amr)
    TOTP.activate(person(email), "JBSWY3DPEHPK3PXP")
    response = at_provider(client, email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_as(client) is None


# ---------------------------------------------------------------- the adapter, by itself

def said(**claims):
    return {"email": "officer@force.example", "email_verified": True, **claims}


@pytest.mark.parametrize("claims,reason", [
    (said(email=None), "no_email"),
    (said(email_verified="false"), "unverified"),
    (said(email_verified="TRUE"), None),  # some providers send the string
    (said(email="officer@force.example.evil"), "domain"),
])
def test_what_the_provider_says_decides(force, claims, reason):
    officer = person("officer@force.example")
    assert sso.refusal(sso.provider("force"), claims, officer) == reason


def social_login(user, process="login", provider="force"):
    from allauth.socialaccount.models import SocialLogin

    account = SocialAccount(provider=provider, uid="officer@force.example",
                            extra_data={"userinfo": said()})
    sociallogin = SocialLogin(account=account, user=user)
    sociallogin.state = {"process": process}
    return sociallogin


@pytest.mark.parametrize("case,says", [
    ("connect", "can only sign you in here, from the sign-in page"),
    ("someone else", "already linked to another person"),
    ("unknown provider", "can only sign you in here"),
])
def test_the_adapter_refuses_what_the_portal_has_no_page_for(rf, force, case, says):
    from allauth.core.exceptions import ImmediateHttpResponse
    from django.contrib.auth.models import AnonymousUser

    from partnership.adapters import SocialAccountAdapter

    person("officer@force.example")
    other = person("other@force.example")
    sociallogin = {"connect": social_login(None, process="connect"),
                   "someone else": social_login(other),  # linked to other before
                   "unknown provider": social_login(None, provider="admin-made")}[case]
    request = rf.get("/accounts/oidc/force/login/callback/")
    request.user, request.session = AnonymousUser(), {}
    with pytest.raises(ImmediateHttpResponse) as refusal:
        SocialAccountAdapter().pre_social_login(request, sociallogin)
    assert refusal.value.response.status_code == 403
    assert says in refusal.value.response.content.decode()
    assert not SocialAccount.objects.exists()


def test_someone_who_only_signs_in_this_way_can_set_up_a_second_factor(client, issuer, settings):
    """No password and no second factor yet: nothing to confirm who they are with before
    setting one up, so the single sign-on they have just made counts."""
    settings.MFA_ENFORCED = True
    officer = person("officer@force.example", is_staff=True)  # platform staff need one
    officer.set_unusable_password()
    officer.save()
    at_provider(client, "officer@force.example")
    assert client.get(reverse("home"))["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()
