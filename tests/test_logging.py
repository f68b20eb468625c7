"""Log lines (issue 19): JSON with LOG_FORMAT=json, each carrying the request id returned in
X-Request-ID and the signed-in user's id (never a name or an e-mail address), in the request's
lines and in those of the tasks it queues: in process (eager) and through Redis to a worker."""

import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import shared_task
from django.http import HttpResponse
from django.urls import path

from partnership.models import User
from partnership.observability import logs

pytestmark = pytest.mark.urls("tests.test_logging")

ROOT = Path(__file__).resolve().parent.parent
EMAIL, NAME = "ada.lovelace@logging.example", "Ada Lovelace"
logger = logging.getLogger("tests.logging.view")


@shared_task(name="tests.test_logging.task_that_logs")
def task_that_logs():
    logging.getLogger("tests.logging.task").info("the task runs")


def queue_a_task(request):
    logger.info("queueing a task")
    task_that_logs.delay()
    logger.info("queued a task")
    return HttpResponse("queued")


def fails(request):
    raise ValueError("a failing view")


urlpatterns = [path("queue/", queue_a_task), path("fails/", fails)]


@pytest.fixture
def json_lines():
    """The JSON lines the project's formatter and filter write (as LOGGING's handler does)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
def person(db):
    return User.objects.create_user(EMAIL, password="a long test password", full_name=NAME)


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def no_personal_data(lines):
    text = json.dumps(lines)
    assert EMAIL not in text and NAME not in text and "Lovelace" not in text


def test_a_request_and_the_task_it_queues_log_its_request_id_and_user_id(client, person, json_lines):
    response = signed_in(client, person).get("/queue/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    lines = json_lines()
    mine = [line for line in lines if line["logger"].startswith("tests.logging")]
    assert [line["message"] for line in mine] == ["queueing a task", "the task runs", "queued a task"]
    for line in mine:
        assert line["request_id"] == request_id
        assert line["user_id"] == person.pk
        assert line["level"] == "INFO"
        assert line["time"].endswith("Z") and "T" in line["time"]
    no_personal_data(lines)


def test_each_request_has_its_own_id_and_none_is_left_after_it(client, person, json_lines):
    first = signed_in(client, person).get("/queue/")["X-Request-ID"]
    second = client.get("/queue/")["X-Request-ID"]
    assert first != second
    logging.getLogger("tests.logging.after").warning("between requests")
    after = json_lines()[-1]
    assert after["message"] == "between requests"
    assert after["request_id"] is None and after["user_id"] is None


def test_an_incoming_request_id_is_kept_only_when_it_is_a_sane_token(client, person):
    client = signed_in(client, person)
    sane = "lb-3f2a9c1e-0001"
    assert client.get("/queue/", headers={"X-Request-ID": sane})["X-Request-ID"] == sane
    for insane in ("short", "has spaces in it", "x" * 65, "quote\"injected'1234", "<script>12345"):
        returned = client.get("/queue/", headers={"X-Request-ID": insane})["X-Request-ID"]
        assert returned != insane and len(returned) == 32


def test_an_exception_is_logged_with_its_traceback(person, json_lines):
    from django.test import Client

    client = signed_in(Client(raise_request_exception=False), person)
    response = client.get("/fails/", query_params={"email": EMAIL})
    assert response.status_code == 500
    error = next(line for line in json_lines() if line["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert "ValueError: a failing view" in error["traceback"]
    assert error["request_id"] == response["X-Request-ID"]
    assert error["user_id"] == person.pk
    no_personal_data(json_lines())  # the query string (request's repr) is left out


def run_python(code, **environ):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PRODUCTION", "LOG_FORMAT", "DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="partnership.settings", **environ)
    return subprocess.run(  # noqa: S603 - our own settings, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120)


LOG_ONE_LINE = ("import django, logging; django.setup(); "
                "logging.getLogger('portal.check').warning('one line')")


def test_log_format_json_configures_json_lines_through_the_settings():
    result = run_python(LOG_ONE_LINE, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert {"time", "level", "logger", "message", "request_id", "user_id"} <= set(line)
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "portal.check", "one line")


def test_the_embedded_default_logs_readable_text_with_the_request_id():
    result = run_python(LOG_ONE_LINE)
    assert result.returncode == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert " WARNING portal.check [request None user None] one line" in line


def test_an_unknown_log_format_is_refused():
    result = run_python("import django; django.setup()", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be one of json, text" in result.stderr


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_task_run_by_a_worker_through_redis_logs_the_request_id(in_process_worker, json_lines):
    person = User.objects.create_user(EMAIL, password="a long test password", full_name=NAME)
    from django.test import Client

    request_id = signed_in(Client(), person).get("/queue/")["X-Request-ID"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        ran = [line for line in json_lines() if line["logger"] == "tests.logging.task"]
        if ran:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the worker did not run the task within 20 s")
    assert ran[0]["request_id"] == request_id
    assert ran[0]["user_id"] is None  # the worker knows the request, not its user
    no_personal_data(json_lines())
