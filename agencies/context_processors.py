from partnership.current import current_partnership

from . import permissions


def section11(request):
    """Whether to show Section 11 in the navigation: for partnership roles and for agency
    staff whose agency has been asked for a return."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    return {"show_section11": partnership is not None
            and permissions.sees_any(user, partnership)}
