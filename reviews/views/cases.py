"""Serious incident notifications: the case list, one case, the forms that record it, the
restricted child record (every read logged) and the case access grants that open it."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.selectors import people_in
from partnership import permissions as core
from partnership.lists import filtered_page
from partnership.services.audit import access_event_record
from partnership.templatetags.govuk import error_summary
from partnership.views.common import attempt, bound, submit

from .. import permissions, selectors
from ..forms.cases import ChildRecordForm, GrantForm, NotificationForm, themes_choice
from ..forms.children import NotifiedChildForm
from ..forms.lists import CaseFilter
from ..models import ChildRecord
from ..services import notifications, rapid, taxonomy
from ..services.notifications import CHILD_FIELDS

CASE_FIELDS = ("pseudonym", "incident_type", "summary", "incident_on", "la_aware_on",
               "notified_on", "panel_reference", "partners_informed_on")


def partnership_with_reviews(request, slug):
    """The partnership, if the user has any case review pages in it (else 404)."""
    partnership = core.partnership_for(request.user, slug)
    if not permissions.sees_any(request.user, partnership):
        raise Http404("No such page")
    return partnership


def _case(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    return partnership, permissions.notification_for(request.user, partnership, pk)


@require_GET
def case_list(request, slug):
    """The cases the user may see, newest first, filtered by incident and open or closed,
    a page at a time."""
    partnership = partnership_with_reviews(request, slug)
    user = request.user
    reader = permissions.can_view(user, partnership)
    filters = CaseFilter(request.GET or None, queryset=selectors.case_list(
        permissions.notifications_for(user, partnership),
        own_agencies=None if reader else permissions.summary_agencies(user)), reader=reader)
    page, query = filtered_page(request, filters)
    if page is not None:
        page.object_list = selectors.case_states(list(page.object_list), partnership)
    return render(request, "reviews/cases/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "reader": reader, "can_manage": permissions.can_manage(user, partnership)})


def _notification_form(request, partnership, case=None):
    """The form, with the partnership's learning themes (the defaults are created the first
    time; a POST that saves nothing rolls them back with everything else)."""
    taxonomy.ensure_defaults(partnership)
    selected = list(case.themes.all()) if case else []
    initial = None
    if case is not None:
        initial = {name: getattr(case, name) for name in CASE_FIELDS}
        initial["themes"] = selected
    return bound(NotificationForm, request, initial=initial, themes=themes_choice(
        permissions.themes_for(request.user, partnership), selected))


def _create(request, partnership, form, child_form):
    """Record the notification with its first child, when both forms are valid."""
    if request.method != "POST" or not all([form.is_valid(), child_form.is_valid()]):
        return None
    return attempt(lambda: notifications.notification_create(
        partnership=partnership, created_by=request.user, children=[child_form.cleaned_data],
        **form.cleaned_data), form=form).result


@require_http_methods(["GET", "POST"])
def case_create(request, slug):
    """The incident and its first child; more children (up to 4) are added on the case."""
    partnership = partnership_with_reviews(request, slug)
    permissions.require_manage(request.user, partnership)
    with transaction.atomic():
        form = _notification_form(request, partnership)
        child_form = bound(NotifiedChildForm, request, prefix="child",
                           incident_type=request.POST.get("incident_type"))
        case = _create(request, partnership, form, child_form)
        if case:
            messages.success(request, f"Case {case.reference} recorded for {case.pseudonym}. "
                                      f"The Panel must be notified by "
                                      f"{case.notify_by:%A %-d %B %Y}.")
            return redirect("reviews:case-detail", slug=slug, pk=case.pk)
        errors = error_summary(form)["items"] + error_summary(child_form)["items"]
        response = render(request, "reviews/cases/create.html", {
            "partnership": partnership, "form": form, "child_form": child_form,
            "errors": errors, "back": reverse("reviews:case-list", args=[slug])})
        if request.method == "POST":
            transaction.set_rollback(True)
        return response


def case_page(request, partnership, case, errors=(), status=200):
    """The case page; `errors` from a refused action on it (starting the rapid review)."""
    user = request.user
    reader = permissions.can_view(user, partnership)
    manage = permissions.can_manage(user, partnership)
    review = getattr(case, "rapid_review", None)
    context = {"partnership": partnership, "case": case, "review": review, "reader": reader,
               "children_count": case.children.count(),
               "sees_children": permissions.can_see_children(user, case),
               "no_rapid_review": notifications.rapid_review_refusal(case),
               "can_manage": manage, "grant": permissions.active_grant(user, case),
               "notify_tag": selectors.notify_tag(case), "today": timezone.localdate(),
               "now": timezone.now(), "errors": [{"href": None, "message": m} for m in errors]}
    if reader:
        context["themes"] = list(case.themes.all())
    if review is not None:
        context["own_summaries"] = [] if reader else list(
            permissions.summaries_for(user, review).select_related("agency"))
    if manage:
        context["grants"] = selectors.case_grants(permissions.grants_for(user, case))
    return render(request, "reviews/cases/detail.html", context, status=status)


@require_GET
def case_detail(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    return case_page(request, partnership, case)


@never_cache
@require_http_methods(["GET", "POST"])
def case_edit(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    if request.method == "GET" and case.summary:  # what happened is read here
        access_event_record(user=request.user, obj=case, partnership=partnership,
                            path=request.path)
    with transaction.atomic():
        form = _notification_form(request, partnership, case)
        if submit(request, form, lambda: notifications.notification_update(
                notification=case, **form.cleaned_data)):
            messages.success(request, f"Case {case.reference} updated. The Panel must be "
                                      f"notified by {case.notify_by:%A %-d %B %Y}.")
            return redirect("reviews:case-detail", slug=slug, pk=pk)
        response = render(request, "form.html", {
            "partnership": partnership, "form": form, "title": f"Change {case.pseudonym}'s case",
            "caption": case.reference, "button": "Save",
            "back": reverse("reviews:case-detail", args=[slug, pk])})
        if request.method == "POST":
            transaction.set_rollback(True)
        return response


def _child_record(case):
    return ChildRecord.objects.filter(notification=case).first()


@never_cache
@require_GET
def child_record(request, slug, pk):
    """Who the child is: only under a current case grant, and every read is logged."""
    partnership, case = _case(request, slug, pk)
    grant = permissions.require_grant(request.user, case)
    record = _child_record(case)
    access_event_record(user=request.user, obj=record or case, partnership=partnership,
                        path=request.path)
    return render(request, "reviews/cases/child.html", {
        "partnership": partnership, "case": case, "record": record, "grant": grant,
        "can_edit": permissions.can_manage(request.user, partnership)})


@never_cache
@require_http_methods(["GET", "POST"])
def child_record_edit(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    permissions.require_grant(request.user, case)
    record = _child_record(case)
    initial = {name: getattr(record, name) for name in CHILD_FIELDS} if record else None
    if request.method == "GET" and record is not None:
        access_event_record(user=request.user, obj=record, partnership=partnership,
                            path=request.path)
    form = bound(ChildRecordForm, request, initial=initial)
    if submit(request, form, lambda: notifications.child_record_save(
            notification=case, **form.cleaned_data)):
        messages.success(request, f"Who {case.pseudonym} is has been saved.")
        return redirect("reviews:child-record", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Who {case.pseudonym} is",
        "caption": f"{case.reference}: restricted", "button": "Save",
        "back": reverse("reviews:case-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def grant_create(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    form = bound(GrantForm, request, people=people_in(partnership))
    grant = submit(request, form, lambda: notifications.grant_create(
        notification=case, granted_by=request.user, **form.cleaned_data))
    if grant:
        messages.success(request, f"{grant.user.full_name or grant.user.email} can see who "
                                  f"{case.pseudonym} is until "
                                  f"{timezone.localtime(grant.expires_at):%-d %B %Y, %H:%M}.")
        return redirect("reviews:case-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Give access to who {case.pseudonym} is", "caption": case.reference,
        "button": "Give access", "back": reverse("reviews:case-detail", args=[slug, pk])})


@require_POST
def grant_revoke(request, slug, pk, grant_pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    grant = notifications.grant_revoke(grant=permissions.grant_for(request.user, case, grant_pk))
    messages.success(request, f"{grant.user.full_name or grant.user.email} can no longer see "
                              f"who {case.pseudonym} is.")
    return redirect("reviews:case-detail", slug=slug, pk=pk)


@require_POST
def rapid_start(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    refusal = notifications.rapid_review_refusal(case)
    if refusal:
        return case_page(request, partnership, case, errors=[refusal])
    outcome = attempt(lambda: rapid.rapid_review_start(notification=case))
    if not outcome.done:
        return case_page(request, partnership, case, errors=outcome.messages)
    review = outcome.result
    messages.success(request, f"Rapid review started. It is due by {review.due_on:%A %-d %B %Y}: "
                              f"15 working days after the Panel was notified.")
    return redirect("reviews:rapid-detail", slug=slug, pk=review.pk)
