"""Changing an action plan item of a return: the same form and checks as adding one, for
the same people (the agency's lead and contributors, while the return is a draft or
returned for amendment). After a change, as after adding, the plan page opens at its main
content, where the success banner is first (not at the form far below)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from partnership.views.common import attempt

from .. import permissions
from ..forms.returns import PlanItemForm
from ..models import PlanItem
from ..services import plan_items as services

EDIT_REFUSED = ("Only the agency's lead and contributors can change its action plan, and only "
                "while the return is a draft or returned for amendment.")


def plan_url(slug, pk):
    """The action plan page, opened at its main content (the success banner first)."""
    return reverse("s11:plan", args=[slug, pk]) + "#main-content"


@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, pk, item_pk):
    user = request.user
    partnership, assessment = permissions.partnership_and_return(user, slug, pk)
    item = get_object_or_404(PlanItem, pk=item_pk, assessment=assessment)
    if not permissions.can_edit(user, assessment):
        raise PermissionDenied(EDIT_REFUSED)
    standards = list(assessment.template.standards.all())
    if request.method == "POST":
        form = PlanItemForm(request.POST, standards=standards)
        if form.is_valid() and attempt(lambda: services.plan_item_update(
                item=item, user=user, version=form.cleaned_data["version"],
                action=form.cleaned_data["action"], due_on=form.cleaned_data["due_on"],
                owner=form.cleaned_data["owner"], standard=form.cleaned_data["standard"]),
                form=form).done:
            messages.success(request, "Action plan item changed.")
            return redirect(plan_url(slug, pk))
    else:
        form = PlanItemForm(standards=standards, initial={
            "version": assessment.version, "standard": item.standard_id or "",
            "action": item.action, "owner": item.owner, "due_on": item.due_on})
    return render(request, "agencies/returns/plan_edit.html", {
        "partnership": partnership, "assessment": assessment, "form": form,
        "title": "Change the action plan item", "button": "Save the change",
        "caption": f"{assessment.agency.name}: {assessment.template.name}",
        "back": reverse("s11:plan", args=[slug, pk])})
