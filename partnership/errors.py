"""Domain errors: what a service refuses, as types.

Services raise these; nothing matches an error by its message text. Each type is mapped
once to a response:

- `NotFound` -> 404 and `Forbidden` -> 403: they are Django's `Http404` and
  `PermissionDenied`, so Django (HTML) and DRF (API) already answer them;
- `Invalid` -> 400 with its field errors, and its kinds `WrongState` (the record's state does
  not allow the step) -> 400, `Incomplete` (things still to do before the step) -> 400 with
  the list of them and `Conflict` (the client's version is stale) -> 409 with the current
  version: `partnership.api.errors.exception_handler` for the API,
  `partnership.views.common` for the HTML views (form errors on the field they name, or an
  error summary).

`Unavailable` (a service the step needs, such as the job queue, is down) is 503 with a
message saying to try again; nothing was changed.

`Invalid` is a Django `ValidationError`, so a model's `full_clean()` inside a service and a
form's own checks are mapped the same way.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# What a service the portal stands on raises when it is down or unreachable (the database, the
# cache, the broker): the request is answered 503 with nothing changed, never 500.
OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError, BrokerError)


class DomainError(Exception):
    """Any refusal a service states as a type."""


class NotFound(DomainError, Http404):
    """The record does not exist, or is not the caller's to know of (404)."""


class Forbidden(DomainError, PermissionDenied):
    """The caller may see the record but not take this step (403)."""


class Invalid(DomainError, ValidationError):
    """The input is wrong: a message, a list of them, or a dict of field -> messages (400)."""


class WrongState(Invalid):
    """The record's state does not allow the step (submitting a signed-off return) (400)."""


class Incomplete(Invalid):
    """The record is not complete enough for the step (submitting a return with standards
    still unanswered) (400). `detail` says what was refused; `items` are the things still to
    do, in order, each with its `message` and whatever a page needs to link each to where it
    is fixed."""

    def __init__(self, detail, items):
        self.detail, self.items = detail, list(items)
        super().__init__([item.message for item in self.items])


class Conflict(Invalid):
    """The client's version is stale: someone else saved first (409). `current` is the
    version the client should reload."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


class Unavailable(DomainError):
    """A service the step needs (the job queue) cannot be reached just now; nothing was
    changed and the step can be tried again later (503). The API's exception handler and
    partnership.middleware.UnavailableMiddleware (pages) answer it."""
