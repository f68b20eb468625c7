"""Background jobs through a real Redis broker and real Celery workers.

- `broker` tests start an in-process worker on the test database (CI: PostgreSQL + Redis);
- the `worker` test talks to the worker that .ci/run starts as a separate process.
Outside CI these skip when Redis (or the external worker) is not there; in CI they fail.
"""

import os

import pytest
from django.conf import settings
from django.core import mail

from partnership.celery import app
from partnership.models import User
from partnership.services import people, structure
from partnership.tasks import invitation_send, ping

from .conftest import require

__all__ = ["require"]  # tests/test_yearly_report_worker.py imports it from here


@pytest.fixture
def worker(in_process_worker):
    """The in-process worker (tests/conftest.py), on a queue of its own."""
    return in_process_worker


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_answers_through_redis(worker):
    assert ping.delay().get(timeout=20) == "pong"


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_an_invitation_is_queued_after_commit_and_sent_by_the_worker(worker):
    partnership = structure.partnership_create(name="Worker Partnership", slug="worker")
    manager = User.objects.create_user("boss@worker.example", "irrelevant-password-1",
                                       full_name="Boss")
    people.membership_create(user=manager, partnership=partnership, role="business_unit_manager")
    membership = people.user_invite(invited_by=manager, partnership=partnership,
                                    email="newcomer@worker.example", full_name="Newcomer",
                                    role="business_unit_officer")
    # user_invite queued the e-mail on commit (this test commits); wait for the worker.
    invitation_send.delay(membership.user_id, partnership.pk, manager.pk,
                          "business_unit_officer", True).get(timeout=20)
    recipients = [m.to for m in mail.outbox]
    assert recipients == [["newcomer@worker.example"], ["newcomer@worker.example"]]
    assert "/accounts/invitation/" in mail.outbox[0].body


@pytest.mark.worker
def test_the_separate_worker_process_answers():
    require(os.environ.get("CELERY_EXTERNAL_WORKER") == "1", "the worker started by .ci/run")
    require(settings.REDIS_URL.startswith("redis://"), "a Redis broker (REDIS_URL)")
    app.conf.task_always_eager = False
    try:
        assert ping.delay().get(timeout=30) == "pong"
    finally:
        app.conf.task_always_eager = True
