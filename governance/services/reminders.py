"""Action reminders, made by the daily job (governance.tasks.action_reminders_send) as
notifications: "due" on an open action's due date (to its owner, or its agency's leads),
then "overdue" once it has passed (to the owner and, escalating, the agency's leads).

Due dates are the partnership's own deadlines, so they run on its calendar
(partnership.dates.local): on a day it does not work nothing is sent, and the last working
day before a due date that falls on a closed day says it is due. Each reminder is made
once per action, due date and kind (partnership.services.reminders.notify_once), so running
the job again sends nothing new, and a due date that moves is a new deadline. An action
that was already overdue by more than OVERDUE_WINDOW when the job first met it gets no
reminder (those were known before it ran)."""

import datetime

from django.utils import timezone

from partnership import dates, roles
from partnership.models import NotificationKind, Partnership
from partnership.services.notifications import agency_people
from partnership.services.reminders import notify_once

from ..models import Action
from .actions import action_link, assignees

OVERDUE_WINDOW = datetime.timedelta(days=14)


def action_reminders_send(today=None):
    """Make today's action reminders in every partnership; returns how many were made."""
    today = today or timezone.localdate()
    return sum(partnership_reminders_send(partnership, today)
               for partnership in Partnership.objects.order_by("pk"))


def partnership_reminders_send(partnership, today):
    calendar = dates.local(partnership)
    if not calendar.is_working_day(today):
        return 0
    next_working_day = calendar.add(today, 1)
    actions = (Action.objects.open().filter(partnership=partnership,
                                            due_on__gte=today - OVERDUE_WINDOW,
                                            due_on__lt=next_working_day)
               .select_related("owner_agency", "partnership").order_by("due_on", "reference"))
    made = 0
    for action in actions:
        if action.due_on >= today:
            kind, recipients = NotificationKind.ACTION_DUE, assignees(action)
            message = f"Action {action.code} ({action.owner_agency.name}) is due on " \
                      f"{action.due_on:%-d %B %Y}."
        else:
            kind = NotificationKind.ACTION_OVERDUE
            recipients = {*assignees(action),
                          *agency_people(action.owner_agency, roles.UPDATE_AGENCY_ACTIONS)}
            message = f"Action {action.code} ({action.owner_agency.name}) is overdue: it " \
                      f"was due on {action.due_on:%-d %B %Y}."
        made += notify_once(f"{kind}:{action.pk}:{action.due_on:%Y%m%d}", kind=kind,
                            recipients=recipients, message=message, link=action_link(action),
                            partnership=partnership)
    return made
