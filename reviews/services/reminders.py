"""Deadline reminders, sent by the daily job (reviews.tasks.review_reminders_send).

For every open deadline (reviews/deadlines.py) that is late, or falls due within
REMINDER_DAYS working days, one e-mail goes to the partnership's business unit (and, for an
agency summary due soon, to that agency's leads; an overdue one reaches them as a
notification instead, by the delivery each chose), once per record, deadline and kind of reminder
("due-soon", then "overdue"): each is recorded as a ReminderSent whose unique key names
all three, so running the job again (the same day, or every day after) sends nothing new.
A deadline whose date changes is a new deadline, with its own reminders.

Each is sent once through partnership.services.reminders.send_once (which explains what
happens on a failed send or a crash).

The e-mail carries no child data, not even the pseudonym: the kind of deadline, its date,
the system reference of the case (for example N-1-2025-001) and a link to the portal.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from partnership import roles
from partnership.models import (
    AgencyMembership,
    NotificationKind,
    Partnership,
    PartnershipMembership,
    ReminderSent,
)
from partnership.services.notifications import agency_people
from partnership.services.reminders import notify_once, send_once

from .. import deadlines
from ..models import AgencySummary

logger = logging.getLogger(__name__)

REMINDER_DAYS = 2  # working days: "due soon" from this many working days before the date
DUE_SOON, OVERDUE = "due-soon", "overdue"
BUSINESS_UNIT_ROLES = tuple(r.code for r in roles.PARTNERSHIP_ROLES
                            if roles.MANAGE_REVIEWS in r.partnership_perms)
SUMMARY_ROLES = tuple(r.code for r in roles.AGENCY_ROLES
                      if roles.WRITE_AGENCY_SUMMARY in r.agency_perms)
REFERENCED = ("notify-panel", "inform-partners", "rapid-review", "agency-summary")


def reminder_kind(row):
    """"overdue", "due-soon" or None for a deadline row."""
    if row.late:
        return OVERDUE
    if row.days_left is not None and row.days_left <= REMINDER_DAYS:
        return DUE_SOON
    return None


def business_unit_emails(partnership, today):
    return sorted(set(PartnershipMembership.objects.active(today).filter(
        partnership=partnership, role__in=BUSINESS_UNIT_ROLES, user__is_active=True,
    ).values_list("user__email", flat=True)))


def agency_lead_emails(agency_ids, today):
    """{agency id: [e-mail addresses of its active leads]} in one query."""
    leads = {}
    for agency_id, email in AgencyMembership.objects.active(today).filter(
            agency_id__in=agency_ids, role__in=SUMMARY_ROLES, user__is_active=True,
    ).values_list("agency_id", "user__email"):
        leads.setdefault(agency_id, set()).add(email)
    return {agency_id: sorted(emails) for agency_id, emails in leads.items()}


def reminders_send(today=None):
    """Send the reminders due today in every partnership; returns how many e-mails went."""
    today = today or timezone.localdate()
    sent = 0
    for partnership in Partnership.objects.order_by("pk"):
        sent += partnership_reminders_send(partnership, today)
    return sent


def partnership_reminders_send(partnership, today):
    due = []
    for row in deadlines.open_deadlines(partnership, today=today):
        kind = reminder_kind(row)
        if kind is not None:
            due.append((row, kind, f"{row.key}:{kind}"))
    if not due:
        return 0
    for row, kind, _ in due:
        if row.kind == "agency-summary" and kind == OVERDUE:
            _notify_summary_overdue(partnership, row)
    already = set(ReminderSent.objects.filter(key__in=[key for _, _, key in due])
                  .values_list("key", flat=True))
    due = [item for item in due if item[2] not in already]
    if not due:
        return 0
    unit = business_unit_emails(partnership, today)
    leads = agency_lead_emails({row.agency_id for row, _, _ in due if row.agency_id}, today)
    page = settings.SITE_URL.rstrip("/") + reverse("reviews:deadlines",
                                                   kwargs={"slug": partnership.slug})
    sent = 0
    for row, kind, key in due:
        recipients = set(unit)
        if not (row.kind == "agency-summary" and kind == OVERDUE):
            # An overdue summary reaches the agency's leads as a notification (above), by
            # the delivery each chose, not as a second e-mail.
            recipients |= set(leads.get(row.agency_id, ()))
        recipients = sorted(recipients)
        if not recipients:
            logger.warning("No one to remind of %s in %s", key, partnership.slug)
            continue
        link = settings.SITE_URL.rstrip("/") + row.url if row.url else page
        sent += send_once(key, recipients, "review-reminder", {
            "partnership": partnership, "row": row, "overdue": kind == OVERDUE,
            "reference": row.record if row.kind in REFERENCED else "",
            "link": link, "deadlines_link": page, "service_name": settings.SERVICE_NAME})
    return sent


def _notify_summary_overdue(partnership, row):
    """Tell the agency's leads, once per summary and deadline, that its summary is overdue
    (a notification, besides the reminder e-mail): the case's system reference only."""
    summary = AgencySummary.objects.only("pk", "rapid_review_id").get(pk=row.pk)
    notify_once(f"{NotificationKind.SUMMARY_OVERDUE}:{row.key}",
                kind=NotificationKind.SUMMARY_OVERDUE,
                recipients=agency_people(row.agency_id, roles.WRITE_AGENCY_SUMMARY),
                message=f"{row.agency}'s rapid review summary for case {row.record} is "
                        f"overdue: it was due on {row.due_on:%-d %B %Y}.",
                link=reverse("reviews:summary-edit", args=[partnership.slug,
                                                           summary.rapid_review_id, summary.pk]),
                partnership=partnership)
