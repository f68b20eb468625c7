import functools

from django.conf import settings

from .current import current_partnership
from .selectors.notifications import unread_count


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
                       # counted when a page shows it (base.html's header), once
                       unread_notifications=functools.cache(lambda: unread_count(user)))
    return context
