"""Celery's side of observability, connected when partnership/celery.py is imported (web
processes and workers alike):

- the request id of the request (or task) that queues a task travels in the task's message
  and is the id of the task's log lines; a task queued by beat gets a new one. django-guid's
  own CeleryIntegration is not used: in eager mode (the embedded default, tests) it gives the
  task a new id and then clears the request's, so the request's later lines would have none;
- each task's outcome (succeeded, failed, retried) is counted in the shared cache for /metrics;
- a worker logs through the LOGGING setting (JSON or text), not Celery's own format.
"""

import logging.config
import uuid

from celery import signals
from django_guid import clear_guid, get_guid, set_guid

HEADER = "request_id"


@signals.before_task_publish.connect
def request_id_send(headers=None, **kwargs):
    request_id = get_guid()
    if request_id and headers is not None:
        headers[HEADER] = request_id


@signals.task_prerun.connect
def request_id_take(task=None, **kwargs):
    if task is None or task.request.is_eager:
        return  # runs inside the request (or task) that queued it: keeps its id
    set_guid(task.request.get(HEADER) or uuid.uuid4().hex)


@signals.task_postrun.connect
def request_id_drop(task=None, **kwargs):
    if task is not None and not task.request.is_eager:
        clear_guid()


@signals.task_success.connect
def task_succeeded(sender=None, **kwargs):
    outcome_count(sender, "succeeded")


@signals.task_failure.connect
def task_failed(sender=None, **kwargs):
    outcome_count(sender, "failed")


@signals.task_retry.connect
def task_retried(sender=None, **kwargs):
    outcome_count(sender, "retried")


def outcome_count(task, outcome):
    from .metrics import task_outcome_count

    name = getattr(task, "name", None)
    if name:
        task_outcome_count(name, outcome)


@signals.setup_logging.connect
def worker_logging(**kwargs):
    """A receiver here keeps Celery from installing its own handlers on the root logger. Django
    has applied LOGGING already when it is set up (the test workers run inside pytest)."""
    from django.apps import apps
    from django.conf import settings

    if not apps.ready:
        logging.config.dictConfig(settings.LOGGING)
