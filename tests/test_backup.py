"""`manage.py backup` and `manage.py restore`: a round trip gives the same row counts and file
hashes (SQLite here; PostgreSQL in CI's PostgreSQL pass), a restore refuses a target that
holds anything and changes nothing, and a tampered archive fails its manifest check.

The backups are taken in process from the test database (transactional tests: pg_dump reads
committed rows); each restore runs `manage.py restore` in a subprocess against a target of
its own (a new SQLite file, or a new PostgreSQL database), with a media folder of its own."""

import datetime
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from partnership.backup import BackupError, backup_restore, backup_write
from partnership.backup import database as backup_database
from partnership.models import User
from partnership.services import people, structure

from .cast import START, pdf
from .test_storage import bucket  # noqa: F401 - the S3 bucket fixture (S3_TEST_ENDPOINT)

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world():
    """A few records in several apps' tables (people, partnerships, agencies, permissions,
    audit history, governance, funding) and two stored files."""
    from funding import services as funding
    from governance.services import actions, groups, meetings

    p1 = structure.partnership_create(name="Northshire Partnership", slug="p1", short_name="NSCP",
                                      areas=["Northshire"])
    police = structure.agency_create(name="Shires Police", sector="police_justice")
    structure.designation_create(partnership=p1, agency=police, kind="police", start_date=START)
    officer = User.objects.create_user("officer@cast.example", "irrelevant-password-1",
                                       full_name="Bea Officer")
    people.membership_create(user=officer, partnership=p1, role="business_unit_officer",
                             start_date=START)
    lead = User.objects.create_user("lead@cast.example", "irrelevant-password-1", full_name="Lee Lead")
    people.membership_create(user=lead, partnership=p1, role="agency_lead", agency=police,
                             start_date=START)
    funding.year_create(partnership=p1, start_year=2025, declared_budget=Decimal("1000.00"))
    group = groups.group_create(partnership=p1, name="Executive", group_type="executive",
                                frequency="quarterly", purpose="Oversight", start_date=START)
    meeting = meetings.meeting_create(
        group=group, starts_at=datetime.datetime(2025, 6, 3, 10, 0, tzinfo=datetime.UTC))
    item = meetings.item_add(meeting=meeting, title="Budget")
    paper = meetings.paper_add(item=item, checked=pdf("budget.pdf"), title="Budget paper",
                               user=officer)
    action = actions.action_create(partnership=p1, source="meeting", meeting=meeting,
                                   description="Audit the referrals", owner_agency=police,
                                   due_on=datetime.date(2030, 7, 1), created_by=officer)
    evidence = actions.progress_record(action=action, author=lead, status="in_progress",
                                       note="Started", checked_file=pdf("evidence.pdf"))
    return [paper.file.name, evidence.evidence_file.name]


