"""A list page's rows a page at a time: a django-filter FilterSet's rows, paginated with
Django's Paginator (LIST_PAGE_SIZE rows a page, 50 by default), and the query string the
pagination links keep (the filters, without the page)."""

from django.conf import settings
from django.core.paginator import Paginator


def page_size():
    return getattr(settings, "LIST_PAGE_SIZE", 50)


def page_number(request):
    """?page= as a number: 1 for anything that is not a positive whole number (a later
    page than the last is the last, by Paginator.get_page)."""
    raw = request.GET.get("page", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 and int(raw) else 1


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def filtered_page(request, filters):
    """(page, query): the page of the FilterSet's rows asked for by ?page= (page_number),
    or None when a filter's value
    is not valid (its form then carries the error); `query` is the filters' query string."""
    page = None
    if not filters.is_bound or filters.is_valid():
        page = Paginator(filters.qs, page_size()).get_page(page_number(request))
    return page, query_without_page(request)


def plain_page(request, rows):
    """(page, query) for a list without filters: the page of `rows` (a queryset, in order)
    asked for by ?page= (page_number)."""
    return Paginator(rows, page_size()).get_page(page_number(request)), query_without_page(
        request)
