"""/p/<slug>/section-11/moderation/...: the business unit moderates a submitted or
signed-off return, standard by standard, for its own partnership (a return shared by
several partnerships is moderated by each independently); whoever reads the return (its
agency's staff included) sees that partnership's feedback.

A return the user may not see answers 404; one they see but may not moderate (a draft, or
a reader's or the agency's own view), 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_analysis as selectors
from ..forms.moderation import ModerationForm
from ..services import returns as services


@require_http_methods(["GET", "POST"])
def moderate(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    if not permissions.can_moderate(request.user, assessment, partnership):
        if permissions.can_manage(request.user, partnership):
            raise PermissionDenied("Only submitted or signed-off returns can be moderated. "
                                   "This return is still a draft or has been returned for "
                                   "amendment.")
        raise PermissionDenied("Only the partnership's business unit moderates returns.")
    sheet = selectors.moderation_sheet(assessment, partnership)
    form = bound(ModerationForm, request, sheet=sheet)
    saved = submit(request, form, lambda: services.moderation_save(
        assessment=assessment, partnership=partnership, user=request.user,
        entries=list(form.changes())))
    if saved is not None:
        if saved:
            messages.success(request, f"Moderation saved for {saved} standard"
                                      f"{'' if saved == 1 else 's'} of {assessment.agency}'s return.")
        else:
            messages.info(request, "Nothing had changed: the moderation is as it was.")
        return redirect("s11:feedback", slug=slug, pk=assessment.pk)
    return render(request, "agencies/moderation/moderate.html", {
        "partnership": partnership, "assessment": assessment, "form": form})


@require_GET
def feedback(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    sheet = selectors.moderation_sheet(assessment, partnership)
    return render(request, "agencies/moderation/feedback.html", {
        "partnership": partnership, "assessment": assessment, "sheet": sheet,
        "moderated": any(row.moderation for row in sheet),
        "can_moderate": permissions.can_moderate(request.user, assessment, partnership)})
