"""{% timeout_warning %}: the GOV.UK timeout warning's dialog for a signed-in page
(static/js/timeout-warning.js opens it SESSION_TIMEOUT_WARNING seconds before the session
times out). Without JavaScript it never opens: the person is signed out at the timeout."""

from django import template
from django.conf import settings

from ..services.sessions import session_seconds_left

register = template.Library()


@register.inclusion_tag("includes/timeout_warning.html", takes_context=True)
def timeout_warning(context):
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return {"off": True}
    return {"seconds_left": session_seconds_left(request),
            "warning_seconds": min(settings.SESSION_TIMEOUT_WARNING, settings.SESSION_COOKIE_AGE),
            "warning_minutes": max(1, round(settings.SESSION_TIMEOUT_WARNING / 60))}
