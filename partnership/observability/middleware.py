"""The request's context for log lines: its request id and its user's id.

`request_id` goes first in MIDDLEWARE, before django-guid's middleware: it drops an incoming
X-Request-ID that is not a sane token (django-guid then makes one, and returns it in the
response's X-Request-ID), and clears the id when the response leaves, so that nothing logged
between requests carries the last one's. `user_id` goes after AuthenticationMiddleware."""

import re

from django_guid import clear_guid

from .logs import current_user_id

HEADER = "HTTP_X_REQUEST_ID"
SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")


def request_id(get_response):
    def middleware(request):
        given = request.META.get(HEADER)
        if given is not None and not SANE.fullmatch(given):
            del request.META[HEADER]
        try:
            return get_response(request)
        finally:
            clear_guid()

    return middleware


def user_id(get_response):
    def middleware(request):
        user = request.user
        token = current_user_id.set(user.pk if user.is_authenticated else None)
        try:
            return get_response(request)
        finally:
            current_user_id.reset(token)

    return middleware
