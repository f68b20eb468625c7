"""/healthz (liveness: the process answers) and /readyz (readiness: database, cache, broker, a
worker's heartbeat and storage, each named; partnership/health.py).

Each component is made to fail for real where it can be here: the cache and the broker point at
a closed port, the storage's save raises as a full disk does, the database refuses new
connections, the heartbeat is missing or stale. The `broker` test watches a real worker write
its heartbeat; the `worker` test asks /readyz in .ci/run's worker step, where everything is real.
"""

import os
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError, connections
from django.test import override_settings
from django.urls import reverse

from partnership.celery import app
from partnership.health import HEARTBEAT_KEY, heartbeat_write, queue_names

from .conftest import require

CLOSED_PORT = 1  # nothing listens there: connections are refused at once
COMPONENTS = ("database", "cache", "broker", "worker", "storage")


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(28, "No space left on device")


@pytest.fixture
def not_eager():
    """Celery as in production: tasks go through the broker to a worker (none has beaten yet)."""
    cache.delete_many([HEARTBEAT_KEY.format(queue=q) for q in queue_names()])
    app.conf.task_always_eager = False
    try:
        with override_settings(CELERY_BROKER_URL="memory://"):
            yield
    finally:
        app.conf.task_always_eager = True


def readyz(client):
    response = client.get(reverse("readyz"))
    body = response.json()
    assert set(body["checks"]) == set(COMPONENTS)
    for check in body["checks"].values():
        assert isinstance(check["ok"], bool) and check["ms"] >= 0
    return response, body


def failing(body):
    return {name for name, check in body["checks"].items() if not check["ok"]}


# ---------------------------------------------------------------- /healthz
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    # No django_db mark: pytest-django would fail the test if the view opened a connection.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_head_on_healthz_answers_like_get_without_a_body(client):
    response = client.head(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b""


# ---------------------------------------------------------------- /readyz, all passing
@pytest.mark.django_db
def test_readyz_passes_on_the_embedded_default(client):
    response, body = readyz(client)
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["broker"]["detail"].startswith("not used")
    assert body["checks"]["worker"]["detail"] == "tasks run in process"
    assert list(settings.MEDIA_ROOT.rglob("*.txt")) == []  # the probe file is gone


@pytest.mark.django_db
def test_readyz_passes_with_a_broker_and_fresh_heartbeats(client, not_eager):
    heartbeat_write("celery@host-a", ["celery"])
    heartbeat_write("celery@host-b", ["pdf"])
    response, body = readyz(client)
    assert response.status_code == 200, body
    assert body["checks"]["worker"]["detail"] == "celery: celery@host-a; pdf: celery@host-b"


@pytest.mark.django_db
def test_head_on_readyz_answers_with_no_body(client):
    response = client.head(reverse("readyz"))
    assert response.status_code == 200
    assert response.content == b""


# ---------------------------------------------------------------- /readyz, one failing at a time
@pytest.mark.django_db
def test_readyz_fails_when_the_database_refuses_connections(client):
    # The checks run in threads of their own, each opening its own connection: refuse those.
    with mock.patch.object(type(connections["default"]), "get_new_connection",
                           side_effect=OperationalError("connection refused")):
        response, body = readyz(client)
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert failing(body) == {"database"}
    assert body["checks"]["database"]["error"] == "connection refused"


@pytest.mark.django_db
def test_readyz_fails_when_the_cache_is_unreachable(client):
    closed = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0"}}
    with override_settings(CACHES=closed):
        response, body = readyz(client)
    assert response.status_code == 503
    assert failing(body) == {"cache"}
    assert body["checks"]["cache"]["error"] == "cannot set or get a key (ConnectionError)"


@pytest.mark.django_db
def test_readyz_fails_when_the_broker_is_unreachable_and_keeps_its_password(client, not_eager):
    heartbeat_write("celery@host", queue_names())
    url = f"redis://:broker-password@127.0.0.1:{CLOSED_PORT}/0"
    with override_settings(CELERY_BROKER_URL=url):
        response, body = readyz(client)
    assert response.status_code == 503
    assert failing(body) == {"broker"}
    assert body["checks"]["broker"]["error"].startswith("cannot connect")
    assert b"broker-password" not in response.content and b"redis://" not in response.content


@pytest.mark.django_db
def test_readyz_fails_without_a_worker_heartbeat(client, not_eager):
    response, body = readyz(client)
    assert response.status_code == 503
    assert failing(body) == {"worker"}
    assert body["checks"]["worker"]["error"].endswith("celery, pdf")


@pytest.mark.django_db
def test_readyz_fails_for_the_queue_whose_heartbeat_is_stale(client, not_eager):
    heartbeat_write("celery@host", ["celery"])
    cache.set(HEARTBEAT_KEY.format(queue="pdf"), {"hostname": "pdf@host", "at": time.time() - 3600})
    response, body = readyz(client)
    assert response.status_code == 503
    assert failing(body) == {"worker"}
    assert body["checks"]["worker"]["error"].endswith("queue pdf")


@pytest.mark.django_db
def test_readyz_fails_when_the_storage_cannot_save(client):
    broken = {**settings.STORAGES, "default": {"BACKEND": "tests.test_health.FullDiskStorage"}}
    with override_settings(STORAGES=broken):
        response, body = readyz(client)
    assert response.status_code == 503
    assert failing(body) == {"storage"}
    assert body["checks"]["storage"]["error"] == "cannot save, read or delete a file (OSError)"


@pytest.mark.django_db
def test_readyz_answers_in_time_when_a_check_hangs(client, settings):
    settings.READYZ_TIMEOUT_SECONDS = 0.2
    started = time.monotonic()
    with mock.patch("partnership.health.Broker.run", lambda self: time.sleep(3)):
        response, body = readyz(client)
    assert time.monotonic() - started < 2.5  # the timeout (+1 s grace), not the hung call
    assert response.status_code == 503
    assert failing(body) == {"broker"}
    assert body["checks"]["broker"]["error"] == "Timed out after 0.2 seconds"


# ---------------------------------------------------------------- a real worker's heartbeat
def _wait_for_heartbeat(queue, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        beat = cache.get(HEARTBEAT_KEY.format(queue=queue))
        if beat:
            return beat
        time.sleep(0.1)
    pytest.fail(f"no heartbeat for queue {queue} within {timeout} s")


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_writes_its_heartbeat_for_its_queue(in_process_worker):
    beat = _wait_for_heartbeat(in_process_worker)
    assert "@" in beat["hostname"]
    assert time.time() - beat["at"] < 4 * settings.WORKER_HEARTBEAT_SECONDS


@pytest.mark.worker
@pytest.mark.django_db
def test_readyz_passes_with_the_ci_worker(client):
    """.ci/run's worker (-Q celery,pdf, without heartbeat, gossip and mingle) beats for both
    queues into the unprefixed cache, and every check passes on PostgreSQL and Redis."""
    require(os.environ.get("CELERY_EXTERNAL_WORKER") == "1", "the worker started by .ci/run")
    require(settings.REDIS_URL.startswith("redis://"), "a Redis broker (REDIS_URL)")
    default = {k: v for k, v in settings.CACHES["default"].items() if k != "KEY_PREFIX"}
    app.conf.task_always_eager = False
    try:
        with override_settings(CACHES={"default": default}):
            for queue in ("celery", "pdf"):
                _wait_for_heartbeat(queue)
            response, body = readyz(client)
    finally:
        app.conf.task_always_eager = True
    assert response.status_code == 200, body
    assert "ci-worker@" in body["checks"]["worker"]["detail"]
