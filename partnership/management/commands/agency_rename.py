import datetime

from django.core.management.base import BaseCommand, CommandError

from partnership.errors import Invalid
from partnership.models import Agency
from partnership.services.organisations import agency_rename


class Command(BaseCommand):
    help = ("Record an agency's new name from a day (platform staff: for an agency serving "
            "several partnerships; a business unit renames one serving only its own in the "
            "portal). Records made before the day keep the old name.")

    def add_arguments(self, parser):
        parser.add_argument("agency", help="The agency's present name")
        parser.add_argument("name", help="Its new name")
        parser.add_argument("start_date", type=datetime.date.fromisoformat,
                            help="The first day of the new name, YYYY-MM-DD")

    def handle(self, *args, agency, name, start_date, **options):
        found = Agency.objects.filter(name=agency).first()
        if found is None:
            raise CommandError(f"No agency is called {agency}.")
        try:
            agency_rename(agency=found, name=name, start_date=start_date)
        except Invalid as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{agency} is called {name} from {start_date:%-d %B %Y}.")
