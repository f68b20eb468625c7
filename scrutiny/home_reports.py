"""Home page items: yearly reports waiting for the sign-off of the statutory partner the user
acts for (until the report is published)."""

from django.urls import reverse

from partnership.registry import HomeTask

from . import permissions
from .models import YearlyReport


def report_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    agencies = permissions.sign_off_agencies(user, partnership)
    if not agencies:
        return []
    reports = (YearlyReport.objects.filter(partnership=partnership, published_on__isnull=True)
               .prefetch_related("sign_offs").order_by("-period_start"))
    tasks = []
    for report in reports:
        signed = {s.partner_id for s in report.sign_offs.all()}
        for agency in agencies:
            if agency.pk not in signed:
                tasks.append(HomeTask(
                    title=f"Sign off the yearly report {report.label} for {agency.name}",
                    url=reverse("scrutiny:report-sign-off",
                                kwargs={"slug": partnership.slug, "pk": report.pk}),
                    description="The report is published once all three safeguarding partners "
                                "have signed it off."))
    return tasks
