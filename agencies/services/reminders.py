"""Section 11 deadline reminders, sent by the daily job (agencies.tasks.s11_reminders_send).

For every request of an open cycle whose return is not yet submitted (a draft, or returned
for amendment), the reminder due today under these rules, counted in working days on the
partnership's calendar (partnership/dates.py):

- "before-10": from 10 working days before the deadline;
- "before-5": from 5 working days before it;
- "on-the-day": on the deadline;
- "overdue": from the first working day after the deadline, once.

Only the latest rule reached is sent (a cycle created 3 working days before its deadline
gets the 5-day reminder, not the 10-day one as well), and each (request, deadline, rule) at
most once: it is recorded as a ReminderSent whose unique key names all three
("s11:<request id>:<deadline>:<rule>"), so running the job twice the same day, or every
day after, sends nothing new. A granted extension moves the request's deadline, which
makes new keys: the reminders start again for the new date.

Recipients: the agency's active leads; an overdue reminder goes to its chief officers and
the partnership's business unit as well. One e-mail per reminder.

Each is sent once through partnership.services.reminders.send_once (which explains what
happens on a failed send or a crash).
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from partnership import dates, roles
from partnership.models import AgencyMembership, PartnershipMembership, ReminderSent
from partnership.services.reminders import send_once

from ..models import Request, Status

logger = logging.getLogger(__name__)

BEFORE_10, BEFORE_5, ON_THE_DAY, OVERDUE = "before-10", "before-5", "on-the-day", "overdue"
BEFORE = ((BEFORE_10, 10), (BEFORE_5, 5))  # (rule, working days before the deadline)
OPEN = (Status.DRAFT, Status.RETURNED)
LEAD_ROLES = tuple(r.code for r in roles.AGENCY_ROLES
                   if roles.SUBMIT_AGENCY_RETURNS in r.agency_perms)
CHIEF_ROLES = tuple(r.code for r in roles.AGENCY_ROLES
                    if roles.SIGN_OFF_AGENCY_RETURNS in r.agency_perms)
BUSINESS_UNIT_ROLES = tuple(r.code for r in roles.PARTNERSHIP_ROLES
                            if roles.MANAGE_ASSESSMENTS in r.partnership_perms)


def rule_due(calendar, due_on, today):
    """The latest reminder rule reached on `today` for a deadline, or None."""
    if today > due_on:
        return OVERDUE if today >= calendar.add(due_on, 1) else None
    if today == due_on:
        return ON_THE_DAY
    for rule, days in reversed(BEFORE):
        if today >= calendar.subtract(due_on, days):
            return rule
    return None


def reminder_key(request, rule):
    return f"s11:{request.pk}:{request.due_on.isoformat()}:{rule}"


def open_requests(today):
    """Requests of cycles open by today whose return is not yet submitted."""
    return (Request.objects.filter(cycle__opens_on__lte=today, assessment__status__in=OPEN)
            .select_related("cycle__partnership", "agency", "assessment")
            .order_by("cycle__partnership_id", "pk"))


def reminders_send(today=None):
    """Send the Section 11 reminders due today in every partnership; returns how many
    e-mails went."""
    today = today or timezone.localdate()
    calendars = {}
    due = []
    for request in open_requests(today):
        partnership = request.cycle.partnership
        if partnership.pk not in calendars:
            calendars[partnership.pk] = dates.local(partnership)
        rule = rule_due(calendars[partnership.pk], request.due_on, today)
        if rule is not None:
            due.append((request, rule, reminder_key(request, rule)))
    if not due:
        return 0
    already = set(ReminderSent.objects.filter(key__in=[key for _, _, key in due])
                  .values_list("key", flat=True))
    due = [item for item in due if item[2] not in already]
    if not due:
        return 0
    agency_ids = {request.agency_id for request, _, _ in due}
    leads = _agency_emails(agency_ids, LEAD_ROLES, today)
    chiefs = _agency_emails(agency_ids, CHIEF_ROLES, today)
    units = _business_unit_emails({request.cycle.partnership_id for request, _, _ in due}, today)
    site = settings.SITE_URL.rstrip("/")
    sent = 0
    for request, rule, key in due:
        recipients = set(leads.get(request.agency_id, ()))
        if rule == OVERDUE:
            recipients |= set(chiefs.get(request.agency_id, ()))
            recipients |= set(units.get(request.cycle.partnership_id, ()))
        if not recipients:
            logger.warning("No one to remind of %s", key)
            continue
        partnership = request.cycle.partnership
        calendar = calendars[partnership.pk]
        sent += send_once(key, sorted(recipients), "s11-reminder", {
            "partnership": partnership, "request": request, "cycle": request.cycle,
            "agency": request.agency, "rule": rule, "overdue": rule == OVERDUE,
            "on_the_day": rule == ON_THE_DAY, "due_on": request.due_on,
            "days_left": calendar.count(today, request.due_on) if today <= request.due_on else 0,
            "returned": request.assessment.status == Status.RETURNED,
            "link": site + reverse("s11:cycle", kwargs={"slug": partnership.slug,
                                                          "pk": request.cycle_id}),
            "extension_link": site + reverse("s11:extension-ask", kwargs={
                "slug": partnership.slug, "request_pk": request.pk}),
            "service_name": settings.SERVICE_NAME})
    return sent


def _agency_emails(agency_ids, role_codes, today):
    """{agency id: [e-mail addresses of its active members in these roles]} (one query)."""
    found = {}
    for agency_id, email in AgencyMembership.objects.active(today).filter(
            agency_id__in=agency_ids, role__in=role_codes, user__is_active=True,
    ).values_list("agency_id", "user__email"):
        found.setdefault(agency_id, set()).add(email)
    return {agency_id: sorted(emails) for agency_id, emails in found.items()}


def _business_unit_emails(partnership_ids, today):
    found = {}
    for partnership_id, email in PartnershipMembership.objects.active(today).filter(
            partnership_id__in=partnership_ids, role__in=BUSINESS_UNIT_ROLES,
            user__is_active=True,
    ).values_list("partnership_id", "user__email"):
        found.setdefault(partnership_id, set()).add(email)
    return {pid: sorted(emails) for pid, emails in found.items()}
