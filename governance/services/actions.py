"""Writes to the action register. Every app adds its actions through `action_create`."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from partnership import roles
from partnership.errors import Invalid
from partnership.files import file_save
from partnership.models import Designation, NotificationKind, Partnership
from partnership.models.dated import today
from partnership.services.common import locked, model_update
from partnership.services.notifications import agency_people, notify

from ..models import Action, ActionStatus, ActionUpdate
from ..selectors import action_owners

ACTION_FIELDS = ("description", "owner_agency", "owner", "due_on", "source_label")
DONE = (ActionStatus.COMPLETED, ActionStatus.CLOSED)


def _check_owner_agency(partnership, agency):
    if not Designation.objects.active().filter(partnership=partnership, agency=agency).exists():
        raise Invalid({"owner_agency": f"{agency} is not part of {partnership}"})


def _check_owner(partnership, agency, owner):
    """A named owner belongs to the agency the action is assigned to, or holds a role in the
    partnership itself (selectors.action_owners): never another agency's people."""
    if owner is not None and not action_owners(partnership, agency).filter(pk=owner.pk).exists():
        raise Invalid({"owner": f"{owner.full_name or owner.email} is not one of {agency}'s "
                                f"people: choose someone from {agency} or the business unit, "
                                "or no named owner"})


@transaction.atomic
def action_create(*, partnership, source, description, owner_agency, due_on, created_by,
                  owner=None, meeting=None, source_label=""):
    _check_owner_agency(partnership, owner_agency)
    _check_owner(partnership, owner_agency, owner)
    Partnership.objects.select_for_update().get(pk=partnership.pk)  # numbers in order
    last = Action.objects.filter(partnership=partnership).aggregate(n=Max("reference"))["n"]
    action = Action(partnership=partnership, reference=(last or 0) + 1, source=source,
                    meeting=meeting, created_by=created_by)
    if meeting is not None and not source_label:
        source_label = str(meeting)
    model_update(action, {"description": description, "owner_agency": owner_agency,
                          "owner": owner, "due_on": due_on, "source_label": source_label},
                 ACTION_FIELDS)
    _notify_assigned(action, by=created_by)
    return action


@transaction.atomic
def action_update(*, action, **fields):
    if "owner_agency" in fields:
        _check_owner_agency(action.partnership, fields["owner_agency"])
    locked(action)
    agency, owner = fields.get("owner_agency", action.owner_agency), fields.get("owner",
                                                                              action.owner)
    if (owner, agency) != (action.owner, action.owner_agency):  # an owner chosen now
        _check_owner(action.partnership, agency, owner)
    before = (action.owner_id, action.owner_agency_id)
    model_update(action, fields, ACTION_FIELDS)
    if (action.owner_id, action.owner_agency_id) != before:
        _notify_assigned(action)
    return action


def assignees(action):
    """Who an action is for: its named owner, or else its agency's leads."""
    if action.owner_id:
        return [action.owner_id]
    return agency_people(action.owner_agency, roles.UPDATE_AGENCY_ACTIONS)


def action_link(action):
    return reverse("governance:action-detail", args=[action.partnership.slug, action.pk])


def _notify_assigned(action, by=None):
    """Tell the action's owner (or its agency's leads) that it is theirs, unless they made
    it themselves. The message names the action's number, agency and due date only (an
    action's description may be about a case)."""
    whom = "you" if action.owner_id else action.owner_agency.name
    notify(kind=NotificationKind.ACTION_ASSIGNED,
           recipients=[pk for pk in assignees(action) if by is None or pk != by.pk],
           message=f"Action {action.code} is assigned to {whom}, due on "
                   f"{action.due_on:%-d %B %Y}.",
           link=action_link(action), partnership=action.partnership)


@transaction.atomic
def progress_record(*, action, author, status, note="", evidence="", evidence_link="",
                    checked_file=None):
    """Record progress. Completing or closing an action needs evidence of completion:
    a statement, and optionally a link or a file (checked by uploads.check_upload)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if status not in ActionStatus.values:
        raise Invalid({"status": "Choose the action's status"})
    if status in DONE and not evidence.strip():
        raise Invalid({"evidence": "Enter the evidence that the action is complete"})
    if not (note.strip() or evidence.strip() or status != action.status):
        raise Invalid({"note": "Enter what has happened, or change the status"})
    update = ActionUpdate(action=action, author=author, status=status, note=note.strip(),
                          evidence=evidence.strip(), evidence_link=evidence_link)
    update.full_clean(exclude=["evidence_file"])
    if checked_file is not None:
        file_save(update.evidence_file, checked_file)
        update.evidence_filename = checked_file.filename
        update.evidence_content_type = checked_file.content_type
    update.save()
    action.status = status
    action.completed_on = (action.completed_on or today()) if status in DONE else None
    action.save(update_fields=["status", "completed_on", "updated_at"])
    return update
