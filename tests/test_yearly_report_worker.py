"""The yearly report's render job through real Celery workers on Redis.

- `broker`: requesting a report queues the job once the transaction commits, and an
  in-process worker (as in test_celery.py) renders it.
- `worker`: the worker is killed (SIGKILL) in the middle of a job and the job is still
  completed, with no partial file ever visible. Killing the worker .ci/run starts would
  stop the rest of that step, so this test starts its own worker processes
  (tests/report_worker.py) on the same Redis, on a queue of its own, against the test
  database (PostgreSQL: a separate process must see it), then kills one and starts
  another. The message is acknowledged late, so Redis hands it to the second worker once
  its visibility timeout passes; the second worker finds the first attempt's heartbeat
  stale, takes the job over and finishes it.
Outside CI these skip without Redis / PostgreSQL; in CI they fail.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from partnership.celery import app
from partnership.models import User
from partnership.services import people, structure
from scrutiny.models import RenderStatus, ReportVersion
from scrutiny.services import report_render, reports
from scrutiny.tasks import report_render as report_render_task

from .test_celery import require

ROOT = Path(__file__).resolve().parent.parent


def _report(slug):
    partnership = structure.partnership_create(name=f"Worker {slug} Partnership", slug=slug)
    for name, kind in (("Council", "local_authority"), ("Police", "police"), ("ICB", "nhs_commissioner")):
        agency = structure.agency_create(name=f"{slug} {name}", sector="local_government")
        structure.designation_create(partnership=partnership, agency=agency, kind=kind,
                                     start_date=datetime.date(2019, 4, 1))
    manager = User.objects.create_user(f"boss@{slug}.example", "irrelevant-password-1",
                                       full_name="Boss")
    people.membership_create(user=manager, partnership=partnership, role="business_unit_manager")
    report = reports.report_create(partnership=partnership, period_start=datetime.date(2019, 4, 1),
                                   period_end=datetime.date(2020, 3, 31), created_by=manager)
    return report, manager


def _wait(version, done, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        version.refresh_from_db()
        if done(version):
            return version
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}: {version.status} {version.progress}% {version.reason}")


def _reports_files():
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "reports").rglob("*") if p.is_file())


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_requested_report_is_rendered_by_the_worker(in_process_worker):
    report, manager = _report("inproc")
    version = report_render.render_request(report=report, requested_by=manager)  # commits: queued
    version = _wait(version, lambda v: v.status in (RenderStatus.READY, RenderStatus.FAILED), 60,
                    "the worker to render the report")
    assert version.status == RenderStatus.READY, version.reason
    assert "Worker inproc Partnership" in pypdf.PdfReader(version.file.path).pages[0].extract_text()


def _worker_env():
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}")
    return {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "REDIS_URL": settings.REDIS_URL, "CELERY_TASK_ALWAYS_EAGER": "False",
            "REPORT_LEASE": "3", "REPORT_VISIBILITY": "2"}


def _start(queue, name, log, **env):
    return subprocess.Popen(  # noqa: S603 - our own worker script, fixed arguments
        [sys.executable, str(ROOT / "tests" / "report_worker.py"), queue, name],
        cwd=ROOT, env={**_worker_env(), **env}, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_lost_message_is_rendered_by_the_worker_after_the_sweep(in_process_worker):
    report, _ = _report("lostmsg")
    version = report_render.render_request(report=report, queue=False)  # its message lost
    ReportVersion.objects.filter(pk=version.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1))
    assert report_render.render_requeue_stale() == 1  # the sweep (Celery beat, every minute)
    version = _wait(version, lambda v: v.status in (RenderStatus.READY, RenderStatus.FAILED), 60,
                    "the worker to render the lost job")
    assert version.status == RenderStatus.READY, version.reason


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_is_redelivered_and_completed(tmp_path):
    require(os.environ.get("CELERY_EXTERNAL_WORKER") == "1", "the worker step of .ci/run")
    require(settings.REDIS_URL.startswith("redis://"), "a Redis broker (REDIS_URL)")
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    report, manager = _report("killed")
    version = report_render.render_request(report=report, requested_by=manager, queue=False)
    queue = f"test-report-{uuid.uuid4().hex[:8]}"
    log = open(tmp_path / "workers.log", "wb")  # noqa: SIM115 - closed in finally
    first = second = None
    try:
        first = _start(queue, f"first-{queue}@%h", log, REPORT_SLOW="60")
        app.conf.task_always_eager = False
        report_render_task.apply_async((version.pk,), queue=queue)
        # Mid-job: WeasyPrint has run; the worker holds the job and has stored nothing
        _wait(version, lambda v: v.status == RenderStatus.RENDERING and v.progress >= 65, 90,
              "the first worker to start rendering")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        version.refresh_from_db()
        assert version.status == RenderStatus.RENDERING and not version.file
        assert _reports_files() == []  # no partial file
        time.sleep(4)  # past the lease (3 s) and the visibility timeout (2 s)
        second = _start(queue, f"second-{queue}@%h", log)
        version = _wait(version, lambda v: v.status in (RenderStatus.READY, RenderStatus.FAILED),
                        90, "the second worker to finish the job")
        assert version.status == RenderStatus.READY, version.reason
        assert version.attempts == 2
        assert _reports_files() == [Path(version.file.name).name]  # one whole file, no .part
        reader = pypdf.PdfReader(version.file.path)
        assert "Worker killed Partnership" in reader.pages[0].extract_text()
        assert ReportVersion.objects.filter(report=report).count() == 1
    finally:
        app.conf.task_always_eager = True
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        log.close()
        print((tmp_path / "workers.log").read_text(errors="replace")[-4000:])
