import secrets

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from partnership import demo, demo_education, demo_organisations, registry, roles
from partnership.services import notifications


class Command(BaseCommand):
    help = ("Load the demo partnerships (North Yorkshire, City of York, Surrey) and demo "
            "people. Safe to run again; it resets the demo people's passwords.")

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for every demo person "
                                                "(a random one is made and printed if omitted).")

    def handle(self, *args, password=None, **options):
        password = password or secrets.token_urlsafe(12)
        with transaction.atomic(), notifications.unmailed():
            people = demo.load(password, stdout=self.stdout)
            demo_education.load(self.stdout)
            for loader in registry.demo_loaders():
                loader(self.stdout)
            demo_organisations.apply(self.stdout)
            # Last: the published arrangements are built from the records as they now stand.
            import_string("arrangements.demo.load")(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at "
                                             "http://127.0.0.1:8000 with:"))
        for user, role, slug in people:
            self.stdout.write(f"  {user.email:<38} {roles.get(role).label} ({slug})")
        self.stdout.write(f"Password for all of them: {password}")
