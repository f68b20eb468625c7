"""Prometheus metrics at /metrics, for a bearer of METRICS_TOKEN (no token set: 404; a missing
or wrong one: 401).

- requests by view (rates, latencies, statuses): django-prometheus's middleware pair;
- database queries by view: `query_count`, a middleware that counts each query through
  connection.execute_wrapper (the database ENGINE stays Django's own, with its pool);
- Celery queue depth, task outcomes and yearly report render times: `PortalCollector`, read
  at each scrape from the broker, the shared cache (tasks run in worker processes; the
  Celery signals in task_signals.py count there) and the database.

Counters of the web process live in its memory: with several gunicorn workers each answers
for itself, unless PROMETHEUS_MULTIPROC_DIR names a directory they share (prometheus_client's
multiprocess mode; observability/gunicorn.conf.py clears it at start and marks dead workers).
"""

import hmac
import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeHistogramMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

logger = logging.getLogger(__name__)

QUERIES = Counter("portal_db_queries", "Database queries made while answering a request, by view",
                  ["view"])
OUTCOMES = ("succeeded", "failed", "retried")
DEFAULT_QUEUES = ("celery", "pdf")
PRIORITY_KEYS = ("", "\x06\x163", "\x06\x166", "\x06\x169")  # kombu's Redis priority lists
RENDER_BUCKETS = (5, 15, 30, 60, 120, 300, 600, 1800)
DAY = 24 * 60 * 60


def query_count(get_response):
    """Counts the queries of each request, labelled by its view's URL name."""
    def middleware(request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = get_response(request)
        if count:
            match = request.resolver_match
            QUERIES.labels(match.view_name if match else "<unresolved>").inc(count)
        return response

    return middleware


def task_key(name, outcome):
    return f"metrics:task:{outcome}:{name}"


def task_outcome_count(name, outcome):
    """One more `outcome` for task `name`, in the cache every process shares."""
    key = task_key(name, outcome)
    try:
        cache.add(key, 0, timeout=None)
        cache.incr(key)
    except Exception:  # the cache is down: /readyz says so; the task's outcome stands
        logger.warning("could not count a task outcome for /metrics", exc_info=True)


def queue_names():
    queues = getattr(settings, "CELERY_TASK_QUEUES", None) or DEFAULT_QUEUES
    return [getattr(queue, "name", queue) for queue in queues]


class PortalCollector:
    """What no single process knows: read at each scrape."""

    def collect(self):
        yield from self.queue_depth()
        yield from self.task_outcomes()
        yield from self.render_times()

    def queue_depth(self):
        from partnership.celery import app

        depth = GaugeMetricFamily("portal_celery_queue_length",
                                  "Messages waiting in each Celery queue (0 when tasks run eagerly)",
                                  labels=["queue"])
        names = queue_names()
        if app.conf.task_always_eager or not settings.CELERY_BROKER_URL.startswith("redis"):
            lengths = [0] * len(names)
        else:
            lengths = self.redis_lengths(names)
        up = GaugeMetricFamily("portal_celery_broker_up", "Whether the broker answered the scrape")
        up.add_metric([], 0 if lengths is None else 1)
        yield up
        for name, length in zip(names, lengths or (), strict=False):
            depth.add_metric([name], length)
        yield depth

    def redis_lengths(self, names):
        import redis

        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2,
                                      socket_connect_timeout=2)
        try:
            with client.pipeline(transaction=False) as pipe:
                for name in names:
                    for suffix in PRIORITY_KEYS:
                        pipe.llen(name + suffix)
                found = pipe.execute()
        except redis.RedisError:
            logger.warning("/metrics: the broker did not answer", exc_info=True)
            return None
        finally:
            client.close()
        step = len(PRIORITY_KEYS)
        return [sum(found[i:i + step]) for i in range(0, len(found), step)]

    def task_outcomes(self):
        from partnership.celery import app

        family = CounterMetricFamily("portal_celery_tasks", "Celery tasks finished, by task and outcome",
                                     labels=["task", "outcome"])
        app.loader.import_default_modules()  # every app's tasks.py, as a worker has them
        names = sorted(name for name in app.tasks if not name.startswith("celery."))
        keys = {task_key(name, outcome): (name, outcome) for name in names for outcome in OUTCOMES}
        try:
            found = cache.get_many(list(keys))
        except Exception:
            logger.warning("/metrics: the cache did not answer", exc_info=True)
            return
        for key, (name, outcome) in keys.items():
            family.add_metric([name, outcome], found.get(key, 0))
        yield family

    def render_times(self):
        version = apps.get_model("scrutiny", "ReportVersion")
        status = import_string("scrutiny.models.reports.RenderStatus")
        since = timezone.now() - timedelta(seconds=DAY)
        try:
            finished = list(version.objects.filter(finished_at__gte=since)
                            .values_list("status", "created_at", "finished_at")[:10_000])
        except DatabaseError:
            logger.warning("/metrics: the database did not answer", exc_info=True)
            return
        renders = GaugeMetricFamily("portal_report_renders_last_day",
                                    "Yearly report versions finished in the last 24 hours, by status",
                                    labels=["status"])
        for value in (status.READY, status.FAILED):
            renders.add_metric([value], sum(1 for row in finished if row[0] == value))
        yield renders
        seconds = [(done - asked).total_seconds() for state, asked, done in finished
                   if state == status.READY]
        buckets = [(str(float(bound)), sum(1 for s in seconds if s <= bound)) for bound in RENDER_BUCKETS]
        buckets.append(("+Inf", len(seconds)))
        yield GaugeHistogramMetricFamily(
            "portal_report_render_seconds",
            "Seconds from a yearly report version's request to its finished PDF, for the versions "
            "finished in the last 24 hours", buckets=buckets, gsum_value=sum(seconds))


def registry():
    """The process's metrics (or every gunicorn worker's, in multiprocess mode)."""
    from prometheus_client import REGISTRY, multiprocess

    if not settings.PROMETHEUS_MULTIPROC_DIR:
        return REGISTRY
    shared = CollectorRegistry()
    multiprocess.MultiProcessCollector(shared)
    return shared


def authorised(request):
    given = request.headers.get("Authorization", "")
    scheme, _, token = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.METRICS_TOKEN.encode())


@login_not_required
@require_safe
def metrics(request):
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are off: METRICS_TOKEN is not set.")
    if not authorised(request):
        response = HttpResponse("A bearer token is required.\n", status=401,
                                content_type="text/plain; charset=utf-8")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    own = CollectorRegistry()
    own.register(PortalCollector())
    body = generate_latest(registry()) + generate_latest(own)
    return HttpResponse(body, content_type=CONTENT_TYPE_PLAIN_0_0_4)
