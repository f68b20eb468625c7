"""manage.py yearly_report --partnership SLUG --year 2019: render the partnership's yearly
report for the financial year 2019/20 now (no Celery) and print where the PDF is stored: its
path on the local disk, or its name in object storage."""

from django.core.management.base import BaseCommand, CommandError

from governance.selectors.reports import financial_year
from partnership.errors import Invalid
from partnership.models import Partnership
from scrutiny.models import RenderStatus
from scrutiny.services import report_render, reports


class Command(BaseCommand):
    help = ("Render a partnership's yearly report for a financial year and print where the PDF is "
            "stored.")

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug")
        parser.add_argument("--year", required=True, type=int,
                            help="The financial year's first year: 2019 for 2019/20")

    def handle(self, *args, partnership, year, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership with the slug {partnership!r}")
        if not 2000 <= year <= 2100:
            raise CommandError("Give the year as four digits, for example 2019")
        start, end = financial_year(year)
        try:
            report = reports.report_for_period(partnership=found, period_start=start, period_end=end)
        except Invalid as error:  # the service's refusal, said the command's way
            raise CommandError("; ".join(error.messages)) from None
        version = report_render.render_request(report=report, queue=False)
        report_render.render_run(version.pk)
        version.refresh_from_db()
        if version.status != RenderStatus.READY:
            raise CommandError(f"Version {version.number} failed: {version.reason}")
        self.stdout.write(stored_at(version.file))


def stored_at(field_file):
    """The file's path on the local disk, or its name in object storage (which has no path)."""
    try:
        return field_file.path
    except NotImplementedError:
        return field_file.name
