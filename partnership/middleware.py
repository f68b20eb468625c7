import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .errors import Unavailable
from .services.access import access_sync_due

SIGNED_IN_AT = "signed_in_at"


def remember_sign_in_time(sender, request, user, **kwargs):
    """Connected to user_logged_in in PartnershipConfig.ready()."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


class AbsoluteTimeoutMiddleware:
    """However active they are, people sign in again after SESSION_ABSOLUTE_TIMEOUT
    (12 hours by default). The idle timeout is the session cookie's own age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None or time.time() - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for signed-in people must not be kept by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class AccessSyncMiddleware:
    """A role or designation that ended yesterday grants nothing today, and one that starts
    today grants access today, whatever runs in the background: the first request of each day
    brings the permission rows in line with the dates before any view checks them (one cache
    read per request otherwise; see partnership.services.access.access_sync_due). The health
    probes are left out: they grant nothing, and must answer whatever the cache's state."""

    PROBES = ("/healthz", "/readyz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in self.PROBES:
            access_sync_due()
        return self.get_response(request)


class UnavailableMiddleware:
    """The HTML side of `partnership.errors.Unavailable`: a service the step needed was down,
    nothing was changed, so the page says so with 503 and when to try again (the API's
    exception handler does the same in JSON)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Unavailable):
            return None
        response = render(request, "503.html", {"exception": str(exception)}, status=503)
        response["Retry-After"] = "60"
        return response
