"""The one place API errors become responses (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Every error answers JSON: a domain `Invalid` (or a model's `ValidationError`) is 400 with its
field errors (`Incomplete` with `missing`, everything still to do), `Conflict` is 409 with
the current version, `Unavailable` is 503 (try again later), `NotFound`/`Forbidden` are
DRF's 404/403, and anything unexpected is a JSON 500 (reported like any other server error).
An error response never commits what the request's transaction wrote.

The root URLconf's handlers answer JSON under /api/ too, for what fails before DRF sees the
request: `page_not_found` (handler404: a path no route matches, `/api/actions/x/`, answers the
same JSON 404 as a record that does not exist), `bad_request` (handler400: a body Django cannot
read, such as multipart without a boundary) and `server_error` (handler500).

A service the portal stands on being down (the database, the cache, the broker:
`partnership.errors.OUTAGES`) is 503 with Retry-After, JSON or page, never 500."""

import logging
import sys

from django.core import signals
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from ..errors import OUTAGES, Conflict, Incomplete, Unavailable

logger = logging.getLogger("partnership.api")

OUTAGE = "Part of the service is not answering just now. Nothing was changed: try again in a few minutes."
SERVER_ERROR = ("Something went wrong on our side. Try again later; if it keeps happening, "
                "tell your partnership's business unit.")


def as_drf(error):
    """A Django/domain ValidationError as DRF's (400 with the field errors)."""
    return exceptions.ValidationError(getattr(error, "message_dict", None) or error.messages)


def exception_handler(exc, context):
    if isinstance(exc, Conflict):
        set_rollback()
        return Response({"detail": " ".join(exc.messages), "version": exc.current},
                        status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Incomplete):
        set_rollback()
        return Response({"detail": exc.detail, "missing": exc.messages},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Unavailable):
        set_rollback()
        return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": "60"})
    if isinstance(exc, OUTAGES):
        set_rollback()
        logger.error("A service the API needs is down", exc_info=(type(exc), exc, exc.__traceback__))
        return Response({"detail": OUTAGE}, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": "60"})
    if isinstance(exc, DjangoValidationError):
        exc = as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    set_rollback()
    request = context.get("request")
    logger.error("Unhandled API error", exc_info=(type(exc), exc, exc.__traceback__))
    signals.got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    return Response({"detail": SERVER_ERROR}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)


def _api(request):
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """handler404: JSON under /api/, Django's page (templates/404.html) elsewhere."""
    if _api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400: JSON under /api/, the page (templates/400.html) elsewhere."""
    if _api(request):
        return JsonResponse({"detail": "The request could not be read: send JSON."}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """handler500: JSON under /api/, the page (templates/500.html) elsewhere; 503 (JSON, or
    templates/outage.html) when what failed was a service the portal stands on, even in a
    middleware before any view (the cache, read by the access sync on every request)."""
    if isinstance(sys.exc_info()[1], OUTAGES):
        if _api(request):
            response = JsonResponse({"detail": OUTAGE}, status=503)
        else:
            response = HttpResponse(loader.get_template("outage.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    if _api(request):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    return defaults.server_error(request)
