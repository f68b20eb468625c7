"""An agency's portfolio page: everything the agency owes every partnership it serves, soonest
due first, filtered and a page at a time (portfolio/selectors.py says how it stays a
constant number of queries)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partnership.lists import filtered_page

from . import permissions, selectors
from .forms import PortfolioFilter


@require_GET
def portfolio(request, pk):
    agency, kinds = permissions.portfolio_for(request.user, pk)
    filters = PortfolioFilter(request.GET or None, agency=agency, kinds=kinds)
    page, query = filtered_page(request, filters)
    items = selectors.finish(page.object_list, agency) if page is not None else []
    return render(request, "portfolio/portfolio.html", {
        "agency": agency, "form": filters.form, "page": page, "items": items, "query": query,
        "kinds": [selectors.KINDS[k] for k in kinds]})
