from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions, selectors
from ..current import remember
from ..forms.designations import EducationPartnerForm
from ..selectors import education
from ..services import structure
from .common import attempt, bound


@require_GET
def overview(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    remember(request, partnership)
    context = {"partnership": partnership,
               "areas": list(partnership.local_authority_areas.all()),
               "education_partner": partnership.education_partner,
               "education_missing": education.education_missing(partnership),
               "education_note": education.education_note(),
               "can_designate": permissions.can_manage_designations(request.user, partnership),
               "sees_teams": permissions.can_view_child_protection_teams(request.user,
                                                                         partnership),
               "openable": permissions.openable_agencies(request.user, partnership),
               **selectors.partnership_overview(partnership)}
    return render(request, "partnerships/overview.html", context)


@require_http_methods(["GET", "POST"])
def education_partner(request, slug):
    """The business unit chooses the designated childcare or education agency the
    partnership treats as a fourth partner in its own governance, or none."""
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_manage_designations(request.user, partnership)
    form = bound(EducationPartnerForm, request, partnership=partnership,
                 initial={"agency": partnership.education_partner_id})
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        outcome = attempt(lambda: structure.education_partner_set(partnership=partnership,
                                                                  agency=agency), form=form)
        if outcome.done:
            messages.success(request, f"{agency.name} is the partnership's education partner."
                             if agency else "The partnership has no education partner.")
            return redirect("partnership-overview", slug=partnership.slug)
    return render(request, "partnerships/education_partner.html", {
        "partnership": partnership, "form": form, "title": "Education partner",
        "button": "Save", "back": reverse("partnership-overview", args=[slug])})
