"""/p/<slug>/reviews/themes/...: the partnership's learning themes and the themes report
across reviews and years (on screen with a chart, and as CSV).

Readers see; the business unit adds, renames and retires themes (403 for other readers);
anyone else gets 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership import charts, exports
from partnership.lists import plain_page
from partnership.models import AccessEvent
from partnership.services.audit import access_event_record
from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_practice as selectors
from ..forms.recommendations import ThemeEditForm, ThemeForm
from ..models import LearningTheme
from ..services import taxonomy


@require_GET
def theme_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    taxonomy.ensure_defaults(partnership)
    page, query = plain_page(request, permissions.themes_for(request.user, partnership)
                             .order_by("-active", "name", "pk"))
    return render(request, "reviews/themes/list.html", {
        "partnership": partnership, "page": page, "query": query,
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def theme_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(ThemeForm, request)
    theme = submit(request, form, lambda: taxonomy.theme_create(partnership=partnership,
                                                                **form.cleaned_data))
    if theme:
        messages.success(request, f"Theme '{theme.name}' added.")
        return redirect("reviews:theme-list", slug=slug)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a learning theme",
        "caption": "Learning themes", "button": "Add the theme",
        "back": reverse("reviews:theme-list", args=[slug])})


@require_http_methods(["GET", "POST"])
def theme_edit(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    try:
        theme = permissions.themes_for(request.user, partnership).get(pk=pk)
    except LearningTheme.DoesNotExist:
        raise Http404("No such theme") from None
    permissions.require_manage(request.user, partnership)
    form = bound(ThemeEditForm, request, initial={"name": theme.name, "active": theme.active})
    if submit(request, form, lambda: taxonomy.theme_update(theme=theme, **form.cleaned_data)):
        messages.success(request, f"Theme '{theme.name}' saved.")
        return redirect("reviews:theme-list", slug=slug)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change the theme '{theme.name}'",
        "caption": "Learning themes", "button": "Save",
        "back": reverse("reviews:theme-list", args=[slug])})


@require_GET
def theme_report(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    report = selectors.theme_report(partnership)
    chart = charts.bar_chart(
        "Notifications, rapid reviews, practice reviews and recommendations by learning theme, "
        "all years",
        [(row.theme.name, row.total.values) for row in report.rows],
        list(selectors.MEASURE_LABELS))
    return render(request, "reviews/themes/report.html", {
        "partnership": partnership, "report": report, "chart": chart,
        "measures": selectors.MEASURE_LABELS})


@require_GET
def theme_report_csv(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    report = selectors.theme_report(partnership)
    access_event_record(user=request.user, obj=partnership, partnership=partnership,
                        action=AccessEvent.Action.EXPORT, path=request.path)
    return exports.csv_stream(selectors.theme_report_rows(report),
                                f"{partnership.slug}-learning-themes.csv")
