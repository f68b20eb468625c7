"""Readiness: can this host serve requests and get background work done? (/readyz)

Five checks, run concurrently, each within READYZ_TIMEOUT_SECONDS:

- database, storage: django-health-check's own checks (SELECT 1; save, read and delete a small
  file through Django's default storage, local or S3);
- cache: set, get and delete a key;
- broker: a connection to CELERY_BROKER_URL (kombu);
- worker: a fresh heartbeat in the cache for each queue (celery, pdf). Each worker writes one
  for every queue it consumes every WORKER_HEARTBEAT_SECONDS (the bootstep in
  partnership/celery.py); it expires after four times that.

With Celery eager (the embedded default) tasks run in the web process: the broker is not used
and no worker is needed, and both checks say so. Error texts are short and fixed, or the name of
an exception's class: never a URL, a host's password or a traceback.
"""

import asyncio
import dataclasses
import datetime
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.cache import cache
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import HealthCheckException, ServiceUnavailable

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "worker-heartbeat:{queue}"


def heartbeat_ttl():
    return 4 * settings.WORKER_HEARTBEAT_SECONDS


def heartbeat_write(hostname, queues):
    """What a worker does every WORKER_HEARTBEAT_SECONDS: "I, hostname, consume these queues"."""
    beat = {"hostname": hostname, "at": time.time()}
    cache.set_many({HEARTBEAT_KEY.format(queue=q): beat for q in queues}, timeout=heartbeat_ttl())


def celery_eager():
    from .celery import app

    return bool(app.conf.task_always_eager)


def queue_names():
    from .celery import app

    return [queue.name for queue in app.conf.task_queues or ()] or [app.conf.task_default_queue]


@dataclasses.dataclass
class Broker(HealthCheck):
    """Connect to the Celery broker and let go."""

    detail = ""

    def run(self):
        if celery_eager():
            self.detail = "not used: tasks run in process"
            return
        from kombu import Connection

        seconds = self.timeout.total_seconds()
        try:
            with Connection(settings.CELERY_BROKER_URL, connect_timeout=seconds,
                            transport_options={"socket_timeout": seconds}) as connection:
                connection.ensure_connection(max_retries=1, interval_start=0, timeout=seconds)
        except Exception as error:  # any transport's failure; its text may hold the URL
            raise ServiceUnavailable(f"cannot connect ({type(error).__name__})") from error


@dataclasses.dataclass
class Worker(HealthCheck):
    """A worker has written a heartbeat lately for every queue."""

    detail = ""

    def run(self):
        if celery_eager():
            self.detail = "tasks run in process"
            return
        queues = queue_names()
        try:
            beats = cache.get_many([HEARTBEAT_KEY.format(queue=q) for q in queues])
        except Exception as error:
            raise ServiceUnavailable(f"cannot read heartbeats ({type(error).__name__})") from error
        oldest = time.time() - heartbeat_ttl()
        fresh = {q: beats.get(HEARTBEAT_KEY.format(queue=q)) for q in queues}
        missing = [q for q, beat in fresh.items() if not beat or beat.get("at", 0) < oldest]
        if missing:
            raise ServiceUnavailable(f"no worker heartbeat in {heartbeat_ttl()} s for queue "
                                     + ", ".join(missing))
        self.detail = "; ".join(f"{q}: {beat['hostname']}" for q, beat in fresh.items())


@dataclasses.dataclass
class Storage(checks.Storage):
    """The library's save/read/delete, with a storage's own errors (S3's, the disk's) named."""

    def run(self):
        try:
            super().run()
        except HealthCheckException:
            raise
        except Exception as error:
            raise ServiceUnavailable(f"cannot save, read or delete a file "
                                     f"({type(error).__name__})") from error


@dataclasses.dataclass
class Cache(HealthCheck):
    """Set, get and delete a key of its own. Synchronous, unlike the library's (whose async calls
    run on the request's own thread, where a hung connection would hold the response): it runs
    on readiness()'s threads, which a timeout leaves behind."""

    def run(self):
        key = f"readyz:{uuid.uuid4().hex}"
        try:
            cache.set(key, key, timeout=60)
            value = cache.get(key)
            cache.delete(key)
        except Exception as error:  # any client's failure (Redis's, or another backend's)
            raise ServiceUnavailable(f"cannot set or get a key ({type(error).__name__})") from error
        if value != key:
            raise ServiceUnavailable("a key just set was not read back")


def readiness_checks():
    timeout = datetime.timedelta(seconds=settings.READYZ_TIMEOUT_SECONDS)
    found = {"database": checks.Database(), "cache": Cache(), "broker": Broker(),
             "worker": Worker(), "storage": Storage()}
    for check in found.values():
        check.timeout = timeout  # the wall-clock budget get_result() enforces
    return found


async def readiness():
    """{"status": "ok" | "failing", "checks": {name: {"ok", "ms", and "error" or "detail"}}}."""
    found = readiness_checks()
    # Threads of its own, not the loop's default executor: a check past its timeout is left
    # running there instead of holding the response until it returns.
    executor = ThreadPoolExecutor(max_workers=len(found), thread_name_prefix="readyz")
    try:
        results = await asyncio.gather(*(check.get_result(executor) for check in found.values()))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    report = {}
    for name, result in zip(found, results, strict=True):
        entry = {"ok": result.error is None, "ms": round(result.time_taken * 1000, 1)}
        if result.error is not None:
            entry["error"] = result.error.message
        elif getattr(result.check, "detail", ""):
            entry["detail"] = result.check.detail
        report[name] = entry
    ok = all(entry["ok"] for entry in report.values())
    return {"status": "ok" if ok else "failing", "checks": report}
