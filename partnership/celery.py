"""The Celery application. Tasks live in each app's tasks.py and are found by autodiscovery."""

import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

logger = logging.getLogger(__name__)


class Heartbeat(bootsteps.StartStopStep):
    """Every WORKER_HEARTBEAT_SECONDS, the worker writes "hostname, now" to the shared cache for
    each queue it consumes; /readyz looks for it (partnership/health.py). It runs on the
    consumer's timer, as Celery's own event heartbeat does, so it works with any pool and with
    --without-heartbeat --without-gossip --without-mingle; a worker whose consumer is stuck
    stops beating."""

    requires = {"celery.worker.consumer.tasks:Tasks"}  # the queues are known once Tasks started

    def __init__(self, parent, **kwargs):
        self.timer_entry = None

    def start(self, parent):
        from django.conf import settings

        self.beat(parent)
        self.timer_entry = parent.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, self.beat, (parent,))

    def stop(self, parent):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    shutdown = stop

    def beat(self, parent):
        from .health import heartbeat_write

        try:
            heartbeat_write(parent.hostname, [queue.name for queue in parent.task_consumer.queues])
        except Exception:  # the cache is down: /readyz will say so; the worker carries on
            logger.warning("could not write the worker heartbeat", exc_info=True)


app = Celery("partnership")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.steps["consumer"].add(Heartbeat)
app.autodiscover_tasks()


def queue_reachable():
    """Whether a job sent now would reach the queue (always, when tasks run in process): the
    background jobs (the yearly report's render, agenda packs) refuse to start without it."""
    if app.conf.task_always_eager:
        return True
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=3)
    except Exception:  # kombu wraps the broker's own errors; any of them means "not now"
        logging.getLogger(__name__).warning("The Celery broker is not reachable", exc_info=True)
        return False
    return True
