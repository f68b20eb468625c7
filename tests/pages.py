"""The pages each person of the cast may open, read from the role x route matrix
(tests/test_matrix.py's CASES, so routes other areas add are picked up with no change here).

A page is a route the matrix expects to answer 200 to that person's GET, that is not an API
route and that answers HTML (downloads, feeds and JSON are files, not pages). The first such
case of a route gives its URL. Used by the reachability crawl (tests/test_reachability.py)
and the browser's reflow and axe-core checks (tests/test_browser_reflow.py)."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.urls import reverse

from partnership.errors import DomainError

from .test_matrix import CASES


def is_api(name):
    return name.rsplit(":", 1)[-1].startswith("api-")


def is_public(case):
    """A page anyone may open signed out (sign-in, password reset, the public site)."""
    return case.expected.get("anon") == 200


def allowed_cases(who, public=True):
    """{route: its GET cases answering 200 to `who`}, API routes left out (and public
    pages, with public=False)."""
    found = {}
    for case in CASES:
        if case.method == "get" and not case.json and not is_api(case.name) \
                and case.expected.get(who) == 200 and (public or not is_public(case)):
            found.setdefault(case.name, []).append(case)
    return found


def _url(case, cast):
    """The case's URL, or None when its kwargs cannot make their record in this cast: the
    matrix runs each case on a fresh cast, and another case may have made it already (the
    cast's attributes are put back as they were, with the database)."""
    attributes = dict(cast.__dict__)
    try:
        with transaction.atomic():
            kwargs = case.kwargs(cast) if case.kwargs else {}
            data = case.data(cast) if callable(case.data) else case.data
    except (DomainError, IntegrityError):
        cast.__dict__.clear()
        cast.__dict__.update(attributes)
        return None
    url = reverse(case.name, kwargs=kwargs) + case.query.format(p1=cast.p1.pk)
    if data:  # a GET's data is its query string, as the test client sends it
        url += ("&" if "?" in url else "?") + urlencode(data, doseq=True)
    return url


def allowed_urls(cast, who, public=True):
    """{route: URL} for the routes allowed_cases gives, each the URL of the first of its
    cases that can be made in this cast, made in the matrix's order (so that the records
    the cases make are there for whoever looks for them)."""
    urls = {}
    for route, cases in allowed_cases(who, public).items():
        for case in cases:
            urls[route] = _url(case, cast)
            if urls[route] is not None:
                break
        else:
            raise AssertionError(f"no case of {route} can be made in one cast")
    return urls


def answers_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("Content-Type", "").startswith("text/html")
