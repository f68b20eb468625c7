"""The partnership a person is working in. People in several partnerships switch
between them; the choice is kept in the session."""

from . import permissions

SESSION_KEY = "partnership_slug"


def current_partnership(request):
    """(current partnership or None, every partnership the user can see), cached on the
    request so a page asks the database once."""
    if not hasattr(request, "_partnerships"):
        choices = list(permissions.partnerships_for(request.user).only("name", "slug", "short_name"))
        slug = request.session.get(SESSION_KEY)
        current = next((p for p in choices if p.slug == slug), choices[0] if choices else None)
        request._partnerships = (current, choices)
    return request._partnerships


def remember(request, partnership):
    request.session[SESSION_KEY] = partnership.slug
    if hasattr(request, "_partnerships"):
        del request._partnerships
