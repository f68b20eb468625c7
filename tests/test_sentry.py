"""Error reports (issue 19): with SENTRY_DSN, an exception in a view reaches the Sentry-compatible
service (here a transport that keeps the events: no network) without personal data: no cookie,
Authorization header, e-mail address, name, request body, query string value or local
variable. Without a DSN nothing is set up."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.contrib.auth.decorators import login_not_required
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

from partnership.models import User
from partnership.observability import sentry

pytestmark = pytest.mark.urls("tests.test_sentry")

ROOT = Path(__file__).resolve().parent.parent
EMAIL, NAME = "grace.hopper@sentry.example", "Grace Hopper"
SECRETS = (EMAIL, NAME, "Hopper", "cookie-secret-value", "bearer-secret-token", "body-secret-text",
           "query-secret-value")


@csrf_exempt
def fails(request):
    child_name = request.POST.get("child")  # noqa: F841 - a local variable holding the body's text
    raise ValueError("the view failed")


@login_not_required
def works(request):
    return HttpResponse("fine")


urlpatterns = [path("fails/", fails), path("works/", works)]


class Keep(Transport):
    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)


@pytest.fixture
def reported():
    transport = Keep()
    sentry.init("https://public@sentry.invalid/1", environment="test", transport=transport)
    try:
        yield transport.events
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)


@pytest.fixture
def person(db):
    return User.objects.create_user(EMAIL, password="a long test password", full_name=NAME)


def wsgi_post(path, query, body, headers):
    """A request through Django's WSGI handler, as gunicorn makes it (the test client skips
    the handler sentry-sdk wraps to read the request)."""
    body = urlencode(body).encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "QUERY_STRING": query,
               "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}}
    setup_testing_defaults(environ)
    status = []
    # As Django's test client does: the test's transaction keeps its connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = get_wsgi_application()(environ, lambda s, h, e=None: status.append(s))
        content = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(status[0].split()[0]), content


def test_an_error_in_a_view_is_reported_without_personal_data(person, reported):
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies["sessionid"].value
    status, _ = wsgi_post("/fails/", "email=query-secret-value&page=2",
                          {"child": "body-secret-text", "email": EMAIL},
                          {"Cookie": f"sessionid={session}; tracking=cookie-secret-value",
                           "Authorization": "Bearer bearer-secret-token",
                           "X-Request-ID": "req-0123456789", "User-Agent": "test-agent"})
    assert status == 500
    assert len(reported) == 1
    event = reported[0]
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert event["user"] == {"id": str(person.pk)}
    assert event["tags"]["request_id"] == "req-0123456789"
    request = event["request"]
    assert request["method"] == "POST" and request["url"].endswith("/fails/")
    assert "cookies" not in request and "data" not in request and "env" not in request
    assert request["headers"]["User-Agent"] == "test-agent"
    assert {name.lower() for name in request["headers"]} <= set(sentry.KEPT_HEADERS)
    assert request["query_string"] == "email=%5BFiltered%5D&page=%5BFiltered%5D"
    for exception in event["exception"]["values"]:
        assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    text = json.dumps(event)
    for secret in (*SECRETS, session):
        assert secret not in text


def test_a_request_that_works_reports_nothing(person, reported):
    assert Client().get("/works/").status_code == 200
    assert reported == []


def test_the_scrubber_reduces_what_any_integration_adds():
    event = {
        "request": {"cookies": {"sessionid": "x"}, "data": {"email": EMAIL}, "env": {"REMOTE_ADDR": "1"},
                    "headers": {"Cookie": "a=b", "Authorization": "Bearer t", "User-Agent": "ua"},
                    "query_string": "name=Grace+Hopper"},
        "user": {"id": "7", "email": EMAIL, "username": NAME},
        "extra": {"who": NAME},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT 1", "data": {"p": EMAIL}}]},
        "logentry": {"message": "user %s", "params": [EMAIL], "formatted": f"user {EMAIL}"},
    }
    scrubbed = sentry.scrub(event)
    assert scrubbed["request"] == {"headers": {"User-Agent": "ua"}, "query_string": "name=%5BFiltered%5D"}
    assert scrubbed["user"] == {}  # no user signed in to this context; a user is its id only
    text = json.dumps(scrubbed)
    assert EMAIL not in text and NAME not in text and "Hopper" not in text


def settings_sentry(**environ):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "DATABASE_URL", "REDIS_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="partnership.settings", **environ)
    code = ("import django, json, sentry_sdk; django.setup(); c = sentry_sdk.get_client(); "
            "print(json.dumps([c.is_active(), c.options.get('environment'), c.options.get('release'), "
            "c.options['data_collection']['cookies']]))")
    result = subprocess.run(  # noqa: S603 - our own settings, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sentry_is_off_without_a_dsn():
    assert settings_sentry()[0] is False


def test_a_dsn_in_the_environment_switches_sentry_on():
    active, environment, release, cookies = settings_sentry(
        SENTRY_DSN="http://public@127.0.0.1:9/1", SENTRY_ENVIRONMENT="staging", SENTRY_RELEASE="1.2.3")
    assert (active, environment, release) == (True, "staging", "1.2.3")
    assert cookies == {"mode": "off"}