def sha256(storage, name):
    with storage.open(name, "rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


def live_counts():
    return backup_database.table_counts(connection, backup_database.model_tables(connection))


def manage(*args, env):
    """Run manage.py in a subprocess on the given database and media folder only."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "PRODUCTION", "SECRET_KEY", "STORAGE_BUCKET",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return subprocess.run(  # noqa: S603 - runs our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=300)


def check_backup(world, archive):
    """Take a backup; its manifest agrees with the live database and storage."""
    manifest = backup_write(archive)
    assert manifest["tables"] == live_counts()
    assert manifest["tables"]["partnership_user"] == 2
    assert manifest["tables"]["governance_paper"] == 1 and manifest["tables"]["funding_financialyear"] == 1
    assert any(name.endswith("_groups") for name in manifest["tables"])  # m2m tables too
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        name: sha256(default_storage, name) for name in world}
    assert manifest["migrations"]["partnership"]
    return manifest


def check_restored(manifest, counts, media):
    assert counts == manifest["tables"]
    restored = FileSystemStorage(location=media)
    assert {f["name"]: sha256(restored, f["name"]) for f in manifest["files"]} == {
        f["name"]: f["sha256"] for f in manifest["files"]}


def test_sqlite_round_trip_gives_the_same_rows_and_files(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip runs in the SQLite pass")
    archive = tmp_path / "portal.tar.gz"
    manifest = check_backup(world, archive)
    target, media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    env = {"DATABASE_URL": f"sqlite:///{target}", "MEDIA_ROOT": str(media)}

    FileSystemStorage(location=media).save("papers/already-here.pdf", io.BytesIO(b"%PDF-1.4"))
    refused = manage("restore", str(archive), env=env)
    assert refused.returncode != 0 and "the storage is not empty" in refused.stderr
    assert not target.exists() or not sqlite3.connect(target).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    (media / "papers" / "already-here.pdf").unlink()

    done = manage("restore", str(archive), env=env)
    assert done.returncode == 0, done.stderr
    copy = sqlite3.connect(target)
    counts = {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
              for table in manifest["tables"]}
    copy.close()
    check_restored(manifest, counts, media)


@pytest.fixture
def pg_target():
    """A new PostgreSQL database (made by the test role, which may create databases) holding
    the test database's tables but no rows, as `migrate` leaves it; dropped afterwards."""
    import psycopg

    settings_dict = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    params = {"host": settings_dict["HOST"] or None, "port": settings_dict["PORT"] or None,
              "user": settings_dict["USER"], "password": settings_dict["PASSWORD"],
              "dbname": settings_dict["NAME"]}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        environment = backup_database.pg_environment(settings_dict)
        schema = subprocess.run(  # noqa: S603 - PostgreSQL's own client tools
            ["pg_dump", "--schema-only", "--format=custom", "--no-password"],  # noqa: S607 - on PATH
            env=environment, capture_output=True, check=True).stdout
        subprocess.run(  # noqa: S603 - PostgreSQL's own client tools
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",  # noqa: S607 - on PATH
             "--no-password", f"--dbname={name}"], input=schema, env=environment,
            capture_output=True, check=True)
        yield {**params, "dbname": name}
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_round_trip_gives_the_same_rows_and_files(world, tmp_path, request):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL round trip runs in the PostgreSQL pass (CI)")
    import psycopg

    target = request.getfixturevalue("pg_target")
    archive = tmp_path / "portal.tar.gz"
    manifest = check_backup(world, archive)
    media = tmp_path / "restored-media"
    url = (f"postgres://{target['user']}:{target['password']}@{target['host'] or 'localhost'}:"
           f"{target['port'] or 5432}/{target['dbname']}")
    done = manage("restore", str(archive), env={"DATABASE_URL": url, "MEDIA_ROOT": str(media)})
    assert done.returncode == 0, done.stderr
    with psycopg.connect(**target) as copy:
        counts = {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                  for table in manifest["tables"]}
    check_restored(manifest, counts, media)


def test_restore_refuses_a_database_with_rows_and_changes_nothing(world, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    backup_write(archive)
    counts, files = live_counts(), {name: sha256(default_storage, name) for name in world}
    with pytest.raises(CommandError, match=r"refusing to restore, nothing was changed: the "
                                           r"database is not empty \(partnership_user"):
        call_command("restore", str(archive))
    assert live_counts() == counts
    assert {name: sha256(default_storage, name) for name in world} == files


def tampered(archive, member_name, tmp_path):
    """A copy of `archive` in which one member's bytes are changed (same length)."""
    copy = tmp_path / f"tampered-{uuid.uuid4().hex[:6]}.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == member_name:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            target.addfile(member, io.BytesIO(data))
    return copy


@pytest.mark.parametrize("member", ["a stored file", "the database"])
def test_a_tampered_archive_fails_its_manifest_check_before_anything_changes(world, tmp_path, member):
    archive = tmp_path / "portal.tar.gz"
    manifest = backup_write(archive)
    name = "files/" + world[0] if member == "a stored file" else manifest["database"]["file"]
    counts = live_counts()
    with pytest.raises(BackupError, match="does not match its manifest") as failure:
        backup_restore(tampered(archive, name, tmp_path))
    assert f"{name}: its bytes differ" in str(failure.value)
    assert live_counts() == counts


def test_backup_never_overwrites_a_file(world, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(archive))
    assert archive.read_bytes() == b"an earlier backup"


@pytest.mark.db_agnostic  # CI runs it in the PostgreSQL pass, where the S3 server runs
@pytest.mark.usefixtures("bucket")
def test_a_backup_reads_object_storage_through_its_api(world, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    manifest = backup_write(archive)
    stored = {name: sha256(default_storage, name) for name in world}
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == stored
    with tarfile.open(archive) as tar:
        assert {name: hashlib.sha256(tar.extractfile("files/" + name).read()).hexdigest()
                for name in world} == stored
