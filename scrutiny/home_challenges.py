"""Home page items: challenges the user must respond to (for their own agency, or as the
partner acting for it), overdue ones marked."""

from django.urls import reverse

from partnership.models.dated import today
from partnership.registry import HomeTask

from . import permissions
from .selectors.challenges import awaiting_response


def challenge_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    agency_ids = set(permissions.challenge_agencies(user).values_list("pk", flat=True))
    agency_ids |= permissions.partner_agency_ids(user, partnership)
    if not agency_ids:
        return []
    day = today()
    tasks = []
    for addressee in awaiting_response(partnership, agency_ids):
        challenge = addressee.challenge
        overdue = challenge.due_on < day
        tasks.append(HomeTask(
            title=f"Respond to challenge {challenge.code} for {addressee.agency.name}",
            url=reverse("scrutiny:challenge-respond", kwargs={
                "slug": partnership.slug, "pk": challenge.pk, "agency_pk": addressee.agency_id}),
            description=f"{challenge.subject}. {'Was due' if overdue else 'Due'} "
                        f"{challenge.due_on:%-d %B %Y}.",
            overdue=overdue))
    return tasks
