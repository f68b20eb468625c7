from django.core.management.base import BaseCommand

from partnership.services.retention import retention_prune


class Command(BaseCommand):
    help = ("Delete what is past its retention (sessions, sign-in records, API tokens, audit "
            "entries, access events, stored files no record names): what the nightly job does. "
            "The periods are the RETENTION_* settings.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Report what would be deleted, and delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        pruned = retention_prune(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for kind, count in pruned.counts.items():
            self.stdout.write(f"{verb} {count} {kind}")
        for name in pruned.files:
            self.stdout.write(f"  file: {name}")
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")
