import datetime

from django.core.management.base import BaseCommand, CommandError

from partnership.errors import Invalid
from partnership.models import Agency, Sector
from partnership.services.organisations import agency_merge, agency_merge_into_new


class Command(BaseCommand):
    help = ("Record that an agency became part of another from a day (platform staff: for an "
            "agency serving several partnerships). Its designations and people's roles pass to "
            "the other agency; its records keep its name.")

    def add_arguments(self, parser):
        parser.add_argument("agency", help="The merged agency's name")
        parser.add_argument("into", help="The name of the agency it became part of")
        parser.add_argument("merged_on", type=datetime.date.fromisoformat,
                            help="Its first day as part of that agency, YYYY-MM-DD")
        parser.add_argument("--new-sector", choices=Sector.values,
                            help="Make the agency it became part of, with this sector")

    def handle(self, *args, agency, into, merged_on, new_sector=None, **options):
        merged = Agency.objects.filter(name=agency).first()
        successor = Agency.objects.filter(name=into).first()
        if merged is None or (successor is None and new_sector is None):
            raise CommandError("Name existing agencies (or give --new-sector to make the "
                               "agency it became part of).")
        try:
            if successor is None:
                agency_merge_into_new(agency=merged, name=into, sector=new_sector,
                                      merged_on=merged_on)
            else:
                agency_merge(agency=merged, into=successor, merged_on=merged_on)
        except Invalid as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{agency} became part of {into} on {merged_on:%-d %B %Y}.")
