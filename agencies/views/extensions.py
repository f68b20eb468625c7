"""Extensions: an agency's lead asks for more time on one request; the business unit
grants (the request's deadline moves) or refuses it with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership.lists import page_of
from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_cycles as selectors
from ..forms.cycles import ExtensionAskForm, ExtensionDecideForm
from ..models import ExtensionStatus
from ..services import cycles as service

# Views


@require_http_methods(["GET", "POST"])
def extension_ask(request, slug, request_pk):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    asked = permissions.request_for(user, partnership, request_pk)
    if not permissions.can_ask_extension(user, asked):
        raise PermissionDenied("Only the agency's lead can ask for more time.")
    form = bound(ExtensionAskForm, request)
    made = submit(request, form, lambda: service.extension_ask(
        request=asked, user=user, until=form.cleaned_data["until"],
        reason=form.cleaned_data["reason"]))
    if made:
        messages.success(request, f"You have asked for more time, until {made.until:%-d %B %Y}. "
                                  "The business unit will decide.")
        return redirect("s11:cycle", slug=slug, pk=asked.cycle_id)
    return render(request, "agencies/extensions/ask.html", {
        "partnership": partnership, "form": form, "asked": asked,
        "history": list(asked.extensions.select_related("decided_by")),
        "title": "Ask for more time", "caption": f"{asked.agency.name}: {asked.cycle.name}",
        "button": "Ask for more time", "back": reverse("s11:cycle", args=[slug, asked.cycle_id])})


@require_GET
def extension_list(request, slug):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    permissions.require_manage(user, partnership)
    extensions = permissions.extensions_for(user, partnership)
    page = page_of(request, selectors.extension_list(extensions))
    pending = selectors.pending_count(extensions)
    return render(request, "agencies/extensions/list.html", {
        "partnership": partnership, "page": page, "query": "",
        "pending": [row for row in page if row.status == ExtensionStatus.PENDING],
        "decided": [row for row in page if row.status != ExtensionStatus.PENDING],
        "pending_count": pending, "decided_count": page.paginator.count - pending})


@require_http_methods(["GET", "POST"])
def extension_decide(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    extension = permissions.extension_for(user, partnership, pk)
    permissions.require_manage(user, partnership)
    form = bound(ExtensionDecideForm, request)
    decided = submit(request, form, lambda: service.extension_decide(
        extension=extension, user=user, granted=form.cleaned_data["decision"] == "grant",
        comment=form.cleaned_data["comment"]))
    if decided:
        asked = decided.request
        if decided.status == ExtensionStatus.GRANTED:
            messages.success(request, f"Extension granted: {asked.agency.name}'s deadline is now "
                                      f"{asked.due_on:%-d %B %Y}.")
        else:
            messages.success(request, f"Extension refused: {asked.agency.name}'s deadline stays "
                                      f"{asked.due_on:%-d %B %Y}.")
        return redirect("s11:extension-list", slug=slug)
    return render(request, "agencies/extensions/decide.html", {
        "partnership": partnership, "form": form, "extension": extension,
        "asked": extension.request, "title": "Decide on the extension request",
        "caption": f"{extension.request.agency.name}: {extension.request.cycle.name}",
        "button": "Save the decision", "back": reverse("s11:extension-list", args=[slug])})
