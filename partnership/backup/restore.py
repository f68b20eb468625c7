"""Restoring a backup archive into an empty database and an empty storage.

Empty means: no person, partnership or agency in the database (the database may have no
tables at all, or be freshly migrated: `migrate` writes only reference rows, which the
restore replaces), and no file in the default storage. Anything else is refused before
anything changes. Order:

1. read the archive and check every byte of it against its manifest;
2. check that this portal can take it (same database vendor; every migration it names is
   known to this code: a backup from a newer version needs that version);
3. check the target is empty;
4. restore the database (SQLite: the backup API into the configured database; PostgreSQL:
   pg_restore in one transaction), then the files through the storage API;
5. check the restored database's row counts and migrations, and every restored file's
   sha256 read back from the storage, against the manifest: any difference fails loudly.
"""

import hashlib
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from ..services.retention import storage_names
from . import database
from .archive import CHUNK, unpacked
from .errors import BackupError


@dataclass
class Restored:
    manifest: dict
    pending: list  # migrations this code has that the backup had not applied: run `migrate`


def _compatible(manifest, connection):
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"this is a backup of a {vendor} database; the portal's database "
                          f"is {connection.vendor}")
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"].items()
               if (app, name) not in known]
    if unknown:
        raise BackupError("the backup was made by another version of the portal: these "
                          "migrations are unknown here: " + ", ".join(sorted(unknown)))


def _pending(connection):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def _target_problems(connection, storage):
    found = database.rows_found(connection)
    problems = [f"the database is not empty ({', '.join(found)} hold rows)"] if found else []
    stored = next(storage_names(storage), None)
    if stored is not None:
        problems.append(f"the storage is not empty (it holds {stored})")
    return problems


def _sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _differences(manifest, connection, storage):
    problems = []
    tables = manifest["tables"]
    existing = set(database.model_tables(connection))
    problems += [f"table {table}: missing" for table in sorted(tables.keys() - existing)]
    counts = database.table_counts(connection, sorted(tables.keys() & existing))
    problems += [f"table {table}: {counts[table]} rows, the manifest says {rows}"
                 for table, rows in sorted(tables.items()) if table in counts and counts[table] != rows]
    if database.migration_state(connection) != manifest["migrations"]:
        problems.append("the applied migrations differ from the manifest's")
    for entry in manifest["files"]:
        try:
            if _sha256(storage, entry["name"]) != entry["sha256"]:
                problems.append(f"file {entry['name']}: sha256 differs")
        except FileNotFoundError:
            problems.append(f"file {entry['name']}: missing")
    return problems


def backup_restore(path, *, using="default", storage=None):
    """Restore the archive at `path` (see the module's docstring); returns Restored."""
    storage = storage or default_storage
    connection = connections[using]
    with unpacked(path) as archive:
        manifest = archive.manifest
        _compatible(manifest, connection)
        problems = _target_problems(connection, storage)
        if problems:
            raise BackupError("refusing to restore, nothing was changed: "
                              + "; ".join(problems))
        database.restore(connection, archive.database)
        for name, extracted in sorted(archive.files.items()):
            with open(extracted, "rb") as content:
                saved = storage.save(name, File(content, name=name))
            if saved != name:
                raise BackupError(f"the storage saved {name} as {saved}")
    problems = _differences(manifest, connection, storage)
    if problems:
        raise BackupError("restored, but the result does not match the manifest:\n  "
                          + "\n  ".join(problems[:50]))
    return Restored(manifest, _pending(connection))
