from partnership.current import current_partnership

from . import permissions


def governance(request):
    """Whether to show the partnership's groups, priorities and reports in the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    return {"can_view_governance": partnership is not None
            and permissions.can_view_governance(user, partnership)}
