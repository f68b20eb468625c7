from django.core.management.base import BaseCommand, CommandError

from partnership.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore an archive written by `manage.py backup` into an EMPTY database and storage "
            "(no person, partnership or agency; no stored file: a database with no tables or a "
            "freshly migrated one), then check the result against the archive's manifest.")

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="FILE", help="The archive to restore.")

    def handle(self, *args, archive, **options):
        try:
            restored = backup_restore(archive)
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from None
        manifest = restored.manifest
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['created']}: {len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values())} rows and {len(manifest['files'])} files, all "
            "matching its manifest."))
        if restored.pending:
            self.stdout.write(f"This version of the portal has {len(restored.pending)} migrations "
                              "the backup had not applied: run `manage.py migrate` next.")
