"""The retention job deletes exactly what its policy says: each kind of record just past its
period goes, one just inside it stays; stored files no record names go once past the grace
period, named ones stay; --dry-run deletes nothing and reports the same."""

import datetime
import io
import logging

import pytest
import time_machine
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from partnership.celery import app as celery_app
from partnership.models import AccessEvent, ApiToken
from partnership.services import api_tokens
from partnership.services.audit import access_event_record
from partnership.services.retention import retention_prune, storage_names

from .test_storage import bucket  # noqa: F401 - the S3 bucket fixture (S3_TEST_ENDPOINT)

pytestmark = pytest.mark.django_db

EDGE = datetime.timedelta(minutes=1)
AXES = {"sign-in attempts": AccessAttempt, "sign-in failures": AccessFailureLog, "sign-ins": AccessLog}


def days(setting):
    return datetime.timedelta(days=getattr(django_settings, setting))


def axes_row(model, username, when):
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
    row = model.objects.create(username=username, user_agent="test", ip_address="192.0.2.1",
                               http_accept="*/*", path_info="/accounts/login/", **extra)
    model.objects.filter(pk=row.pk).update(attempt_time=when)
    return row.pk


def token(user, expiry):
    row, _ = api_tokens.token_create(user=user)
    ApiToken.objects.filter(pk=row.pk).update(expiry=expiry)
    return row.pk


def event(user, obj, at):
    row = access_event_record(user=user, obj=obj)
    AccessEvent.objects.filter(pk=row.pk).update(at=at)
    return row.pk


def records_either_side(cast, now):
    """For each kind, one record just past its retention (`gone`) and one just inside it
    (`kept`): {kind: (gone ids, kept ids)}."""
    sign_in = now - days("RETENTION_SIGN_IN_DAYS")
    audit = now - days("RETENTION_AUDIT_DAYS")
    access = now - days("RETENTION_ACCESS_LOG_DAYS")
    Session.objects.create(session_key="expired".ljust(32, "x"), session_data="", expire_date=now - EDGE)
    Session.objects.create(session_key="live".ljust(32, "x"), session_data="", expire_date=now + EDGE)
    kinds = {"sessions": (["expired".ljust(32, "x")], ["live".ljust(32, "x")])}
    for kind, model in AXES.items():
        kinds[kind] = ([axes_row(model, "old@cast.example", sign_in - EDGE)],
                       [axes_row(model, "recent@cast.example", sign_in + EDGE)])
    cast.outsider.is_active = False
    cast.outsider.save(update_fields=["is_active"])
    kinds["API tokens"] = ([token(cast.lead_a, now - EDGE), token(cast.outsider, now + EDGE)],
                           [token(cast.lead_police, now + EDGE)])
    LogEntry.objects.update(timestamp=audit + EDGE)  # the cast's own history: just inside
    entries = list(LogEntry.objects.order_by("pk").values_list("pk", flat=True))
    LogEntry.objects.filter(pk__in=entries[:2]).update(timestamp=audit - EDGE)
    kinds["audit entries"] = (entries[:2], entries[2:])
    kinds["access events"] = ([event(cast.scrutineer, cast.agency_a, access - EDGE)],
                              [event(cast.scrutineer, cast.agency_a, access + EDGE),
                               event(cast.scrutineer, cast.agency_a, now)])
    return kinds


MODELS = {"sessions": Session, **AXES, "API tokens": ApiToken, "audit entries": LogEntry,
          "access events": AccessEvent}


def left(kind, ids):
    return set(MODELS[kind].objects.filter(pk__in=ids).values_list("pk", flat=True))


def test_each_kind_goes_just_past_its_retention_and_stays_just_inside_it(cast):
    now = timezone.now()
    kinds = records_either_side(cast, now)
    pruned = retention_prune(now=now)
    assert pruned.counts == {**{kind: len(gone) for kind, (gone, _) in kinds.items()},
                             "orphan files": 0}
    for kind, (gone, kept) in kinds.items():
        assert left(kind, gone) == set(), kind
        assert left(kind, kept) == set(kept), kind


