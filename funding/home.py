"""Funding items for the home page."""

from django.urls import reverse

from partnership.registry import HomeTask

from . import permissions
from .models import FinancialYear, SignOff


def funding_tasks(user, partnership):
    tasks = []
    latest = FinancialYear.objects.filter(partnership=partnership).order_by("-start_year").first()
    if latest is None:
        return tasks
    url = reverse("funding:year", kwargs={"slug": partnership.slug,
                                          "start_year": latest.start_year})
    partner = permissions.sign_off_partner(user, latest)
    if partner and not SignOff.objects.filter(year=latest, partner=partner).exists():
        tasks.append(HomeTask(title=f"Sign off the {latest.label} budget",
                              description=f"For {partner.name}.", url=url))
    if permissions.can_manage(user, partnership):
        outstanding = latest.contributions.filter(received_amount__isnull=True).count()
        if outstanding:
            tasks.append(HomeTask(title=f"Contributions not yet received for {latest.label}",
                                  url=url, count=outstanding))
    return tasks
