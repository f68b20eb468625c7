"""Changing an action plan item of a return: the same checks as adding one
(services/returns.py `plan_item_add`), with the version of the return the writer started
from, while the return is a draft or returned for amendment."""

from django.db import transaction

from partnership.errors import Invalid
from partnership.services.common import model_update

from .returns import _locked, _saved


@transaction.atomic
def plan_item_update(*, item, user, version, action, due_on, owner="", standard=None):
    assessment = _locked(item.assessment, version)
    if not action.strip():
        raise Invalid({"action": "Describe the action"})
    if standard is not None and standard.template_id != assessment.template_id:
        raise Invalid({"standard": "Choose a standard of this return"})
    model_update(item, {"action": action.strip(), "owner": owner.strip(), "due_on": due_on,
                        "standard": standard}, ("action", "owner", "due_on", "standard"))
    _saved(assessment, user, "action plan")
    return item
