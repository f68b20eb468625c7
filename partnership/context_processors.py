from django.conf import settings

from .current import current_partnership


def portal(request):
    context = {"service_name": settings.SERVICE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        current, choices = current_partnership(request)
        context.update(current_partnership=current, partnership_choices=choices)
    return context
