"""The backup archive: one tar file, gzip-compressed, holding

    database.sqlite3 or database.dump   the database (partnership/backup/database.py)
    files/<name>                        every file in the default storage, by its storage name
    manifest.json                       what a restore checks (below)

manifest.json: {"format": 1, "created": ISO time, "database": {"vendor", "file", "sha256"},
"migrations": {app: latest applied migration}, "tables": {table: rows}, "files": [{"name",
"size", "sha256"}]}. The row counts are those of the database copy itself.

Reading an archive checks every byte against the manifest before anything is restored.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connections

from ..services.retention import storage_names
from . import database
from .errors import BackupError

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
CHUNK = 1024 * 1024
SPOOL_BYTES = 8 * 1024 * 1024


def _copy_hashing(source, target):
    """Copy file object `source` into `target`; returns (size, sha256 hex)."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def _plain(info):
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _add(tar, name, fileobj, size):
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    tar.addfile(info, fileobj)


def _add_stored_file(tar, storage, name, directory):
    """Add one stored file, read through the storage API; None if it went meanwhile."""
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES, dir=directory) as spool:
        try:
            with storage.open(name, "rb") as stored:
                size, sha256 = _copy_hashing(stored, spool)
        except FileNotFoundError:
            return None
        spool.seek(0)
        _add(tar, FILES + name, spool, size)
    return {"name": name, "size": size, "sha256": sha256}


def backup_write(output, *, using="default", storage=None):
    """Write the archive to `output` (a new file, readable by its owner only); returns the
    manifest. It is written under a temporary name and renamed when complete."""
    output = Path(output)
    storage = storage or default_storage
    connection = connections[using]
    if output.exists():
        raise BackupError(f"{output} already exists: give a new file name")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a directory")
    partial = output.with_name(f".{output.name}.part")
    created = datetime.datetime.now(datetime.UTC).isoformat()  # the database copy's time
    with tempfile.TemporaryDirectory(dir=output.parent) as directory:
        snapshot = database.dump(connection, directory)
        with open(Path(directory) / snapshot.file, "rb") as copy:
            database_sha256 = hashlib.file_digest(copy, "sha256").hexdigest()
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                tar.add(Path(directory) / snapshot.file, arcname=snapshot.file, filter=_plain)
                files = [entry for name in storage_names(storage)
                         if (entry := _add_stored_file(tar, storage, name, directory))]
                manifest = {
                    "format": FORMAT,
                    "created": created,
                    "database": {"vendor": connection.vendor, "file": snapshot.file,
                                 "sha256": database_sha256},
                    "migrations": snapshot.migrations,
                    "tables": snapshot.tables,
                    "files": files,
                }
                text = json.dumps(manifest, indent=1, sort_keys=True).encode()
                _add(tar, MANIFEST, io.BytesIO(text), len(text))
            os.replace(partial, output)
        finally:
            if partial.exists():
                partial.unlink()
    return manifest


def _safe_name(name):
    parts = name.split("/")
    if not name or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"the archive names a file outside the storage ({name!r})")
    return name


class Unpacked:
    """An archive read into `directory`, every byte checked against its manifest."""

    def __init__(self, path, directory):
        self.directory = Path(directory)
        self.manifest, self.database, self.files, found = None, None, {}, {}
        try:
            with tarfile.open(path, mode="r|gz") as tar:
                for number, member in enumerate(tar):
                    self._read(tar, member, number, found)
        except (tarfile.TarError, EOFError, OSError, ValueError) as error:
            if isinstance(error, FileNotFoundError):
                raise BackupError(f"{path} does not exist") from None
            raise BackupError(f"{path} is not a readable backup archive ({error})") from None
        self._check(found)

    def _read(self, tar, member, number, found):
        if not member.isfile():
            raise BackupError(f"the archive holds {member.name!r}, which is not a file")
        source = tar.extractfile(member)
        if member.name == MANIFEST:
            try:
                self.manifest = json.loads(source.read())
            except ValueError as error:
                raise BackupError(f"the manifest is not JSON ({error})") from None
            return
        if member.name in database.FILES.values():
            target = self.directory / member.name
            self.database = target
        elif member.name.startswith(FILES):
            target = self.directory / f"file-{number}"
            self.files[_safe_name(member.name[len(FILES):])] = target
        else:
            raise BackupError(f"the archive holds {member.name!r}, which a backup never does")
        with open(target, "wb") as out:
            found[member.name] = _copy_hashing(source, out)

    def _check(self, found):
        manifest = self.manifest
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"no manifest of format {FORMAT} in the archive")
        try:
            wanted = {manifest["database"]["file"]: (None, manifest["database"]["sha256"])}
            wanted.update({FILES + f["name"]: (f["size"], f["sha256"]) for f in manifest["files"]})
            if not (isinstance(manifest["tables"], dict) and isinstance(manifest["migrations"], dict)):
                raise TypeError
        except (KeyError, TypeError, AttributeError):
            raise BackupError("the manifest is incomplete") from None
        problems = [f"{name}: missing" for name in wanted.keys() - found.keys()]
        problems += [f"{name}: not in the manifest" for name in found.keys() - wanted.keys()]
        for name in wanted.keys() & found.keys():
            size, sha256 = wanted[name]
            if found[name][1] != sha256 or size not in (None, found[name][0]):
                problems.append(f"{name}: its bytes differ from the manifest's sha256")
        if problems:
            raise BackupError("the archive does not match its manifest:\n  " + "\n  ".join(
                sorted(problems)[:50]))


@contextlib.contextmanager
def unpacked(path):
    """An Unpacked archive in a temporary directory (TMPDIR), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="restore-") as directory:
        yield Unpacked(path, directory)
