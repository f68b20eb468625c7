"""A meeting's record after the event: decisions and declarations of interest corrected or
withdrawn (with the reason kept), and the decisions log across the partnership's groups."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership import permissions as core
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.records import CorrectForm, DecisionFilter, WithdrawForm
from ..selectors.records import decision_log
from ..services import records as services

PER_PAGE = 50


@require_GET
def decision_list(request, slug):
    """The decisions log: the decisions of the meetings the user may see (those about a
    confidential item only for those who see it), filtered by group, date and status,
    newest first, a page at a time."""
    partnership = core.partnership_for(request.user, slug)
    groups = permissions.groups_for(request.user, partnership).order_by("name")
    filters = DecisionFilter(request.GET or None, groups=groups,
                             queryset=decision_log(permissions.decisions_for(request.user,
                                                                             partnership)))
    page = None
    if not filters.is_bound or filters.is_valid():
        page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "governance/meetings/decisions.html", {
        "partnership": partnership, "form": filters.form, "page": page,
        "query": query.urlencode()})


# Correcting and withdrawing: the people who run the group's meetings (the business unit and
# the chair), for records they may see (one about a confidential item answers 404 to others).

def _record(request, slug, pk, record_pk, kind):
    partnership = core.partnership_for(request.user, slug)
    meeting = permissions.meeting_for(request.user, partnership, pk)
    finder = permissions.decision_for if kind == "decision" else permissions.declaration_for
    record = finder(request.user, meeting, record_pk)
    permissions.require_run_group(request.user, meeting.group)
    return partnership, meeting, record


def _page(request, partnership, meeting, record, form, write, done, title, button):
    back = reverse("governance:meeting-detail", args=[partnership.slug, meeting.pk])
    if submit(request, form, write):
        messages.success(request, done)
        return redirect(back + ("#decisions" if record._meta.model_name == "decision"
                                else "#declarations"))
    return render(request, "governance/meetings/record_form.html", {
        "partnership": partnership, "meeting": meeting, "record": record, "form": form,
        "title": title, "caption": str(meeting), "button": button, "back": back})


@require_http_methods(["GET", "POST"])
def decision_correct(request, slug, pk, record_pk):
    partnership, meeting, decision = _record(request, slug, pk, record_pk, "decision")
    form = bound(CorrectForm, request, noun="decision", initial={"text": decision.text})
    return _page(request, partnership, meeting, decision, form, lambda: services.decision_correct(
        decision=decision, user=request.user, **form.cleaned_data),
        "Decision corrected. What it said before is kept with the reason.",
        "Correct a decision", "Save the correction")


@require_http_methods(["GET", "POST"])
def decision_withdraw(request, slug, pk, record_pk):
    partnership, meeting, decision = _record(request, slug, pk, record_pk, "decision")
    form = bound(WithdrawForm, request)
    return _page(request, partnership, meeting, decision, form, lambda: services.decision_withdraw(
        decision=decision, **form.cleaned_data),
        "Decision withdrawn. It stays on the record, marked as withdrawn, with the reason.",
        "Withdraw a decision", "Withdraw the decision")


@require_http_methods(["GET", "POST"])
def declaration_correct(request, slug, pk, record_pk):
    partnership, meeting, declaration = _record(request, slug, pk, record_pk, "declaration")
    form = bound(CorrectForm, request, noun="declaration", initial={"text": declaration.interest})
    return _page(request, partnership, meeting, declaration, form,
                 lambda: services.declaration_correct(declaration=declaration, user=request.user,
                                                      **form.cleaned_data),
                 "Declaration corrected. What it said before is kept with the reason.",
                 "Correct a declaration of interest", "Save the correction")


@require_http_methods(["GET", "POST"])
def declaration_withdraw(request, slug, pk, record_pk):
    partnership, meeting, declaration = _record(request, slug, pk, record_pk, "declaration")
    form = bound(WithdrawForm, request)
    return _page(request, partnership, meeting, declaration, form,
                 lambda: services.declaration_withdraw(declaration=declaration,
                                                       **form.cleaned_data),
                 "Declaration withdrawn. It stays on the record, marked as withdrawn, with the "
                 "reason.", "Withdraw a declaration of interest", "Withdraw the declaration")
