from django.core.management.base import BaseCommand, CommandError

from partnership.backup import BackupError, backup_write


class Command(BaseCommand):
    help = ("Write one archive (tar, gzip) of the database, every stored file and a manifest of "
            "row counts and file hashes. `manage.py restore FILE` restores it.")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="FILE",
                            help="The archive to write (a new file, e.g. portal-2026-12-01.tar.gz).")

    def handle(self, *args, output, **options):
        try:
            manifest = backup_write(output)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {manifest['database']['vendor']} ({len(manifest['tables'])} tables, {rows} "
            f"rows) and {len(manifest['files'])} files to {output}"))
