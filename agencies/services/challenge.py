"""Challenge (peer review) events and their follow-up actions on the action register."""

from django.db import transaction

from governance.services import actions
from partnership.errors import Invalid
from partnership.models import Designation
from partnership.services.common import model_update

from ..models import ChallengeEvent


@transaction.atomic
def event_create(*, cycle, title, held_on, agencies, outcome=""):
    designated = set(Designation.objects.active().filter(partnership=cycle.partnership)
                     .values_list("agency_id", flat=True))
    if not agencies:
        raise Invalid({"agencies": "Choose the agencies invited"})
    if any(a.pk not in designated for a in agencies):
        raise Invalid({"agencies": "Choose agencies of this partnership"})
    event = model_update(ChallengeEvent(cycle=cycle), {"title": title, "held_on": held_on,
                                                       "outcome": outcome},
                         ("title", "held_on", "outcome"))
    event.agencies.set(agencies)
    return event


@transaction.atomic
def event_update(*, event, **fields):
    return model_update(event, fields, ("title", "held_on", "outcome"))


@transaction.atomic
def follow_up_add(*, event, description, owner_agency, due_on, created_by):
    action = actions.action_create(
        partnership=event.cycle.partnership, source="section_11", description=description,
        owner_agency=owner_agency, due_on=due_on, created_by=created_by,
        source_label=f"{event.title} ({event.cycle.name})")
    event.actions.add(action)
    return action
