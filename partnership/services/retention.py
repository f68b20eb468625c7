"""Retention: deletes what the portal no longer needs to keep, run nightly
(partnership.tasks.retention_prune) and by `manage.py prune [--dry-run]`.

Each kind has its own period in settings (RETENTION_*: how they were chosen is written
there). A record is deleted when its time is before `now` minus its period:

- sessions: expired ones (django.contrib.sessions);
- sign-in records (django-axes): attempts, failures and sign-ins older than
  RETENTION_SIGN_IN_DAYS;
- API tokens (partnership.ApiToken): expired ones (settings.API_TOKEN_DAYS after each was
  made; knox also deletes one when it is presented), and any left of a deactivated person
  (deactivating revokes them; this catches a bulk update that sent no signal);
- audit entries (django-auditlog) older than RETENTION_AUDIT_DAYS;
- access events (the read log, partnership.AccessEvent) older than RETENTION_ACCESS_LOG_DAYS;
- stored files no record points to (no FileField of any installed model names them),
  last modified more than RETENTION_ORPHAN_FILE_GRACE_HOURS ago: a file being uploaded is
  saved a moment before the record that names it, and must not be taken meanwhile.

Files are listed and deleted through the default storage's API only (local disk or S3).
Each run logs one line per kind with its count (logger "partnership.retention"); the names
of deleted files are not logged (a file name is whatever the uploader called it).
"""

import datetime
import logging
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from ..models import AccessEvent, ApiToken

logger = logging.getLogger("partnership.retention")

# Written and deleted by the readiness check (django-health-check's storage probe): never a
# portal file, so neither an orphan to delete nor a file to back up.
MACHINERY_PREFIXES = ("health_check_storage_test/",)


@dataclass
class Pruned:
    """What one run deleted (or, with dry_run, would delete): a count per kind, in the order
    they run, and the names of the orphan files."""

    dry_run: bool
    counts: dict = field(default_factory=dict)
    files: list = field(default_factory=list)


def storage_names(storage=None, directory=""):
    """Every file name in `storage` (default: the default storage), walking its directories
    through the storage API, without the readiness check's probe files."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # local disk: the media folder does not exist yet
        return
    for name in sorted(files):
        path = f"{directory}{name}"
        if not path.startswith(MACHINERY_PREFIXES):
            yield path
    for name in sorted(directories):
        yield from storage_names(storage, f"{directory}{name}/")


def referenced_names():
    """The names every FileField of every installed model holds (empty values left out)."""
    names = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for column in (f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)):
            names.update(model._base_manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
                          .values_list(column, flat=True).distinct())
    return names


def _days_ago(now, setting):
    return now - datetime.timedelta(days=getattr(settings, setting))


def _record_queries(now):
    """(kind, queryset) for every kind of record, in the order they are pruned."""
    sign_in_before = _days_ago(now, "RETENTION_SIGN_IN_DAYS")
    return [
        ("sessions", Session.objects.filter(expire_date__lt=now)),
        ("sign-in attempts", AccessAttempt.objects.filter(attempt_time__lt=sign_in_before)),
        ("sign-in failures", AccessFailureLog.objects.filter(attempt_time__lt=sign_in_before)),
        ("sign-ins", AccessLog.objects.filter(attempt_time__lt=sign_in_before)),
        ("API tokens", ApiToken.objects.filter(Q(user__is_active=False) | Q(expiry__lt=now))),
        ("audit entries", LogEntry.objects.filter(timestamp__lt=_days_ago(now, "RETENTION_AUDIT_DAYS"))),
        ("access events", AccessEvent.objects.filter(at__lt=_days_ago(now, "RETENTION_ACCESS_LOG_DAYS"))),
    ]


def orphan_files(*, now, storage=None):
    """Names of stored files that no record names, modified before the grace period."""
    storage = storage or default_storage
    before = now - datetime.timedelta(hours=settings.RETENTION_ORPHAN_FILE_GRACE_HOURS)
    in_use = referenced_names()
    orphans = []
    for name in storage_names(storage):
        if name in in_use:
            continue
        try:
            if storage.get_modified_time(name) < before:
                orphans.append(name)
        except FileNotFoundError:  # deleted meanwhile
            continue
    return orphans


def retention_prune(*, dry_run=False, now=None):
    """Delete (or with dry_run, only count) everything past its retention. Returns Pruned."""
    now = now or timezone.now()
    pruned = Pruned(dry_run=dry_run)
    for kind, queryset in _record_queries(now):
        if dry_run:
            pruned.counts[kind] = queryset.count()
        else:
            with transaction.atomic():
                _, per_model = queryset.delete()
            pruned.counts[kind] = per_model.get(queryset.model._meta.label, 0)
    pruned.files = orphan_files(now=now)
    if not dry_run:
        for name in pruned.files:
            default_storage.delete(name)
    pruned.counts["orphan files"] = len(pruned.files)
    verb = "would be deleted (dry run)" if dry_run else "deleted"
    for kind, count in pruned.counts.items():
        logger.info("retention: %s %s %s", count, kind, verb,
                    extra={"retention_kind": kind, "retention_count": count, "dry_run": dry_run})
    return pruned
