"""The yearly report's job is never stuck (issue 13, defect 15): a request while the broker is
down answers 503 and makes nothing; a job whose message was lost, or whose worker died, is
queued again by the sweep (a Celery beat task every minute); the render task has time limits.
Elsewhere Celery runs in process (eager), so what the sweep queues is rendered at once."""

import datetime
from contextlib import contextmanager

import pytest
from django.urls import reverse
from django.utils import timezone

from partnership.celery import app as celery_app
from scrutiny.models import RenderStatus, ReportVersion
from scrutiny.services import report_render
from scrutiny.services.report_render import UNAVAILABLE
from scrutiny.tasks import report_render as report_render_task

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.timedelta(hours=1)


@contextmanager
def broker_down():
    """Jobs go through a broker (not in process), and nothing answers where it should be."""
    eager, url = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = eager, url


def test_a_request_while_the_broker_is_down_answers_503_and_makes_nothing(cast, client_for):
    client = client_for(cast.bu_manager)
    with broker_down():
        api = client.post(reverse("scrutiny:api-report-create"), {
            "partnership": cast.p1.pk, "period_start": "2025-04-01", "period_end": "2026-03-31"},
            content_type="application/json")
        page = client.post(reverse("scrutiny:report-render", args=[cast.p1.slug, cast.report1.pk]))
    assert api.status_code == 503 and api.json() == {"detail": UNAVAILABLE}
    assert page.status_code == 503 and UNAVAILABLE in page.content.decode()
    assert not ReportVersion.objects.filter(report=cast.report1).exists()


def lost(report, **fields):
    """A version whose message never reached a worker (made without queueing it)."""
    version = report_render.render_request(report=report, queue=False)
    ReportVersion.objects.filter(pk=version.pk).update(**fields)
    return version


def test_the_sweep_queues_lost_and_dead_jobs_again_and_leaves_live_ones(
        cast, django_capture_on_commit_callbacks):
    now = timezone.now()
    waiting_long = lost(cast.report1, created_at=now - LONG_AGO)
    dead_worker = lost(cast.report1, status=RenderStatus.RENDERING, attempt="gone", attempts=1,
                       heartbeat_at=now - LONG_AGO, queued_at=now - LONG_AGO)
    just_queued = lost(cast.report1, queued_at=now)
    rendering = lost(cast.report1, status=RenderStatus.RENDERING, attempt="alive", attempts=1,
                     heartbeat_at=now)
    assert set(report_render.stale_versions().values_list("pk", flat=True)) == {
        waiting_long.pk, dead_worker.pk}
    with django_capture_on_commit_callbacks(execute=True):  # jobs are sent after commit
        assert report_render.render_requeue_stale() == 2
    statuses = dict(ReportVersion.objects.values_list("pk", "status"))
    assert statuses == {waiting_long.pk: RenderStatus.READY, dead_worker.pk: RenderStatus.READY,
                        just_queued.pk: RenderStatus.REQUESTED,
                        rendering.pk: RenderStatus.RENDERING}
    assert ReportVersion.objects.get(pk=dead_worker.pk).attempts == 2  # taken over
    assert report_render.render_requeue_stale() == 0


def test_the_sweep_does_nothing_while_the_broker_is_down(cast):
    version = lost(cast.report1, created_at=timezone.now() - LONG_AGO)
    with broker_down():
        assert report_render.render_requeue_stale() == 0
    assert ReportVersion.objects.get(pk=version.pk).status == RenderStatus.REQUESTED


def test_asking_again_for_a_stuck_version_queues_it_again(
        cast, client_for, django_capture_on_commit_callbacks):
    version = lost(cast.report1, created_at=timezone.now() - LONG_AGO)
    client = client_for(cast.bu_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scrutiny:api-report-create"), {
            "partnership": cast.p1.pk, "period_start": "2025-04-01",
            "period_end": "2026-03-31"}, content_type="application/json")
    assert response.status_code == 202
    assert ReportVersion.objects.filter(report=cast.report1).count() == 1
    assert ReportVersion.objects.get(pk=version.pk).status == RenderStatus.READY


def test_the_render_task_has_time_limits():
    assert (report_render_task.soft_time_limit, report_render_task.time_limit) == (600, 660)
    assert celery_app.conf.task_soft_time_limit and celery_app.conf.task_time_limit
