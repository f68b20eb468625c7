from partnership.current import current_partnership

from . import permissions


def reviews(request):
    """Whether to show Case reviews in the navigation: for their readers, and for agency
    leads with summaries to write."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    if partnership is None:
        return {}
    reads = permissions.can_view(user, partnership)
    return {"reads_reviews": reads,
            "show_reviews": reads or permissions.sees_any(user, partnership)}
