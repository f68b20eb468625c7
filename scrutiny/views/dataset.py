"""/p/<slug>/scrutiny/dataset/...: the multi-agency dataset. The business unit defines the
measures; each agency's lead enters and submits its figures for a quarter; the scrutiny
readers see the quarter's overview (who has submitted, the figures against their targets,
the trend) and every return; agency staff see their own agency's returns only.

Who may do what is decided in scrutiny/permissions.py; writes go through
scrutiny/services/dataset.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from partnership import roles
from partnership.forms.pickers import offer_in
from partnership.lists import filtered_page, plain_page
from partnership.quarters import Quarter
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.dataset import MeasureForm, ReopenForm, ReturnForm
from ..forms.lists import DatasetReturnFilter
from ..models import DatasetStatus, Measure
from ..selectors import dataset as selectors
from ..services import dataset as services

QUARTER_CHOICES = 8  # at least this many quarters in the overview's filter


@require_GET
def overview(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    today = timezone.localdate()
    latest = selectors.current_quarter(today)  # the last quarter that has ended
    choices = selectors.quarter_choices(partnership, Quarter.of(today), QUARTER_CHOICES)
    raw, error = request.GET.get("quarter"), None
    quarter = Quarter.parse(raw) if raw else latest
    if quarter is None or quarter not in choices:
        quarter, error = latest, "Choose one of the quarters in the list"
    return render(request, "scrutiny/dataset/overview.html", {
        "partnership": partnership, "quarter": quarter, "choices": choices, "error": error,
        "can_manage": permissions.can_manage_dataset(request.user, partnership),
        **selectors.overview(partnership, quarter,
                             permissions.dataset_returns_for(request.user, partnership))},
        status=400 if error else 200)


@require_GET
def measure_list(request, slug):
    partnership = permissions.partnership_for_dataset(request.user, slug)
    page, query = plain_page(request, selectors.measures(partnership).order_by(
        "-active", "name", "pk"))
    return render(request, "scrutiny/dataset/measures.html", {
        "partnership": partnership, "page": page, "query": query,
        "can_manage": permissions.can_manage_dataset(request.user, partnership),
        "is_reader": permissions.can_view(request.user, partnership)})


def _measure_page(request, partnership, form, title, button):
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": title, "button": button,
        "caption": "Multi-agency dataset",
        "back": reverse("scrutiny:dataset-measure-list", args=[partnership.slug])})


@require_http_methods(["GET", "POST"])
def measure_create(request, slug):
    partnership = permissions.partnership_for_dataset(request.user, slug)
    permissions.require_manage_dataset(request.user, partnership)
    form = offer_in(bound(MeasureForm, request,
                          agencies=selectors.designated_agencies(partnership)), "agencies", request)
    measure = submit(request, form, lambda: services.measure_create(
        partnership=partnership, **form.cleaned_data))
    if measure:
        messages.success(request, f"Measure ‘{measure.name}’ added.")
        return redirect("scrutiny:dataset-measure-list", slug=slug)
    return _measure_page(request, partnership, form, "Add a measure", "Add the measure")


@require_http_methods(["GET", "POST"])
def measure_edit(request, slug, pk):
    partnership = permissions.partnership_for_dataset(request.user, slug)
    try:
        measure = Measure.objects.get(partnership=partnership, pk=pk)
    except Measure.DoesNotExist:
        raise Http404("No such measure") from None
    permissions.require_manage_dataset(request.user, partnership)
    initial = {name: getattr(measure, name) for name in services.MEASURE_FIELDS}
    initial["higher_is_better"] = "yes" if measure.higher_is_better else "no"
    initial["agencies"] = list(measure.agencies.all())
    form = offer_in(bound(MeasureForm, request, agencies=selectors.designated_agencies(partnership),
                          initial=initial), "agencies", request)
    saved = submit(request, form, lambda: services.measure_update(
        measure=measure, **form.cleaned_data))
    if saved:
        messages.success(request, f"Measure ‘{saved.name}’ saved.")
        return redirect("scrutiny:dataset-measure-list", slug=slug)
    return _measure_page(request, partnership, form, f"Edit ‘{measure.name}’", "Save the measure")


@require_GET
def return_list(request, slug):
    """The dataset returns the user may see, newest quarter first, filtered by status and
    agency name, a page at a time."""
    user = request.user
    partnership = permissions.partnership_for_dataset(user, slug)
    own = list(permissions.own_dataset_agencies(user, partnership, roles.SUBMIT_AGENCY_DATASET))
    latest = selectors.current_quarter(timezone.localdate())
    filters = DatasetReturnFilter(request.GET or None, queryset=selectors.return_rows(
        permissions.dataset_returns_for(user, partnership)))
    page, query = filtered_page(request, filters)
    return render(request, "scrutiny/dataset/returns.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "own_only": not permissions.can_view(user, partnership),
        "own": own, "latest": latest, "due_on": latest.due_on(partnership)})


@require_GET
def return_detail(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_dataset(user, slug)
    dataset_return = permissions.dataset_return_for(user, partnership, pk)
    return render(request, "scrutiny/dataset/return_detail.html", {
        "partnership": partnership, "dataset_return": dataset_return,
        "values": selectors.return_values(dataset_return),
        "can_edit": dataset_return.status == DatasetStatus.DRAFT
        and permissions.can_submit_dataset(user, dataset_return.agency),
        "can_reopen": dataset_return.status == DatasetStatus.SUBMITTED
        and permissions.can_manage_dataset(user, partnership),
        "due_on": dataset_return.quarter.due_on(partnership)})


@require_http_methods(["GET", "POST"])
def return_form(request, slug, agency_pk, quarter):
    user = request.user
    partnership = permissions.partnership_for_dataset(user, slug)
    agency = permissions.dataset_agency_for(user, partnership, agency_pk)
    quarter = Quarter.parse(quarter)
    if quarter is None:
        raise Http404("No such quarter")
    permissions.require_submit_dataset(user, agency)
    existing, saved = selectors.quarter_return(partnership, agency, quarter)
    if existing is not None and existing.status != DatasetStatus.DRAFT:
        raise PermissionDenied("This return has been submitted. Ask the business unit to "
                               "reopen it if a figure needs to change.")
    measures = services.asked_measures(partnership, agency)
    initial = {"version": existing.version if existing else 0,
               "note": existing.note if existing else "",
               **{f"measure_{m.pk}": saved.get(m.pk) for m in measures}}
    form = bound(ReturnForm, request, measures=measures, initial=initial)
    submitting = request.POST.get("action") == "submit"
    done = submit(request, form, lambda: services.return_save(
        partnership=partnership, agency=agency, quarter=quarter, user=user,
        version=form.cleaned_data["version"], values=form.values(),
        note=form.cleaned_data["note"], submit=submitting))
    if done:
        messages.success(request, f"{agency.name}'s figures for {quarter.label} "
                                  + ("submitted." if submitting else "saved as a draft."))
        return redirect("scrutiny:dataset-return-detail", slug=slug, pk=done.pk)
    return render(request, "scrutiny/dataset/return_form.html", {
        "partnership": partnership, "agency": agency, "quarter": quarter, "form": form,
        "existing": existing, "due_on": quarter.due_on(partnership),
        "back": reverse("scrutiny:dataset-return-list", args=[slug])},
        status=200)


@require_http_methods(["GET", "POST"])
def return_reopen(request, slug, pk):
    user = request.user
    partnership = permissions.partnership_for_dataset(user, slug)
    dataset_return = permissions.dataset_return_for(user, partnership, pk)
    permissions.require_manage_dataset(user, partnership)
    form = bound(ReopenForm, request)
    done = submit(request, form, lambda: services.return_reopen(
        dataset_return=dataset_return, user=user, reason=form.cleaned_data["reason"]))
    if done:
        messages.success(request, f"{dataset_return.agency.name}'s return reopened.")
        return redirect("scrutiny:dataset-return-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Reopen {dataset_return.agency.name}'s return for "
                 f"{dataset_return.quarter.label}",
        "caption": "Multi-agency dataset", "button": "Reopen the return",
        "back": reverse("scrutiny:dataset-return-detail", args=[slug, pk])})
