from partnership.current import current_partnership

from . import permissions


def funding(request):
    """Whether to show Funding in the navigation (one or two queries per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    return {"can_view_funding": partnership is not None
            and permissions.can_view_any(user, partnership)}
