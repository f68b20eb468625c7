"""Backup and restore: `manage.py backup --output FILE` and `manage.py restore FILE`.

One archive holds the database, every stored file and a manifest of row counts and file
hashes (archive.py); a restore goes only into an empty database and storage, and checks the
result against the manifest (restore.py)."""

from .archive import backup_write
from .errors import BackupError
from .restore import backup_restore

__all__ = ["BackupError", "backup_restore", "backup_write"]
