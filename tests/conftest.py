import os

import pytest

# Playwright's sync API runs an event loop in the main thread (reference/setup.md #6).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from partnership.celery import app as celery_app  # noqa: E402


def in_ci():
    """The same test as .ci/run: in CI a missing service fails the run instead of skipping."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")

from . import cast as cast_module  # noqa: E402


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # For speed: production keeps Django's PBKDF2 default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    celery_app.conf.task_always_eager = True


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
