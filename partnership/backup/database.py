"""The database part of a backup: a consistent copy, its row counts and migration state, and
its restore. SQLite: the online backup API (sqlite3.Connection.backup). PostgreSQL: pg_dump
and pg_restore (the server's major version or newer on PATH), connected through PG*
environment variables, so that the password is never on a command line."""

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

from .errors import BackupError

FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}

# Every record of the portal belongs to a partnership or an agency, or is a person: a
# database with no row in these holds nothing a restore could overwrite. (`migrate` itself
# writes content types, permissions, the Section 11 templates and their audit entries.)
ANCHORS = (settings.AUTH_USER_MODEL, "partnership.Partnership", "partnership.Agency")

PG_ENVIRONMENT = {"NAME": "PGDATABASE", "USER": "PGUSER", "PASSWORD": "PGPASSWORD",
                  "HOST": "PGHOST", "PORT": "PGPORT"}
PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
              "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}


@dataclass
class Snapshot:
    file: str
    tables: dict  # table -> rows, in the copy
    migrations: dict  # app -> the latest applied migration, in the copy


def model_tables(connection):
    """Every existing table of every installed model, with the auto-created m2m tables."""
    return sorted(connection.introspection.django_table_names(only_existing=True,
                                                              include_views=False))


def _counts(cursor, tables, quote):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - the models' own tables
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor):
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())  # the last applied of each app wins


def table_counts(connection, tables):
    with connection.cursor() as cursor:
        return _counts(cursor, tables, connection.ops.quote_name)


def migration_state(connection):
    with connection.cursor() as cursor:
        return _migrations(cursor)


def dump(connection, directory):
    """Write a consistent copy of the database into `directory`; its counts are the copy's."""
    if "django_migrations" not in connection.introspection.table_names():
        raise BackupError("the database has no tables: there is nothing to back up (run "
                          "`manage.py migrate` to create them)")
    tables = model_tables(connection)
    path = Path(directory) / FILES.get(connection.vendor, "database")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
            cursor = copy.cursor()
            return Snapshot(path.name, _counts(cursor, tables, connection.ops.quote_name),
                            _migrations(cursor))
        finally:
            copy.close()
    if connection.vendor == "postgresql":
        return _pg_dump(connection, tables, path)
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def _pg_dump(connection, tables, path):
    """pg_dump of the snapshot in which the rows were counted: a repeatable-read transaction
    exports its snapshot and stays open while pg_dump reads through it."""
    import psycopg

    with psycopg.connect(**connection.get_connection_params()) as snapshot:
        snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        cursor = snapshot.cursor()
        cursor.execute("SELECT pg_export_snapshot()")
        exported = cursor.fetchone()[0]
        counts = _counts(cursor, tables, connection.ops.quote_name)
        migrations = _migrations(cursor)
        _run(["pg_dump", "--format=custom", "--no-password", f"--snapshot={exported}",
              f"--file={path}"], connection)
        snapshot.rollback()
    return Snapshot(path.name, counts, migrations)


def pg_environment(settings_dict):
    """The environment for pg_dump/pg_restore: the connection settings as PG* variables."""
    environment = {**os.environ}
    for key, variable in PG_ENVIRONMENT.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    for key, variable in PG_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(key):
            environment[variable] = str(settings_dict["OPTIONS"][key])
    return environment


def _run(command, connection):
    try:
        done = subprocess.run(  # noqa: S603 - pg_dump/pg_restore, arguments from settings
            command, env=pg_environment(connection.settings_dict), capture_output=True, text=True,
            check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools, of the "
                          "server's major version or newer, must be on PATH)") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit {done.returncode}): "
                          f"{done.stderr.strip()[-2000:]}")


def restore(connection, path):
    """Load the copy at `path` into the (empty) database."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        # --clean --if-exists: a freshly migrated empty database has the dump's tables
        # already; in one transaction, so that a failure leaves the database as it was.
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", "--clean", "--if-exists", "--no-password",
              f"--dbname={connection.settings_dict['NAME']}", str(path)], connection)


def rows_found(connection):
    """Why the database is not empty: the anchor tables that hold rows (none: empty)."""
    existing = set(connection.introspection.table_names())
    found = []
    for label in ANCHORS:
        model = apps.get_model(label)
        table = model._meta.db_table
        if table in existing and model._base_manager.using(connection.alias).exists():
            found.append(table)
    return found
