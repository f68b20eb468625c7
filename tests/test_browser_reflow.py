"""In Chromium at 320 CSS px wide (WCAG 2.2 1.4.10 Reflow): no page scrolls sideways, for
every kind of page the cast's people see (issue 17, defect 7).

The pages come from the role x route matrix (tests/pages.py): every HTML route each viewer
may open, at the URL of its first matrix case, so routes other areas add are checked with no
change here. Each route is opened by the first of VIEWERS who may open it: the police's agency
lead first (their agency serves two partnerships, so every page of theirs has the
partnership switcher), then an agency lead, the scrutineer, a lead partner and the business
unit. Wide tables and charts scroll inside their own region (.app-table-wrap), which is
allowed; the page itself may not be wider than the window.
tests/test_browser_axe.py opens the same pages at desktop width and runs axe-core."""

from django.conf import settings
from django.test import Client

from . import cast as cast_module
from .pages import allowed_cases, allowed_urls
from .test_browser import pytestmark

__all__ = ["pytestmark"]

VIEWERS = ("lead_police", "lead_a", "scrutineer", "lsp", "bu_manager")
NARROW = {"width": 320, "height": 720}

# The outermost elements that stick out of the window (those whose parent does not), leaving
# out what scrolls inside a region of its own: what makes the page wider than the window.
OVERFLOW = """() => {
  const width = window.innerWidth + 0.5;
  const scrolls = el => el.parentElement.closest('.app-table-wrap') !== null;
  const out = [...document.body.querySelectorAll('*')].filter(el =>
    el.getBoundingClientRect().right > width && !scrolls(el)
    && el.parentElement.getBoundingClientRect().right <= width);
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' ' + Math.round(el.getBoundingClientRect().right) + 'px';
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
          culprits: out.slice(0, 5).map(name)};
}"""


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def pages_for(cast, who):
    """{route: URL}: the routes `who` may open that no viewer before them in VIEWERS may (the
    browser leaves out those that are files)."""
    earlier = set()
    for viewer in VIEWERS[:VIEWERS.index(who)]:
        earlier |= set(allowed_cases(viewer))
    return {route: url for route, url in allowed_urls(cast, who).items() if route not in earlier}


def browser_page(browser, live_server, client, viewport):
    """A page in a context of its own at this size, signed in with the client's session."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context, context.new_page()


def check_pages(browser, live_server, who, viewport, check):
    """Opens each of `who`'s pages (pages_for) at this size: (the routes opened, check(page)'s
    complaints, one line per page that has any)."""
    cast = cast_module.build()
    routes = pages_for(cast, who)
    context, page = browser_page(browser, live_server, signed_in(cast.users[who]), viewport)
    complaints, pages = [], []
    try:
        for route, url in sorted(routes.items()):
            head = context.request.get(live_server.url + url)  # the page's cookies
            if not head.headers.get("content-type", "").startswith("text/html"):
                continue  # a file, not a page
            pages.append(route)
            response = page.goto(live_server.url + url)
            found = check(page) if response.status == 200 else f"answered {response.status}"
            if found:
                complaints.append(f"{route} {url}: {found}")
    finally:
        context.close()
    return pages, complaints


def too_wide(page):
    found = page.evaluate(OVERFLOW)
    if found["scroll"] > found["width"]:
        return f"{found['scroll']}px wide, because of {found['culprits']}"
    return None


def test_the_police_lead_s_pages_reflow_at_320px(browser, live_server):
    """Every page of theirs has the partnership switcher (P1 and P2), except the public
    site's."""
    def switcher_and_width(page):
        signed_in_layout = page.get_by_role("button", name="Sign out").count() == 1
        if signed_in_layout and page.locator("#switch-partnership").count() != 1:
            return "no partnership switcher"
        return too_wide(page)

    pages, complaints = check_pages(browser, live_server, "lead_police", NARROW,
                                    switcher_and_width)
    assert not complaints, "\n".join(complaints)


def test_the_agency_lead_s_pages_reflow_at_320px(browser, live_server):
    reflows(browser, live_server, "lead_a")


def test_the_scrutineer_s_pages_reflow_at_320px(browser, live_server):
    reflows(browser, live_server, "scrutineer")


def test_the_lead_partner_s_pages_reflow_at_320px(browser, live_server):
    reflows(browser, live_server, "lsp")


def test_the_business_unit_s_pages_reflow_at_320px(browser, live_server):
    reflows(browser, live_server, "bu_manager")


def reflows(browser, live_server, who):
    pages, complaints = check_pages(browser, live_server, who, NARROW, too_wide)
    assert not complaints, f"{who}'s pages wider than 320px ({len(complaints)} of " \
        f"{len(pages)}):\n" + "\n".join(complaints)
