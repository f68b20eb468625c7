"""Home page items of the challenge log:

- the challenges the user must respond to (for their own agency, or as the partner acting
  for it), overdue ones marked;
- the answered challenges waiting for the user's judgement (every partner has responded):
  those they raised, and all of them for the scrutineer and the business unit
  (permissions.can_judge), each linked to the challenge's page, where the responses are
  read before the judgement is recorded."""

from django.urls import reverse

from partnership.models.dated import today
from partnership.registry import HomeTask

from . import permissions
from .selectors.challenges import awaiting_judgement, awaiting_response


def challenge_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    return [*_responses(user, partnership), *_judgements(user, partnership)]


def _responses(user, partnership):
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


def _judgements(user, partnership):
    raised_by = None if permissions.can_manage(user, partnership) else user
    return [HomeTask(
        title=f"Record a judgement on challenge {challenge.code}",
        url=reverse("scrutiny:challenge-detail", kwargs={"slug": partnership.slug,
                                                         "pk": challenge.pk}),
        description=f"{challenge.subject}. Every partner responded by "
                    f"{challenge.responded_on:%-d %B %Y}.")
        for challenge in awaiting_judgement(partnership, raised_by)]
