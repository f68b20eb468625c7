"""Every page a person may open is linked from a page they can reach (issue 17, defect 1).

For each person of the cast, the Django test client starts at the home page and follows every
link within the site (<a href> and the action of GET forms), as far as it goes, opening at
most PER_ROUTE different addresses of any one route (a route's pages share one template, so
more of them find no new links). The routes reached are compared with the pages the role x
route matrix lets that person open (tests/pages.py: GET, 200, HTML, not an API route; new
routes join through their matrix_*.py module). What is left out, and why:

- API routes (/api/...): reached by programs, documented at /api/docs/ (linked in the footer);
- files (CSV, Excel, PDF, Word, calendar downloads and feeds): tests/pages.py keeps only routes
  that answer HTML; their links are checked where each download is tested;
- pages anyone may open signed out (the matrix expects 200 for "anon"): the sign-in, password
  reset and invitation pages, where signing out lands, and the partnership's public site,
  which people reach from outside (e-mails, the partnership's own website).

A POST form's action counts as reached (a form's own page shows it again with its errors).
It also checks that no link a person is shown answers a server error.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from .cast import USERS
from .pages import allowed_urls, answers_html

pytestmark = [pytest.mark.django_db, pytest.mark.db_agnostic]

PER_ROUTE = 3
MAX_PAGES = 2500
SKIP_PREFIXES = ("/api/", "/admin/", "/static/", "/media/")
# Why no link leads there, by design: (person, route), or route for everyone.
NOT_LINKED = {
    ("outsider", "governance:calendar-feed"): "someone with no role has no meetings to "
    "subscribe to: their home page tells them to ask for a role",
    # Links that a record's state brings (the templates have them; the cast's records are
    # not in that state):
    "governance:meeting-pack": "the agenda page links to the pack once the agenda is published",
    "governance:meeting-agenda-reopen": "the agenda page offers it once the agenda is published",
    "reviews:panel": "the rapid review links to it once its decision is recorded",
    "arrangements:sign-off": "a draft offers it to a lead partner whose agency has not signed",
    "mfa_list_webauthn": "Sign-in security links it once the person has a passkey or key",
    "person-second-factor-reset": "the people list offers it for someone with a second factor",
    "usersessions_end_others": "Your sessions offers it when the person has another session",
    # Reached by redirect, not by a link: allauth sends people to confirm who they are before
    # they add or remove a second factor.
    "account_reauthenticate": "allauth redirects there before a change to a second factor",
    "mfa_reauthenticate": "allauth redirects there before a change to a second factor",
}


class Links(HTMLParser):
    """A page's links (<a href>, GET forms) and the actions of its POST forms."""

    def __init__(self):
        super().__init__()
        self.found, self.posts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append(attrs["href"])
        elif tag == "form":
            get = (attrs.get("method") or "get").lower() == "get"
            (self.found if get else self.posts).append(attrs.get("action") or "")


def same_site(base, hrefs):
    for href in hrefs:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver") and \
                not parts.path.startswith(SKIP_PREFIXES):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def links(base, html):
    """(the page's same-site links, the same-site actions of its POST forms)"""
    parser = Links()
    parser.feed(html)
    return list(same_site(base, parser.found)), list(same_site(base, parser.posts))


def route_of(path):
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def crawl(client):
    """{route: first URL reached}, and the links that answered a server error."""
    reached, errors, seen, per_route = {}, [], {"/"}, Counter()
    queue = deque([("/", "")])
    while queue and len(seen) <= MAX_PAGES:
        url, came_from = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{url} (linked from {came_from}): {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        route = route_of(url)
        reached.setdefault(route, url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        found, posts = links(url, response.content.decode())
        for action in posts:  # a form's page (shown again with its errors) is reached by it
            reached.setdefault(route_of(action), action)
        for link in found:
            target = route_of(link)
            if link in seen or target is None or per_route[target] >= PER_ROUTE:
                continue
            seen.add(link)
            per_route[target] += 1
            queue.append((link, url))
    return reached, errors


PEOPLE = [who for who in USERS if who != "anon"]


@pytest.mark.parametrize("who", PEOPLE)
def test_every_page_a_person_may_open_is_linked(cast, client_for, who):
    allowed = allowed_urls(cast, who, public=False)  # makes the records the matrix's cases use
    client = client_for(cast.users[who])
    reached, errors = crawl(client)
    assert not errors, f"{who}: links answering a server error:\n" + "\n".join(errors)
    unreached = [f"{route}  e.g. {url}" for route, url in sorted(allowed.items())
                 if route not in reached and route not in NOT_LINKED
                 and (who, route) not in NOT_LINKED
                 and answers_html(client, url)]  # a file is not a page
    assert not unreached, (
        f"{who} may open these pages, but no link from the home page leads there:\n"
        + "\n".join(unreached))
