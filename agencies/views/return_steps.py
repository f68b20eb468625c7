"""A submitted return's way back to its lead before sign-off: sent back, with the reasons,
by the agency's chief officer or the business unit; or recalled by the agency's lead.

Who may do either is decided in agencies/permissions.py; the writes are
agencies/services/returns.py's send_back and recall."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from partnership.views.common import attempt, bound

from .. import permissions, selectors
from ..forms.returns import SendBackForm
from ..services import returns as services


def _page(request, template, partnership, assessment, form, **context):
    return render(request, template, {
        "partnership": partnership, "assessment": assessment, "form": form,
        "caption": f"{assessment.agency.name}: {assessment.template.name}",
        "back": reverse("s11:return", args=[partnership.slug, assessment.pk]),
        "shared": selectors.shared_with(assessment), **context})


@require_http_methods(["GET", "POST"])
def send_back(request, slug, pk):
    """The chief officer or the business unit sends the return back with the reasons."""
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    if not permissions.can_send_back(user, assessment):
        raise PermissionDenied(permissions.SEND_BACK_REFUSED)
    form = bound(SendBackForm, request)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.send_back(
            assessment=assessment, user=user, reason=form.cleaned_data["reason"]), form=form)
        if outcome.done:
            messages.success(request, f"The return has been sent back to "
                                      f"{assessment.agency.name} for amendment. Its lead has "
                                      "been told.")
            return redirect("s11:return", slug=slug, pk=pk)
    return _page(request, "agencies/returns/amend.html", partnership, assessment, form,
                 title="Send the return back to the agency's lead", button="Send it back")


@require_http_methods(["GET", "POST"])
def recall(request, slug, pk):
    """The agency's lead recalls the submitted return (GET: confirm; POST: recall)."""
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    if not permissions.can_recall(user, assessment):
        raise PermissionDenied(permissions.RECALL_REFUSED)
    form = bound(forms.Form, request)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.recall(assessment=assessment, user=user), form=form)
        if outcome.done:
            messages.success(request, f"You have recalled {assessment.agency.name}'s return. It "
                                      "is a draft again: change it, then submit it again.")
            return redirect("s11:return", slug=slug, pk=pk)
    return _page(request, "agencies/returns/recall.html", partnership, assessment, form,
                 title="Recall the return", button="Recall the return")
