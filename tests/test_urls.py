"""URL names (issue 12): every route of a feature app is named in its app's namespace
(governance, s11, reviews, funding, scrutiny, arrangements), from the app's own urls.py included once;
only the core keeps un-namespaced names, the ones listed here. Every name a template or a
reverse() call uses exists."""

import ast
import re
from pathlib import Path

import pytest
from django.core import checks
from django.urls import get_resolver

from .test_matrix import _walk

pytestmark = pytest.mark.db_agnostic

ROOT = Path(__file__).resolve().parent.parent
APP_NAMESPACES = {"governance": "governance", "s11": "agencies", "reviews": "reviews",
                  "funding": "funding", "scrutiny": "scrutiny", "arrangements": "arrangements",
                  "portfolio": "portfolio"}
# The core (partnership/urls.py and partnership/api/urls.py) keeps its names: Django's auth
# views reverse login and password_reset_*, the settings name login, home and signed-out,
# and drf-spectacular's docs view takes url_name="api-schema".
CORE_NAMES = {
    "home", "partnership-switch", "accessibility", "healthz", "metrics", "readyz",
    "login", "logout", "signed-out", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete", "invitation-accept",
    "invitation-complete",
    # django-allauth reverses its own names, un-namespaced: the sign-in page's alias, confirming
    # the password again, and its second-factor pages (allauth.mfa.urls).
    "account_login", "account_reauthenticate", "mfa_index", "mfa_authenticate",
    "mfa_reauthenticate", "mfa_activate_totp", "mfa_deactivate_totp", "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_download_recovery_codes", "mfa_list_webauthn",
    "mfa_add_webauthn", "mfa_reauthenticate_webauthn", "mfa_remove_webauthn",
    "mfa_edit_webauthn",
    "usersessions_list", "usersessions_end_others", "usersessions_end_all",
    "usersessions_keep_alive",
    "notifications", "notification-read", "notifications-read-all", "notification-preferences",
    "api-inbox-list", "api-inbox-read",
    "partnership-overview", "agency-list", "agency-detail", "agency-edit", "people",
    "people-invite", "membership-end-partnership", "membership-end-agency",
    "person-second-factor-reset", "partnership-second-factor",
    "designation-add", "designation-edit", "agency-rename", "agency-merge", "education-partner",
    "child-protection-team-list",
    "child-protection-team-add", "child-protection-team-detail", "child-protection-team-edit",
    "child-protection-member-add", "child-protection-member-end",
    "api-token", "api-me", "api-working-days", "api-schema", "api-docs",
    "api-partnership-list", "api-partnership-detail", "api-agency-list", "api-agency-detail",
    "api-child-protection-team-list", "api-child-protection-team-detail",
    "api-access", "api-access-create", "api-access-revoke", "api-access-revoke-all",
    # single sign-on: the address form, and allauth's OpenID Connect views
    "sso", "openid_connect_login", "openid_connect_callback",
}
URL_TAG = re.compile(r"""\{%-?\s*url\s+(['"])([^'"]+)\1""")
NAV_COMPARISON = re.compile(r"""\bhere\s*[!=]=\s*(['"])([^'"]+)\1""")
URL_CALLS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def exists(name):
    """Whether `name` ("ns:name" or "name") is a URL name, without reversing it."""
    *namespaces, view = name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return view in resolver.reverse_dict


def template_names():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            for lineno, line in enumerate(path.read_text().splitlines(), 1):
                for regex in (URL_TAG, NAV_COMPARISON):
                    for match in regex.finditer(line):
                        yield f"{path.relative_to(ROOT)}:{lineno}", match.group(2)


def reversed_names():
    for top in (*{"partnership", *APP_NAMESPACES.values()}, "tests"):
        for path in sorted((ROOT / top).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = node.args[0]
                if (called in URL_CALLS and isinstance(first, ast.Constant)
                        and isinstance(first.value, str) and "/" not in first.value):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", first.value


def test_every_url_name_is_namespaced_except_the_core():
    plain, namespaces = set(), set()
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace:
            namespaces.add(namespace.split(":")[0])
        else:
            plain.add(pattern.name)
    assert plain == CORE_NAMES, (
        f"un-namespaced URL names that are not the core's: {sorted(plain - CORE_NAMES)}; "
        f"core names gone: {sorted(CORE_NAMES - plain)}")
    assert namespaces == {*APP_NAMESPACES, "admin"}


def test_each_app_namespace_is_its_own_urls_py_included_once():
    for namespace, app in APP_NAMESPACES.items():
        resolver = get_resolver().namespace_dict[namespace][1]
        assert resolver.urlconf_module.__name__ == f"{app}.urls", namespace
        assert resolver.urlconf_module.app_name == namespace
    included = [p.namespace for p in get_resolver().url_patterns if getattr(p, "namespace", None)]
    assert sorted(included) == sorted({*APP_NAMESPACES, "admin"})
    # urls.W005 (a namespace included twice) and the other URL checks: CI fails on warnings.
    assert checks.run_checks(tags=[checks.Tags.urls]) == []


def test_no_app_keeps_other_url_modules():
    leftovers = [str(p.relative_to(ROOT)) for app in APP_NAMESPACES.values()
                 for p in (ROOT / app).glob("*urls*.py") if p.name != "urls.py"]
    assert not leftovers, leftovers


def test_templates_use_only_url_names_that_exist():
    found = list(template_names())
    assert len(found) > 300  # the walker sees the templates' url tags
    unknown = [f"{where}: {name}" for where, name in found if not exists(name)]
    assert not unknown, "unknown URL names in templates:\n" + "\n".join(unknown)


def test_code_reverses_only_url_names_that_exist():
    found = list(reversed_names())
    assert len(found) > 300
    unknown = [f"{where}: {name}" for where, name in found if not exists(name)]
    assert not unknown, "unknown URL names in reverse()/redirect() calls:\n" + "\n".join(unknown)


def test_the_name_check_tells_names_apart():
    assert exists("s11:return") and exists("home") and exists("admin:index")
    old_style = "-".join(("s11", "return"))  # built, so that no rewrite of names touches it
    assert not exists(old_style) and not exists("return") and not exists("nope:return")
    assert not exists("reviews:return")
