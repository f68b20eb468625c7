"""A notification's children (the DfE's characteristics, special category data) and the
notification laid out like the DfE's form to copy from. Seen only by the business unit and
by a current case grant holder (reviews/permissions.py); every page that shows them records
an access event for each child it shows; the business unit adds, changes and removes them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.services.audit import access_event_record
from partnership.views.common import attempt, bound, submit

from .. import permissions
from ..forms.children import NotifiedChildForm
from ..models import MAX_CHILDREN
from ..services import notifications
from ..services.notifications import CHARACTERISTICS, TOO_MANY
from .cases import _case


def _seen(request, partnership, case):
    """The case's children, for someone who may see them, each read recorded."""
    permissions.require_see_children(request.user, case)
    children = list(case.children.order_by("position"))
    for obj in children or [case]:
        access_event_record(user=request.user, obj=obj, partnership=partnership,
                            path=request.path)
    return children


# The DfE form's questions about each child, in its order.
LABELS = {"pseudonym": "Pseudonym", "age_band": "Age", "sex": "Sex", "ethnicity": "Ethnicity",
          "disability": "Disability", "legal_status": "Legal status",
          "placement": "Placement or where the child was living",
          "known_to_agencies": "Known to agencies",
          "abuse_or_neglect": "Abuse or neglect known or suspected",
          "home_local_authority": "Home local authority"}


def _answer(child, name):
    display = getattr(child, f"get_{name}_display", None)
    return display() if display else getattr(child, name)


def _answers(child):
    """(question, answer) for each of the child's answers, in the DfE form's order."""
    return [(LABELS[name], _answer(child, name)) for name in CHARACTERISTICS]


@never_cache
@require_GET
def children(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    rows = [(child, _answers(child)) for child in _seen(request, partnership, case)]
    return render(request, "reviews/cases/children.html", {
        "partnership": partnership, "case": case, "children": rows,
        "can_manage": permissions.can_manage(request.user, partnership),
        "full": len(rows) >= MAX_CHILDREN, "max_children": MAX_CHILDREN})


def _form_page(request, partnership, case, form, title, errors=()):
    return render(request, "reviews/cases/child_form.html", {
        "partnership": partnership, "case": case, "form": form, "title": title,
        "errors": [{"href": None, "message": m} for m in errors],
        "back": reverse("reviews:notified-children", args=[partnership.slug, case.pk])})


@never_cache
@require_http_methods(["GET", "POST"])
def child_add(request, slug, pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    form = bound(NotifiedChildForm, request, incident_type=case.incident_type)
    if case.children.count() >= MAX_CHILDREN:  # refused, nothing saved
        return _form_page(request, partnership, case, form, f"Add a child to {case.pseudonym}",
                          [f"{TOO_MANY}: this one already has {MAX_CHILDREN}. Record another "
                           "notification for another incident."])
    child = submit(request, form, lambda: notifications.notified_child_add(
        notification=case, **form.cleaned_data))
    if child:
        messages.success(request, f"{child.pseudonym} added to {case.pseudonym}'s notification.")
        return redirect("reviews:notified-children", slug=slug, pk=pk)
    return _form_page(request, partnership, case, form, f"Add a child to {case.pseudonym}")


@never_cache
@require_http_methods(["GET", "POST"])
def child_edit(request, slug, pk, child_pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    child = permissions.notified_child_for(request.user, case, child_pk)
    if request.method == "GET":
        access_event_record(user=request.user, obj=child, partnership=partnership,
                            path=request.path)
    form = bound(NotifiedChildForm, request, incident_type=case.incident_type,
                 initial={name: getattr(child, name) for name in CHARACTERISTICS})
    if submit(request, form, lambda: notifications.notified_child_update(
            child=child, **form.cleaned_data)):
        messages.success(request, f"{child.pseudonym}'s answers have been saved.")
        return redirect("reviews:notified-children", slug=slug, pk=pk)
    return _form_page(request, partnership, case, form, f"Change {child.pseudonym}'s answers")


@require_POST
def child_remove(request, slug, pk, child_pk):
    partnership, case = _case(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    child = permissions.notified_child_for(request.user, case, child_pk)
    outcome = attempt(lambda: notifications.notified_child_remove(child=child), request=request)
    if outcome.done:
        messages.success(request, f"{child.pseudonym} removed from {case.pseudonym}'s "
                                  f"notification.")
    return redirect("reviews:notified-children", slug=slug, pk=pk)


def _dfe_context(request, partnership, case):
    children = _seen(request, partnership, case)
    return {"partnership": partnership, "case": case,
            "children": [(child, _answers(child)) for child in children],
            "incident": [("Local authority or partnership", partnership.name),
                         ("Type of incident", case.get_incident_type_display()),
                         ("Date of the incident", case.incident_on),
                         ("Date the local authority became aware", case.la_aware_on),
                         ("Number of children", len(children)),
                         ("What happened", case.summary)]}


@never_cache
@require_GET
def dfe_form(request, slug, pk):
    """The notification laid out like the DfE's form, to copy from (prints cleanly)."""
    partnership, case = _case(request, slug, pk)
    return render(request, "reviews/cases/dfe_form.html",
                  _dfe_context(request, partnership, case))


@never_cache
@require_GET
def dfe_form_text(request, slug, pk):
    """The same, as plain text."""
    partnership, case = _case(request, slug, pk)
    text = render_to_string("reviews/cases/dfe_form.txt",
                            _dfe_context(request, partnership, case))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-dfe-form.txt"'
    return response
