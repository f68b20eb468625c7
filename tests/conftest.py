"""Fixtures shared by the suite, and how it runs in parallel.

- `make test` runs the suite with pytest-xdist (`-n auto --dist loadfile`): each test file goes
  whole to one worker, so the module-scoped `cast` and `demo_data` are built once per module,
  except the role x route matrix's cases, which are dealt into MATRIX_CHUNKS work units
  (pytest_xdist_make_scheduler below). Each worker has its own test database (pytest-django
  suffixes its name: test_app_gw0, ...), media directory (tmp_path) and live_server port;
  in-process Celery workers (`in_process_worker`) consume a queue of their own.
"""

import contextlib
import datetime
import os
import uuid
import zoneinfo

import pytest
import time_machine

# Playwright's sync API runs an event loop in the main thread (reference/setup.md #6).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from partnership.celery import app as celery_app  # noqa: E402


def in_ci():
    """The same test as .ci/run: in CI a missing service fails the run instead of skipping."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")

from . import cast as cast_module  # noqa: E402

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at_noon(day):
    """A moment to freeze time at (time_machine, tick=False) so that every clock agrees on the
    day: date.today(), timezone.localdate() and timezone.now() (noon in London: the same day
    in UTC, summer or winter)."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON)


@pytest.fixture(scope="module", autouse=True)
def _frozen_today(request):
    """A test module that sets FROZEN_TODAY = datetime.date(...) runs with every clock frozen at
    noon on that day (time_machine, tick=False), from before its cast is built to its end."""
    day = getattr(request.module, "FROZEN_TODAY", None)
    if day is None:
        yield None
        return
    with time_machine.travel(at_noon(day), tick=False):
        yield day


# ---------------------------------------------------------------- parallel runs
MATRIX_ROUTE = "tests/test_matrix.py::test_route["
MATRIX_CHUNKS = 4  # the matrix is the suite's biggest file: four work units balance two workers


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, except that the matrix's route cases are dealt round-robin into
    MATRIX_CHUNKS work units (each builds the module's cast once), so that one worker does not
    run the whole matrix while the others have finished. xdist hands out the biggest work units
    first."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class MatrixChunks(LoadFileScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self._scopes, self._dealt = {}, 0

        def _split_scope(self, nodeid):
            scope = self._scopes.get(nodeid)  # asked again for each finished test: stays put
            if scope is None:
                scope = super()._split_scope(nodeid)
                if nodeid.startswith(MATRIX_ROUTE):
                    scope = f"{scope}#{self._dealt % MATRIX_CHUNKS}"
                    self._dealt += 1
                self._scopes[nodeid] = scope
            return scope

    return MatrixChunks(config, log)


def require(condition, what):
    if not condition:
        if in_ci():
            pytest.fail(f"{what} is required in CI and is missing")
        pytest.skip(f"{what} is not available here")


@contextlib.contextmanager
def worker_on_own_queue():
    """A Celery worker in this process on Redis, consuming a queue of its own, which is also
    where tasks go while it runs: parallel xdist workers (each on its own test database) and the
    CI worker never take each other's tasks. The queue is named explicitly each time, because a
    worker started with `queues=` leaves that selection on the app for the next one. Tasks that
    CELERY_TASK_ROUTES sends elsewhere (the PDF render: "pdf") come here too while it runs."""
    import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping for the ping check
    from celery.contrib.testing.worker import start_worker

    queue = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    default_queue, routes = celery_app.conf.task_default_queue, celery_app.conf.task_routes
    celery_app.conf.task_default_queue = queue
    _set_routes({"*": {"queue": queue}})
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=True, shutdown_timeout=10,
                          queues=[queue]):
            yield queue
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_default_queue = default_queue
        _set_routes(routes)


def _set_routes(routes):
    """Celery reads task_routes once into its (cached) router: rebuild both."""
    celery_app.conf.task_routes = routes
    celery_app.amqp.flush_routes()
    celery_app.amqp.router = celery_app.amqp.Router()


@pytest.fixture
def in_process_worker():
    """A worker of this process on its own queue (worker_on_own_queue), for the `broker` tests."""
    from django.conf import settings

    require(settings.REDIS_URL.startswith("redis://"), "a Redis broker (REDIS_URL)")
    with worker_on_own_queue() as queue:
        yield queue


@pytest.fixture(scope="session", autouse=True)
def _own_cache_keys():
    """With Redis (the PostgreSQL pass) the parallel xdist workers share one cache: each
    worker's keys get a prefix of their own, so that one worker's throttle counts or
    access-sync day never reach another's tests."""
    from django.conf import settings
    from django.test import override_settings

    default = settings.CACHES["default"]
    prefix = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    with override_settings(CACHES={**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # For speed: production keeps Django's PBKDF2 default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    celery_app.conf.task_always_eager = True
    # Access is in line with the dates, as the services leave it (the cast is built through
    # them), so requests do not re-check it, not even when a test runs across midnight: the
    # sync counts as done up to the last day there is. Tests of the sync clear this.
    from django.core.cache import cache

    from partnership.services.access import SYNCED_KEY
    cache.set(SYNCED_KEY, datetime.date.max.isoformat())


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Tests sign people in with force_login, without a second factor: enforcing it
    (MFA_ENFORCED, partnership/second_factor.py) is off unless a test turns it on, as the role
    x route matrix and tests/test_mfa_policy.py do."""
    settings.MFA_ENFORCED = False


@pytest.fixture(autouse=True)
def _last_seen_once(settings):
    """A session's "last seen" is written at most once a minute (three queries): a slow run
    that passed a minute between two requests would change a pinned query count, so in tests
    it is written once a day unless a test says otherwise (tests/test_sessions_page.py)."""
    settings.SESSION_SEEN_EVERY_SECONDS = 24 * 60 * 60


TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # base32


def second_factor_set_up(user, secret=TOTP_SECRET):
    """The person's authenticator app: given through allauth's own code if they have none."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    app = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    return app or TOTP.activate(user, secret).instance


def signed_in_with_second_factor(client, user, authenticator):
    """Record in the client's session what allauth records after a code at sign-in (the
    session then "has a second factor": partnership.permissions.session_has_second_factor)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client


@pytest.fixture(scope="module")
def _module_cast(django_db_setup, django_db_blocker, tmp_path_factory):
    """The cast, built once per test module inside a transaction rolled back at the module's end
    (building it takes ~1,300 queries). Its uploads go to a module media directory."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("cast-media")
    with (django_db_blocker.unblock(),
          override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                            MEDIA_ROOT=media,
                            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
          transaction.atomic()):
        built = cast_module.build()
        yield built, media
        transaction.set_rollback(True)


@pytest.fixture
def cast(_module_cast, db, settings):
    """A fresh copy of the module's cast for each test: the test runs in a savepoint, so what it
    writes is undone, and the copy keeps one test's in-memory changes from the next."""
    import copy
    import shutil

    built, media = _module_cast
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return copy.deepcopy(built)


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


DEMO_PASSWORD = "demo passphrase for tests"


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo, loaded once per test module inside a transaction rolled back at its end
    (each test still runs in its own savepoint). Yields load_demo's output."""
    import io

    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    with (django_db_blocker.unblock(),
          override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
          transaction.atomic()):
        out = io.StringIO()
        call_command("load_demo", "--password", DEMO_PASSWORD, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
