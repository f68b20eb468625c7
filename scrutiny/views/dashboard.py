"""/p/<slug>/scrutiny/: the scrutiny dashboard for the scrutineer, the partners and the
business unit (figures with their RAG status, charts drawn as SVG with their tables, a
period and agency filter), one page per indicator (its definition, trend, target and the
records behind it that the viewer may see) and the business unit's target form.

Who may do what is decided in scrutiny/permissions.py; targets are written through
scrutiny/services/indicators.py; every figure comes from scrutiny/selectors/indicators.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership import periods
from partnership.models.dated import today
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.indicators import DashboardFilterForm, TargetForm
from ..selectors import indicator_charts
from ..selectors import indicator_details as details
from ..selectors import indicators as selectors
from ..selectors.reports import publication_overdue
from ..services import indicators as services


def _filters(request, partnership):
    """(form, period, agency); period is None when the filter has errors."""
    default = periods.containing(today())
    form = DashboardFilterForm(
        request.GET if {"period", "agency", "agency_name"} & set(request.GET) else None,
        agencies=lambda period: selectors.agency_choices(partnership, period.start, period.end),
        default_period=default,
        initial={"period": default.label})
    if not form.is_bound:
        return form, form.default_period, None
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["period"], form.cleaned_data["agency"]


def _query(period, agency):
    return f"?period={period.code}" + (f"&agency={agency.pk}" if agency else "")


@require_GET
def dashboard(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    form, period, agency = _filters(request, partnership)
    last_published_on, overdue = publication_overdue(partnership)
    context = {"partnership": partnership, "form": form, "period": period, "agency": agency,
               "can_set_targets": permissions.can_set_targets(request.user, partnership),
               "last_published_on": last_published_on, "report_overdue": overdue}
    if period is None:
        return render(request, "scrutiny/dashboard/dashboard.html", context, status=400)
    values = selectors.dashboard_values(partnership, period.start, period.end, agency,
                                        request.user)
    own = [v for v in values if v.code in selectors.SPECS]
    context.update({
        "values": values,
        "whole_partnership": [v.name for v in own if not selectors.by_agency(v.code)],
        "charts": indicator_charts.indicator_charts(partnership, period.start, period.end, agency,
                                             values=own),
        "query": _query(period, agency)})
    return render(request, "scrutiny/dashboard/dashboard.html", context)


def _code(code):
    if code not in selectors.SPECS:
        raise Http404("No such indicator")
    return code


@require_GET
def indicator_detail(request, slug, code):
    partnership = permissions.partnership_for_readers(request.user, slug)
    code = _code(code)
    form, period, agency = _filters(request, partnership)
    context = {"partnership": partnership, "form": form, "code": code,
               "name": selectors.SPECS[code][0],
               "can_set_targets": permissions.can_set_targets(request.user, partnership)}
    if period is None:
        return render(request, "scrutiny/dashboard/indicator.html", context, status=400)
    value = next(v for v in selectors.indicators_for(partnership, period.start, period.end,
                                                     agency, request.user) if v.code == code)
    window = selectors.windows(period.start, period.end)[-1]
    context.update({
        "value": value, "period": period, "agency": agency,
        "by_agency": selectors.by_agency(code),
        "chart": indicator_charts.trend_chart(value),
        "records": details.records_for(request.user, partnership, code, window, agency),
        "limit": details.LIMIT, "query": _query(period, agency),
        "raise_url": (reverse("scrutiny:challenge-create", args=[slug])
                      + f"?indicator={code}&period={period.code}"
                      if permissions.can_raise(request.user, partnership) else None)})
    return render(request, "scrutiny/dashboard/indicator.html", context)


@require_http_methods(["GET", "POST"])
def target_edit(request, slug, code):
    partnership = permissions.partnership_for_readers(request.user, slug)
    code = _code(code)
    permissions.require_set_targets(request.user, partnership)
    current = selectors.targets_for(partnership).get(code)
    initial = ({"target": current.target, "amber_margin": current.amber_margin,
                "higher_is_better": "yes" if current.higher_is_better else "no"}
               if current else {"higher_is_better": "yes" if selectors.SPECS[code][4] else "no"})
    form = bound(TargetForm, request, initial=initial)
    back = reverse("scrutiny:indicator", args=[slug, code])
    if submit(request, form, lambda: services.target_set(
            partnership=partnership, code=code, user=request.user, **form.cleaned_data)):
        messages.success(request, f"Target for ‘{selectors.SPECS[code][0]}’ saved.")
        return redirect(back)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "caption": "Scrutiny dashboard",
        "title": f"Set the target for ‘{selectors.SPECS[code][0]}’", "button": "Save the target",
        "back": back})


@require_POST
def target_remove(request, slug, code):
    partnership = permissions.partnership_for_readers(request.user, slug)
    code = _code(code)
    permissions.require_set_targets(request.user, partnership)
    services.target_remove(partnership=partnership, code=code)
    messages.success(request, f"Target for ‘{selectors.SPECS[code][0]}’ removed.")
    return redirect("scrutiny:indicator", slug=slug, code=code)
