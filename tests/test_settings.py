"""Settings come from the environment; production is hardened and checked by Django."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PRODUCTION": "True",
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-0123456789",
    "DATABASE_URL": "postgres://app:app@127.0.0.1:5432/app",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "portal.example, www.portal.example",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example:587",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "PRODUCTION", "SECRET_KEY",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run(  # noqa: S603 - runs our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120)


def test_deploy_check_passes_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS",
                                     "EMAIL_URL"])
def test_production_refuses_to_start_without_required_variables(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set when PRODUCTION=True" in result.stderr


def test_production_settings_profile():
    code = ("from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
            "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['OPTIONS'], "
            "s.CELERY_TASK_ALWAYS_EAGER, s.SESSION_COOKIE_NAME)")
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("False True True 31536000 django.db.backends.postgresql")
    assert "'pool'" in out and "False __Host-sessionid" in out


def test_embedded_default_needs_no_environment():
    code = ("from django.conf import settings as s; "
            "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)")
    result = manage("shell", "--no-imports", "-c", code, env={})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True",
                                     "django.core.mail.backends.console.EmailBackend"]


@pytest.mark.django_db
def test_content_security_policy_has_no_unsafe_inline(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_have_no_inline_script(client):
    body = client.get(reverse("login")).content.decode()
    import re

    for script in re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S):
        assert script.strip() == "", "inline script would be blocked by the CSP"
    assert " style=" not in body


def test_api_renders_json_only_and_has_no_basic_auth(settings):
    framework = settings.REST_FRAMEWORK
    assert framework["DEFAULT_RENDERER_CLASSES"] == ["rest_framework.renderers.JSONRenderer"]
    assert not any("Basic" in c for c in framework["DEFAULT_AUTHENTICATION_CLASSES"])
    assert framework["DEFAULT_PERMISSION_CLASSES"] == [
        "rest_framework.permissions.IsAuthenticated"]


@pytest.mark.django_db
def test_postgresql_weighs_every_join_order_of_a_list_query():
    """A national agency's lists join some 10 tables: PostgreSQL plans them whole (limits
    of 10, not its default 8), which took CAFCASS's return list from 150 ms to 20 ms."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        joins = cursor.fetchone()[0]
        cursor.execute("SHOW from_collapse_limit")
        assert (joins, cursor.fetchone()[0]) == ("10", "10")
