"""Writes to the yearly priorities and the work plan that delivers them. A work plan item is
delivered by a group of the partnership (its own or one shared with it), led by an agency
designated in the partnership, and tracked through actions on the partnership's register."""

from django.db import transaction
from django.db.models import Q

from partnership.errors import Invalid
from partnership.models import Designation
from partnership.services.common import model_update

from ..models import Group, Priority, Progress, WorkPlanItem

PRIORITY_FIELDS = ("title", "heading", "description", "period_start", "period_end")
ITEM_FIELDS = ("title", "group", "lead_agency", "due_on", "progress", "progress_note")
NEEDS_NOTE = (Progress.AT_RISK, Progress.OFF_TRACK)


def _clean_text(fields, *names):
    for name in names:
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()


def _check_priority(priority, fields):
    title = fields.get("title", priority.title)
    if not title:
        raise Invalid({"title": "Enter the priority"})
    start = fields.get("period_start", priority.period_start)
    end = fields.get("period_end", priority.period_end)
    errors = {}
    if start is None:
        errors["period_start"] = "Enter the start of the period"
    if end is None:
        errors["period_end"] = "Enter the end of the period"
    if not errors and end < start:
        errors["period_end"] = "The end of the period must be on or after its start"
    if errors:
        raise Invalid(errors)


@transaction.atomic
def priority_create(*, partnership, **fields):
    _clean_text(fields, "title", "heading", "description")
    priority = Priority(partnership=partnership)
    _check_priority(priority, fields)
    return model_update(priority, fields, PRIORITY_FIELDS)


@transaction.atomic
def priority_update(*, priority, **fields):
    _clean_text(fields, "title", "heading", "description")
    _check_priority(priority, fields)
    return model_update(priority, fields, PRIORITY_FIELDS)


def _check_item(item, partnership, fields, actions):
    errors = {}
    title = fields.get("title", item.title)
    if not title:
        errors["title"] = "Enter what will be done"
    group = fields.get("group", item.group if item.group_id else None)
    if group is not None and not Group.objects.filter(
            Q(partnership=partnership) | Q(shared_with=partnership), pk=group.pk).exists():
        errors["group"] = f"{group} is not a group of {partnership}"
    agency = fields.get("lead_agency", item.lead_agency if item.lead_agency_id else None)
    if agency is not None and not Designation.objects.active().filter(
            partnership=partnership, agency=agency).exists():
        errors["lead_agency"] = f"{agency} is not part of {partnership}"
    progress = fields.get("progress", item.progress)
    if progress not in Progress.values:
        errors["progress"] = "Choose how the item is progressing"
    elif progress in NEEDS_NOTE and not fields.get("progress_note", item.progress_note):
        label = Progress(progress).label.lower()
        errors["progress_note"] = f"Enter why the item is {label} and what is being done"
    if actions is not None:
        strangers = [a.code for a in actions if a.partnership_id != partnership.pk]
        if strangers:
            errors["actions"] = (f"{', '.join(strangers)} "
                                 f"{'is' if len(strangers) == 1 else 'are'} not on the action "
                                 f"register of {partnership}")
    if errors:
        raise Invalid(errors)


@transaction.atomic
def work_plan_item_create(*, priority, actions=(), **fields):
    _clean_text(fields, "title", "progress_note")
    fields.setdefault("progress", Progress.NOT_STARTED)
    actions = list(actions)
    item = WorkPlanItem(priority=priority)
    _check_item(item, priority.partnership, fields, actions)
    model_update(item, fields, ITEM_FIELDS)
    item.actions.set(actions)
    return item


@transaction.atomic
def work_plan_item_update(*, item, actions=None, **fields):
    """`actions`: the full list of linked actions (None leaves the links as they are)."""
    _clean_text(fields, "title", "progress_note")
    actions = None if actions is None else list(actions)
    _check_item(item, item.priority.partnership, fields, actions)
    model_update(item, fields, ITEM_FIELDS)
    if actions is not None:
        item.actions.set(actions)
    return item
