"""Celery's configuration for workers: every task of ours is time-limited, and PDF rendering has
a queue of its own ("pdf") that the embedded default (eager) never notices."""

import pytest
from django.conf import settings

from partnership.celery import app

from .conftest import worker_on_own_queue

pytestmark = pytest.mark.db_agnostic

OUR_APPS = {app_name.split(".")[0] for app_name in settings.INSTALLED_APPS}
PDF_TASKS = {"scrutiny.tasks.report_render", "governance.tasks.pack_render"}


def our_tasks():
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    tasks = {name: task for name, task in app.tasks.items() if name.split(".")[0] in OUR_APPS}
    assert len(tasks) >= 7, sorted(tasks)  # autodiscovery found every app's tasks.py
    return tasks


def test_the_app_has_default_time_limits():
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_soft_time_limit == settings.CELERY_TASK_SOFT_TIME_LIMIT


@pytest.mark.parametrize("name", sorted(our_tasks()))
def test_every_task_of_ours_has_a_soft_and_a_hard_time_limit(name):
    task = app.tasks[name]
    # A task's own limit, or the app's default when it sets none (as a worker resolves it).
    soft = task.soft_time_limit if task.soft_time_limit is not None else app.conf.task_soft_time_limit
    hard = task.time_limit if task.time_limit is not None else app.conf.task_time_limit
    assert soft is not None and hard is not None, name
    assert 0 < soft < hard, f"{name}: the soft limit ({soft}) must come before the hard ({hard})"


def test_pdf_rendering_goes_to_the_pdf_queue_and_the_rest_to_celery():
    queues = {queue.name for queue in app.conf.task_queues}
    assert queues == {"celery", "pdf"}
    router = app.amqp.router
    for name in our_tasks():
        expected = "pdf" if name in PDF_TASKS else "celery"
        assert router.route({}, name)["queue"].name == expected, name
    # Each queue gets only its own messages: their routing keys differ.
    keys = {queue.name: queue.routing_key for queue in app.amqp.queues.values()}
    assert keys["celery"] != keys["pdf"]


@pytest.mark.django_db
def test_eager_celery_runs_a_routed_task_in_process():
    from partnership.tasks import ping

    assert app.conf.task_always_eager  # the embedded default
    assert ping.delay().get() == "pong"


def test_the_test_worker_helper_gets_routed_tasks_too():
    """worker_on_own_queue sends every task to its own queue while it runs, PDF renders
    included, and puts the routes back afterwards. (Its worker needs Redis: stubbed here.)"""
    from unittest import mock

    with mock.patch("celery.contrib.testing.worker.start_worker") as start, \
            worker_on_own_queue() as queue:
        assert start.call_args.kwargs["queues"] == [queue]
        for name in ("scrutiny.tasks.report_render", "partnership.tasks.ping"):
            assert app.amqp.router.route({}, name)["queue"].name == queue
    assert app.amqp.router.route({}, "scrutiny.tasks.report_render")["queue"].name == "pdf"
    assert app.conf.task_default_queue == "celery"
