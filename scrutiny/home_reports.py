"""Home page items of the yearly report:

- for the partnership's readers of scrutiny, a warning when no yearly report has been
  published in the last 12 months (the statutory test: at least one in every 12-month
  period);
- for a lead safeguarding partner, each unpublished report still waiting for their sign-off
  for the statutory partner they lead for;
- for a delegated safeguarding partner, each unpublished report neither signed off nor yet
  recommended for the partner they act for."""

from django.urls import reverse

from partnership.registry import HomeTask

from . import permissions
from .models import YearlyReport
from .selectors.reports import publication_overdue


def overdue_task(partnership):
    last, overdue = publication_overdue(partnership)
    if not overdue:
        return []
    since = f"The last was published on {last:%-d %B %Y}. " if last else ""
    return [HomeTask(
        title="No yearly report has been published in the last 12 months",
        url=reverse("scrutiny:report-list", kwargs={"slug": partnership.slug}),
        description=since + "The safeguarding partners must publish one at least once in "
                            "every 12-month period.", overdue=True)]


def _waiting(partnership):
    return list(YearlyReport.objects.filter(partnership=partnership, published_on__isnull=True)
                .prefetch_related("sign_offs", "recommendations").order_by("-period_start"))


def report_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    tasks = overdue_task(partnership) if permissions.can_view(user, partnership) else []
    leads = permissions.sign_off_agencies(user, partnership)
    delegated = permissions.recommend_agencies(user, partnership)
    if not (leads or delegated):
        return tasks
    for report in _waiting(partnership):
        signed = {s.partner_id for s in report.sign_offs.all()}
        recommended = {r.partner_id for r in report.recommendations.all()}
        kwargs = {"slug": partnership.slug, "pk": report.pk}
        for agency in leads:
            if agency.pk not in signed:
                tasks.append(HomeTask(
                    title=f"Sign off the yearly report {report.label} for {agency.name}",
                    url=reverse("scrutiny:report-sign-off", kwargs=kwargs),
                    description="The report is published once the lead safeguarding partners "
                                "of all three statutory partners have signed it off."))
        for agency in delegated:
            if agency.pk not in signed | recommended:
                tasks.append(HomeTask(
                    title=f"Recommend the yearly report {report.label} for sign-off for "
                          f"{agency.name}",
                    url=reverse("scrutiny:report-recommend", kwargs=kwargs),
                    description="Your lead safeguarding partner signs it off; you may "
                                "recommend that they do."))
    return tasks
