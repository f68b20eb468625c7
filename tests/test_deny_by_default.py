"""Deny by default (security.md AC-04, AC-07): only an allowlist of views is open to
anonymous visitors, and no form or serializer accepts every field of a model."""

import ast
from pathlib import Path

import pytest
from django.urls import get_resolver

from .test_matrix import _walk

pytestmark = pytest.mark.db_agnostic

ROOT = Path(__file__).resolve().parent.parent
OPEN_HTML_VIEWS = {
    "login", "signed-out", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete", "invitation-accept",
    "invitation-complete", "accessibility", "healthz", "metrics", "readyz",
    # Signing in (issue 15): the sign-in page's second address (allauth's name for it), the
    # second factor's step (only with a sign-in half done: allauth's pending login), and
    # single sign-on's start and the provider's return.
    "account_login", "mfa_authenticate", "sso", "openid_connect_login",
    "openid_connect_callback",
    "governance:calendar-feed-ics",  # a private feed: the secret in its URL is the credential
    # The public pages: only what an explicit publish action put there (arrangements/).
    "arrangements:public-index", "arrangements:public-document", "arrangements:public-report",
    "arrangements:public-report-pdf", "arrangements:public-feed",
}
OPEN_API_VIEWS = {"api-token"}  # DRF views authenticate themselves; this one allows anyone


def test_only_the_allowlist_is_open_to_anonymous_visitors():
    open_views = set()
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace.startswith("admin:"):
            continue  # the admin site checks staff status itself
        callback = pattern.callback
        view_class = getattr(callback, "cls", None)
        if view_class is not None and hasattr(view_class, "permission_classes"):
            if any(p.__name__ == "AllowAny" for p in view_class.permission_classes):
                open_views.add(namespace + pattern.name)
            continue
        if getattr(callback, "login_required", True) is False:
            open_views.add(namespace + pattern.name)
    assert open_views == OPEN_HTML_VIEWS | OPEN_API_VIEWS


def test_no_form_or_serializer_takes_all_fields():
    problems = []
    for path in ROOT.glob("[!.]*/**/*.py"):
        if ".venv" in path.parts or "node_modules" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name == "Meta":
                for item in node.body:
                    if isinstance(item, ast.Assign):
                        names = {t.id for t in item.targets if isinstance(t, ast.Name)}
                        if "exclude" in names or (
                            "fields" in names and isinstance(item.value, ast.Constant)
                            and item.value.value == "__all__"
                        ):
                            problems.append(f"{path.relative_to(ROOT)}:{item.lineno}")
    assert not problems, problems
