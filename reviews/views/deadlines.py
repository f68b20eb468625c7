"""The deadlines dashboard: what is late and what falls due in the next 10 working days,
for the partnership's review readers (the business unit first of all)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from partnership import permissions as core

from .. import deadlines as selectors
from .. import permissions


@require_GET
def deadline_list(request, slug):
    partnership = core.partnership_for(request.user, slug)
    if not permissions.can_view(request.user, partnership):
        raise Http404("No such page")
    today = timezone.localdate()
    late, soon, later = selectors.grouped(selectors.open_deadlines(partnership, today=today))
    return render(request, "reviews/deadlines/list.html", {
        "partnership": partnership, "today": today, "late": late, "soon": soon,
        "later": later, "soon_days": selectors.SOON_DAYS, "reads_reviews": True})
