"""Single sign-on by OpenID Connect: the deployment's providers (SSO_PROVIDERS), which e-mail
domains go to which, and who a provider's answer may sign in as.

SSO_PROVIDERS (JSON), or SSO_PROVIDERS_FILE (the path of a file holding the same JSON), is a
list of providers, each
    {"id": "nypolice", "name": "North Yorkshire Police",
     "issuer": "https://login.microsoftonline.com/<tenant id>/v2.0",
     "client_id": "...", "secret": "...", "domains": ["northyorkshire.police.uk"],
     "mfa_from_amr": true, "email_verified_claim": "xms_edov"}
`mfa_from_amr` (default false): the provider's own multi-factor sign-in counts as the
portal's second factor. `email_verified_claim` (default "email_verified"): the claim that
says the provider checked the address (Microsoft Entra ID sends none unless "xms_edov" is
added to its token configuration). README: "Single sign-on".
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# `amr` values (RFC 8176) that mean more than one factor: "mfa" itself (Microsoft Entra ID),
# a one-time code ("otp", "sms"), a hardware or software key ("hwk", "swk") and biometrics
# ("fpt", "face"), which a provider only reports beside the sign-in they strengthen.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sms", "fpt", "face"})

REQUIRED = {"id", "name", "issuer", "client_id", "secret", "domains"}
OPTIONAL = {"mfa_from_amr": False, "email_verified_claim": "email_verified"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def providers_from_env(env):
    """The validated SSO_PROVIDERS (or SSO_PROVIDERS_FILE) of the environment `env`; [] when
    neither is set. A bad value is an ImproperlyConfigured that says what is wrong."""
    text, path = env.str("SSO_PROVIDERS", default=""), env.str("SSO_PROVIDERS_FILE", default="")
    if text and path:
        raise ImproperlyConfigured("Set SSO_PROVIDERS or SSO_PROVIDERS_FILE, not both")
    source = "SSO_PROVIDERS"
    if path:
        source = f"SSO_PROVIDERS_FILE ({path})"
        try:
            text = Path(path).read_text()
        except OSError as error:
            raise ImproperlyConfigured(f"{source} cannot be read: {error}") from None
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except ValueError as error:
        raise ImproperlyConfigured(f"{source} is not JSON: {error}") from None
    return validated(value, source)


def validated(value, source="SSO_PROVIDERS"):
    if not isinstance(value, list):
        raise ImproperlyConfigured(f"{source} must be a JSON list of providers")
    result, owners = [], {}
    for number, entry in enumerate(value, 1):
        provider = _provider(entry, f"{source}, provider {number}")
        if any(p["id"] == provider["id"] for p in result):
            raise ImproperlyConfigured(f"{source}: the id {provider['id']!r} is used twice")
        for domain in provider["domains"]:
            if domain in owners:
                raise ImproperlyConfigured(
                    f"{source}: the domain {domain} is mapped to both {owners[domain]!r} "
                    f"and {provider['id']!r}")
            owners[domain] = provider["id"]
        result.append(provider)
    return result


def _provider(entry, where):
    if not isinstance(entry, dict):
        raise ImproperlyConfigured(f"{where} must be a JSON object")
    missing, unknown = REQUIRED - entry.keys(), entry.keys() - REQUIRED - OPTIONAL.keys()
    if missing:
        raise ImproperlyConfigured(f"{where} lacks {', '.join(sorted(missing))}")
    if unknown:
        raise ImproperlyConfigured(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    provider = {**OPTIONAL, **entry}
    for key in ("id", "name", "issuer", "client_id", "secret", "email_verified_claim"):
        if not isinstance(provider[key], str) or not provider[key].strip():
            raise ImproperlyConfigured(f"{where}: {key} must be a non-empty string")
    if not ID.match(provider["id"]):
        raise ImproperlyConfigured(
            f"{where}: id {provider['id']!r} must be lower-case letters, digits and hyphens "
            "(at most 30), like nypolice")
    issuer = urlsplit(provider["issuer"])
    local = issuer.scheme == "http" and issuer.hostname in LOCAL_HOSTS
    if not (issuer.scheme == "https" or local) or not issuer.hostname:
        raise ImproperlyConfigured(f"{where}: issuer must be an https:// URL, not "
                                   f"{provider['issuer']!r}")
    if not isinstance(provider["mfa_from_amr"], bool):
        raise ImproperlyConfigured(f"{where}: mfa_from_amr must be true or false")
    domains = provider["domains"]
    if not isinstance(domains, list) or not domains or not all(
            isinstance(d, str) for d in domains):
        raise ImproperlyConfigured(f"{where}: domains must be a non-empty list of e-mail domains")
    provider["domains"] = [d.strip().lower().lstrip("@") for d in domains]
    for domain in provider["domains"]:
        if not DOMAIN.match(domain):
            raise ImproperlyConfigured(f"{where}: {domain!r} is not an e-mail domain")
    return provider


def allauth_providers(providers):
    """SOCIALACCOUNT_PROVIDERS for django-allauth's OpenID Connect provider: one app each,
    PKCE on."""
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [
        {"provider_id": p["id"], "name": p["name"], "client_id": p["client_id"],
         "secret": p["secret"], "settings": {"server_url": p["issuer"], "oauth_pkce_enabled": True}}
        for p in providers]}}


def origins(providers):
    """Where the sign-in page's form may lead (the CSP's form-action: the portal redirects the
    form's POST to the provider's sign-in page, on the issuer's origin)."""
    return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(p["issuer"])) for p in providers})


def configured():
    return settings.SSO_PROVIDERS


def provider(provider_id):
    return next((p for p in settings.SSO_PROVIDERS if p["id"] == provider_id), None)


def provider_for_email(email):
    """The provider the domain of `email` is mapped to, or None."""
    domain = email.rpartition("@")[2].strip().lower()
    return next((p for p in settings.SSO_PROVIDERS if domain in p["domains"]), None)


def claims(sociallogin):
    """What the provider said of the person: its ID token's claims, and its userinfo
    endpoint's answer over them (django-allauth fetches both)."""
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def id_token_amr(sociallogin):
    amr = ((sociallogin.account.extra_data or {}).get("id_token") or {}).get("amr")
    return {str(value) for value in amr} if isinstance(amr, list) else set()


def refusal(config, said, user):
    """Why single sign-on from `config` (a provider) saying `said` (its claims) must not sign
    in as `user` (the active or inactive User with that address, or None); None when it may.
    Only people already invited sign in, with an address the provider vouches for, in one of
    the domains mapped to that provider."""
    email = said.get("email")
    if not isinstance(email, str) or "@" not in email:
        return "no_email"
    verified = said.get(config["email_verified_claim"])
    if not (verified is True or (isinstance(verified, str) and verified.lower() == "true")):
        return "unverified"
    if email.rpartition("@")[2].lower() not in config["domains"]:
        return "domain"
    if user is None:
        return "not_invited"
    if not user.is_active:
        return "inactive"
    return None


def counts_as_second_factor(config, sociallogin):
    """Whether this sign-in's multi-factor claim (`amr`) counts as the second factor."""
    return bool(config and config["mfa_from_amr"] and id_token_amr(sociallogin) & MFA_AMR)
