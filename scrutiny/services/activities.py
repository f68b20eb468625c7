"""Writes to the scrutiny plan: activities, findings (a recommendation becomes an action on
the partnership's action register, source "scrutiny") and the scrutineer's report
sections."""

from django.db import transaction

from governance.selectors import people_in
from governance.services import actions
from partnership.errors import Invalid, WrongState
from partnership.services.common import model_update

from ..models import Finding, ReportSection, ScrutinyActivity

ACTIVITY_FIELDS = ("year", "activity_type", "title", "scope", "lead", "lead_name", "quarter",
                   "starts_on", "ends_on", "status", "cancelled_reason")
SECTION_FIELDS = ("year", "title", "body", "order")


def _check_lead(partnership, lead):
    if lead is not None and not people_in(partnership).filter(pk=lead.pk).exists():
        raise Invalid({"lead": f"{lead} has no role in {partnership}"})


@transaction.atomic
def activity_create(*, partnership, created_by, **fields):
    activity = ScrutinyActivity(partnership=partnership, created_by=created_by)
    _check_lead(partnership, fields.get("lead"))
    fields.setdefault("status", "planned")
    return model_update(activity, fields, ACTIVITY_FIELDS)


@transaction.atomic
def activity_update(*, activity, **fields):
    if "lead" in fields:
        _check_lead(activity.partnership, fields["lead"])
    if fields.get("status", activity.status) != "cancelled":
        fields.setdefault("cancelled_reason", "")
        if fields["cancelled_reason"].strip():
            raise Invalid({"cancelled_reason": "Only a cancelled activity has a "
                                               "reason for cancelling: clear it"})
    return model_update(activity, fields, ACTIVITY_FIELDS)


@transaction.atomic
def finding_add(*, activity, text, kind, created_by, recommendation="", owner_agency=None,
                due_on=None):
    """A finding; with a recommendation, also an action owned by `owner_agency`, due on
    `due_on`, on the partnership's action register."""
    if activity.status == "cancelled":
        raise WrongState("The activity was cancelled: it has no findings")
    recommendation = recommendation.strip()
    if recommendation and (owner_agency is None or due_on is None):
        errors = {}
        if owner_agency is None:
            errors["owner_agency"] = "Choose the agency that owns the recommendation's action"
        if due_on is None:
            errors["due_on"] = "Enter the date the recommendation's action is due"
        raise Invalid(errors)
    if not recommendation and (owner_agency is not None or due_on is not None):
        raise Invalid({"recommendation": "Enter the recommendation the action is for"})
    finding = Finding(activity=activity, text=text, kind=kind, recommendation=recommendation,
                      created_by=created_by)
    finding.full_clean(exclude=["action"])
    if recommendation:
        finding.action = actions.action_create(
            partnership=activity.partnership, source="scrutiny", description=recommendation,
            owner_agency=owner_agency, due_on=due_on, created_by=created_by,
            source_label=f"Scrutiny: {activity.title}"[:200])
    finding.save()
    return finding


@transaction.atomic
def section_create(*, partnership, author, **fields):
    section = ReportSection(partnership=partnership, author=author)
    return model_update(section, fields, SECTION_FIELDS)


@transaction.atomic
def section_update(*, section, author, **fields):
    section.author = author
    return model_update(section, fields, SECTION_FIELDS, also=("author",))
