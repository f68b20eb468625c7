from django.conf import settings

from . import permissions, roles
from .current import current_partnership


def portal(request):
    context = {
        "service_name": settings.SERVICE_NAME,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "reset_link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        current, choices = current_partnership(request)
        context.update(current_partnership=current, partnership_choices=choices,
                       can_view_governance=current is not None
                       and permissions.has_perm(user, roles.VIEW_GOVERNANCE, current))
    return context
