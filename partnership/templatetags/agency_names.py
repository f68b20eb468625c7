"""`{{ agency|name_on:day }}`: an agency's name on the day of a record (a return's, a
contribution's year, a meeting's, a sign-off's), so that records keep the name of their day
while lists show today's (domain.md, corrections of 2 December 2026, item 8). A page that
lists many records prefetches `agency__former_names`."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def name_on(agency, day):
    if agency is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return agency.name_on(day)
