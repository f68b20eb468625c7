"""A list page's rows a page at a time, filtered on the server: every HTML list of the
portal shows at most `settings.LIST_PAGE_SIZE` rows, whatever the number of rows behind it,
with the count and the GOV.UK pagination (templates/includes/pagination.html) that keeps
the filters in its links."""

from django.conf import settings
from django.core.paginator import Paginator


def page_number(request):
    """?page= as a number: 1 for anything that is not a positive whole number (a page past
    the last gives the last, by Paginator.get_page)."""
    raw = request.GET.get("page", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 and int(raw) else 1


def page_of(request, rows, per_page=None):
    """The page of `rows` the request asks for (`?page=`, page_number)."""
    return Paginator(rows, per_page or settings.LIST_PAGE_SIZE).get_page(page_number(request))


def filtered_page(request, filters, per_page=None):
    """A django-filter FilterSet's page of rows, or None when its filters are not valid
    (the page then shows the form's errors and no rows), with the query string of the
    filters for the pagination links, defaults the FilterSet chose included (the same rows
    on the next page): (page, query)."""
    page = None
    if not filters.is_bound or filters.is_valid():
        page = page_of(request, filters.qs, per_page)
    return page, query_without_page(filters.data if filters.is_bound else request.GET)


def query_without_page(data):
    query = data.copy()
    query.pop("page", None)
    return query.urlencode()


def plain_page(request, rows):
    """(page, query) for a list without filters: the page of `rows` (a queryset, in order)
    asked for by ?page=, and the rest of the query string for the pagination links."""
    return page_of(request, rows), query_without_page(request.GET)
