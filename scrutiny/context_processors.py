from partnership.current import current_partnership

from . import permissions


def scrutiny(request):
    """Whether to show Scrutiny and the yearly report in the navigation (for its readers), or
    the agency's dataset returns (for agency staff who see them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership, _ = current_partnership(request)
    if partnership is None:
        return {}
    if permissions.can_view(user, partnership):
        return {"reads_scrutiny": True}
    return {"reports_dataset": permissions.own_dataset_agencies(user, partnership).exists()}
