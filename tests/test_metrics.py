"""/metrics (issue 19): Prometheus text for the bearer of METRICS_TOKEN only; off (404) without
one. It counts requests and database queries by view, the Celery queues' depth, task outcomes
(shared through the cache, as tasks run in workers) and yearly report render times."""

import datetime
import time

import pytest
from celery import shared_task
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from partnership.celery import app
from partnership.models import Partnership, User
from scrutiny.models import RenderStatus, ReportVersion, YearlyReport

from .conftest import require

TOKEN = "metrics-token-for-the-tests-0123456789"


@shared_task(name="tests.test_metrics.succeeds")
def succeeds():
    return "done"


@shared_task(name="tests.test_metrics.fails")
def fails():
    raise ValueError("this task fails")


@shared_task(name="tests.test_metrics.retries_once", bind=True, max_retries=1)
def retries_once(self):
    if not self.request.retries:
        raise self.retry(countdown=0)
    return "done at last"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client=None, token=TOKEN):
    response = (client or Client()).get(reverse("metrics"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    return response


def samples(response):
    """{(sample name, frozenset of labels): value} of a Prometheus text response."""
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(found, name, **labels):
    return found.get((name, frozenset(labels.items())), 0)


@pytest.mark.django_db
def test_metrics_are_off_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get(reverse("metrics")).status_code == 404
    response = client.get(reverse("metrics"), headers={"Authorization": "Bearer "})
    assert response.status_code == 404


@pytest.mark.django_db
def test_metrics_are_refused_without_the_token_or_with_a_wrong_one(client, token):
    for authorization in (None, "Bearer wrong-token", f"Basic {token}", token, f"Bearer {token}x"):
        headers = {"Authorization": authorization} if authorization else {}
        response = client.get(reverse("metrics"), headers=headers)
        assert response.status_code == 401, authorization
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert b"portal_" not in response.content


@pytest.mark.django_db
def test_metrics_count_requests_and_queries_by_view(token):
    person = User.objects.create_user("metrics.person@metrics.example", password="a long password",
                                      full_name="Metrics Person")
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    before = samples(scrape())
    assert client.get(reverse("accessibility")).status_code == 200
    response = scrape()
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    after = samples(response)
    requests = "django_http_requests_total_by_view_transport_method_total"
    labels = {"view": "accessibility", "transport": "http", "method": "GET"}
    assert value(after, requests, **labels) == value(before, requests, **labels) + 1
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert value(after, latency, view="accessibility", method="GET") >= 1
    queries = "portal_db_queries_total"
    assert value(after, queries, view="accessibility") > value(before, queries, view="accessibility")


@pytest.mark.django_db
def test_metrics_report_the_queues_as_empty_when_tasks_run_in_process(token):
    found = samples(scrape())
    for queue in ("celery", "pdf"):
        assert (("portal_celery_queue_length", frozenset({("queue", queue)})) in found)
        assert value(found, "portal_celery_queue_length", queue=queue) == 0
    assert value(found, "portal_celery_broker_up") == 1


@pytest.mark.django_db
def test_metrics_count_task_outcomes(token):
    def count(found, task, outcome):
        return value(found, "portal_celery_tasks_total", task=f"tests.test_metrics.{task}", outcome=outcome)

    before = samples(scrape())
    succeeds.delay()
    # In process, CELERY_TASK_EAGER_PROPAGATES hands a failure (or a retry) to the caller before
    # Celery's signals see it; a worker propagates nothing, as apply(throw=False) here.
    fails.apply(throw=False)
    retries_once.apply(throw=False)  # the retry runs at once, and succeeds
    after = samples(scrape())
    assert count(after, "succeeds", "succeeded") == count(before, "succeeds", "succeeded") + 1
    assert count(after, "fails", "failed") == count(before, "fails", "failed") + 1
    assert count(after, "fails", "succeeded") == count(before, "fails", "succeeded")
    assert count(after, "retries_once", "retried") == count(before, "retries_once", "retried") + 1
    assert count(after, "retries_once", "succeeded") == count(before, "retries_once", "succeeded") + 1


@pytest.mark.django_db
def test_metrics_report_render_times_of_the_last_day(token):
    partnership = Partnership.objects.create(name="Metrics Partnership", slug="metrics-partnership")
    report = YearlyReport.objects.create(partnership=partnership, period_start=datetime.date(2025, 4, 1),
                                         period_end=datetime.date(2026, 3, 31))
    now = timezone.now()
    for number, (status, seconds, finished_ago) in enumerate(
            [(RenderStatus.READY, 40, 60), (RenderStatus.READY, 200, 3600),
             (RenderStatus.FAILED, 10, 60), (RenderStatus.READY, 7, 2 * 24 * 3600)], start=1):
        version = ReportVersion.objects.create(report=report, number=number, status=status,
                                               finished_at=now - datetime.timedelta(seconds=finished_ago))
        ReportVersion.objects.filter(pk=version.pk).update(
            created_at=version.finished_at - datetime.timedelta(seconds=seconds))
    found = samples(scrape())
    assert value(found, "portal_report_renders_last_day", status="ready") == 2
    assert value(found, "portal_report_renders_last_day", status="failed") == 1
    assert value(found, "portal_report_render_seconds_gcount") == 2
    assert value(found, "portal_report_render_seconds_gsum") == pytest.approx(240, abs=1)
    assert value(found, "portal_report_render_seconds_bucket", le="60.0") == 1
    assert value(found, "portal_report_render_seconds_bucket", le="300.0") == 2


@pytest.mark.broker
@pytest.mark.django_db
def test_metrics_read_the_queue_depth_from_the_redis_broker(token, settings):
    import redis

    require(settings.REDIS_URL.startswith("redis://"), "a Redis broker (REDIS_URL)")
    queue = f"metrics-test-{id(settings)}"
    settings.CELERY_TASK_QUEUES = (queue,)
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.conf.task_always_eager = False
    try:
        client.rpush(queue, "one", "two", "three")
        found = samples(scrape())
    finally:
        app.conf.task_always_eager = True
        client.delete(queue)
        client.close()
    assert value(found, "portal_celery_queue_length", queue=queue) == 3
    assert value(found, "portal_celery_broker_up") == 1


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_metrics_count_the_outcomes_of_tasks_a_worker_ran(token, in_process_worker):
    def count(found, task, outcome):
        return value(found, "portal_celery_tasks_total", task=f"tests.test_metrics.{task}", outcome=outcome)

    before = samples(scrape())
    succeeds.delay().get(timeout=20)
    fails.delay().get(timeout=20, propagate=False)
    app.conf.task_always_eager = True  # the scrape's own collector: as the web process sees it
    # The worker stores a task's result, then sends the signal that counts it: wait for both.
    deadline = time.monotonic() + 10
    while True:
        after = samples(scrape())
        counted = (count(after, "succeeds", "succeeded") - count(before, "succeeds", "succeeded"),
                   count(after, "fails", "failed") - count(before, "fails", "failed"))
        if counted == (1, 1) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert counted == (1, 1)
