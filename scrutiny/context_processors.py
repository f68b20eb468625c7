from partnership.current import current_partnership

from . import permissions


def scrutiny(request):
    """Whether to show Scrutiny and the yearly report in the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    if partnership is None:
        return {}
    return {"reads_scrutiny": permissions.can_view(user, partnership)}
