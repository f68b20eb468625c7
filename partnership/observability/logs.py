"""Log lines: JSON in production (LOG_FORMAT=json), a readable text line otherwise. Every line
carries the request id (django-guid's, which follows a request into the tasks it queues:
task_signals.py) and the signed-in user's id, never a name, an e-mail address or case data."""

import contextvars
from datetime import UTC, datetime

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# The primary key of the user signed in to the current request (middleware.user_id).
current_user_id = contextvars.ContextVar("current_user_id", default=None)

FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [request %(request_id)s user %(user_id)s] %(message)s"
# Record attributes that some libraries log as `extra` and that may hold personal data: the
# request (its repr has the query string) and SQL with its parameters.
NEVER_LOGGED = ("request", "sql", "params")
TASK_VALUES = ("args", "kwargs", "return_value")
# What a gunicorn access line carries, from its atoms (observability/gunicorn.conf.py).
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "M": "duration_ms",
                 "{x-request-id}o": "request_id"}


class ContextFilter:
    """Adds request_id and user_id to every record a handler sees."""

    def filter(self, record):
        from django_guid import get_guid

        if getattr(record, "request_id", None) is None:
            record.request_id = get_guid()
        if getattr(record, "user_id", None) is None:
            record.user_id = current_user_id.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line: time (ISO 8601, UTC), level, logger, message, request_id, user_id,
    the traceback of an exception, and any other `extra` a logger passes (NEVER_LOGGED aside)."""

    def __init__(self, **kwargs):
        super().__init__(
            "{asctime}{levelname}{name}{message}{request_id}{user_id}", style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger",
                           "exc_info": "traceback"},
            reserved_attrs=[*RESERVED_ATTRS, *NEVER_LOGGED], **kwargs)

    def formatTime(self, record, datefmt=None):
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        data = log_data.get("data")
        if isinstance(data, dict):  # Celery's "Task ... succeeded" line: no arguments or result
            log_data["data"] = {k: v for k, v in data.items() if k not in TASK_VALUES}
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, field in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-"):
                    log_data[field] = value


def logging_config(log_format, level):
    """The LOGGING setting: one console handler on the root logger, in `log_format`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"format": TEXT_FORMAT},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format,
                                 "filters": ["context"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (a second console line in DEBUG, mail to ADMINS) give way
            # to the root's: each record is one line, in one format.
            "django": {"handlers": [], "level": "INFO"},
            "axes": {"level": "WARNING"},
            "django_guid": {"level": "WARNING"},  # a line a request at INFO
        },
    }