def test_files_no_record_names_go_once_past_the_grace_period_and_named_ones_stay(cast, settings):
    named = [cast.paper_public.file.name, cast.evidence_police.evidence_file.name]
    assert all(default_storage.exists(name) for name in named)
    orphan = default_storage.save("evidence/left-behind.pdf", ContentFile(b"%PDF-1.4 orphan"))
    grace = datetime.timedelta(hours=settings.RETENTION_ORPHAN_FILE_GRACE_HOURS)
    written = default_storage.get_modified_time(orphan)

    assert retention_prune(now=written + grace - EDGE).files == []  # young: an upload in flight
    assert default_storage.exists(orphan)

    pruned = retention_prune(now=written + grace + EDGE)
    assert pruned.files == [orphan]
    assert pruned.counts["orphan files"] == 1
    assert not default_storage.exists(orphan)
    assert all(default_storage.exists(name) for name in named)
    assert orphan not in storage_names() and set(named) <= set(storage_names())


def test_a_dry_run_deletes_nothing_and_reports_what_the_run_then_deletes(cast, settings):
    now = timezone.now()
    records_either_side(cast, now)
    orphan = default_storage.save("reports/stale.pdf", ContentFile(b"%PDF-1.4 stale"))
    later = default_storage.get_modified_time(orphan) + datetime.timedelta(
        hours=settings.RETENTION_ORPHAN_FILE_GRACE_HOURS) + EDGE
    later = max(later, now)
    before = {kind: model.objects.count() for kind, model in MODELS.items()}
    files_before = sorted(storage_names())

    dry = retention_prune(dry_run=True, now=later)
    assert {kind: model.objects.count() for kind, model in MODELS.items()} == before
    assert sorted(storage_names()) == files_before
    assert dry.files == [orphan] and all(dry.counts.values())

    real = retention_prune(now=later)
    assert real.counts == dry.counts and real.files == dry.files
    assert {kind: model.objects.count() for kind, model in MODELS.items()} == {
        kind: before[kind] - real.counts[kind] for kind in MODELS}


def test_prune_command_dry_run_lists_counts_and_file_names(cast, settings, caplog):
    orphan = default_storage.save("evidence/forgotten.pdf", ContentFile(b"%PDF-1.4 forgotten"))
    past_grace = default_storage.get_modified_time(orphan) + datetime.timedelta(
        hours=settings.RETENTION_ORPHAN_FILE_GRACE_HOURS) + EDGE
    records_either_side(cast, past_grace)
    sessions = Session.objects.count()
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="partnership.retention"), \
            time_machine.travel(past_grace, tick=False):
        call_command("prune", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Would delete 1 sessions" in text and "Would delete 2 API tokens" in text
    assert "Would delete 1 orphan files" in text and f"file: {orphan}" in text
    assert "nothing was deleted" in text
    assert Session.objects.count() == sessions and default_storage.exists(orphan)
    lines = [r for r in caplog.records if r.name == "partnership.retention"]
    assert len(lines) == len(MODELS) + 1  # one line per kind, the files included
    assert all("dry run" in r.getMessage() for r in lines)
    assert not any(orphan in r.getMessage() for r in lines)  # file names are never logged


def test_the_nightly_job_is_scheduled_and_runs_the_service(cast, settings):
    entry = settings.CELERY_BEAT_SCHEDULE["retention-prune"]
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks
    Session.objects.create(session_key="expired".ljust(32, "x"), session_data="",
                           expire_date=timezone.now() - EDGE)
    celery_app.tasks[entry["task"]].delay()
    assert not Session.objects.filter(session_key="expired".ljust(32, "x")).exists()


@pytest.mark.db_agnostic  # CI runs it in the PostgreSQL pass, where the S3 server runs
@pytest.mark.usefixtures("bucket")
def test_orphans_in_object_storage_are_listed_through_its_api_and_deleted(settings):
    names = [default_storage.save(name, ContentFile(b"%PDF-1.4 " + name.encode()))
             for name in ("evidence/1/2/deep.pdf", "papers/paper.pdf", "top.pdf")]
    assert sorted(storage_names()) == sorted(names)
    grace = datetime.timedelta(hours=settings.RETENTION_ORPHAN_FILE_GRACE_HOURS)
    written = max(default_storage.get_modified_time(name) for name in names)
    assert retention_prune(now=written + grace - EDGE).files == []
    assert sorted(retention_prune(now=written + grace + EDGE).files) == sorted(names)
    assert not any(default_storage.exists(name) for name in names)
