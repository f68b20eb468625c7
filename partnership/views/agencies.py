from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions, selectors
from ..forms import AgencyForm
from ..services import structure


@require_GET
def agency_list(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    agencies = selectors.agency_list(
        agencies=permissions.agencies_for(request.user, partnership), partnership=partnership
    )
    return render(request, "agencies/list.html",
                  {"partnership": partnership, "agencies": agencies})


@require_GET
def agency_detail(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    agency = permissions.agency_for(request.user, partnership, pk)
    designations = agency.designations.active().filter(
        partnership__in=permissions.partnerships_for(request.user)
    ).select_related("partnership")
    context = {
        "partnership": partnership,
        "agency": agency,
        "designations": designations,
        "can_edit": permissions.can_change_agency(request.user, agency),
        "can_change_organisation": permissions.can_change_organisation(
            request.user, partnership, agency),
        "people": selectors.agency_people(agency)
        if permissions.can_view_agency_people(request.user, agency) else None,
    }
    return render(request, "agencies/detail.html", context)


@require_http_methods(["GET", "POST"])
def agency_edit(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    agency = permissions.agency_for(request.user, partnership, pk)
    permissions.require_change_agency(request.user, agency)
    form = AgencyForm(request.POST if request.method == "POST" else None, instance=agency)
    if request.method == "POST" and form.is_valid():
        structure.agency_update(agency=agency, **{
            field: form.cleaned_data[field] for field in form.changed_data
        })
        messages.success(request, f"{agency.name} has been updated.")
        return redirect("agency-detail", slug=partnership.slug, pk=agency.pk)
    if request.method == "POST":
        agency.refresh_from_db()
    return render(request, "agencies/edit.html",
                  {"partnership": partnership, "agency": agency, "form": form})
