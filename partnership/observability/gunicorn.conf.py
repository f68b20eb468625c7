"""gunicorn's own log lines (its error log and its access log) in the portal's format: JSON when
LOG_FORMAT=json (the default with PRODUCTION=True), text otherwise. An access line names the
method, the path without its query string, the status, the size, the time taken in ms and the
request id; no client address, query string or referrer (they may carry personal data).

Also prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set: the directory
is emptied at start and a dead worker's files are marked (observability/metrics.py).

Use: gunicorn --config partnership/observability/gunicorn.conf.py partnership.wsgi ...
"""

import os
import sys
from pathlib import Path

import environ

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, whatever the cwd

from partnership.observability import logs  # noqa: E402

env = environ.Env()
log_format = env.str("LOG_FORMAT", default="json" if env.bool("PRODUCTION", default=False) else "text")
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms %({x-request-id}o)s"
portal = logs.logging_config(log_format, "INFO")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": portal["filters"],
    "formatters": portal["formatters"],
    "handlers": {
        "access": {"class": "logging.StreamHandler", "formatter": log_format,
                   "filters": ["context"], "stream": "ext://sys.stdout"},
        "error": {"class": "logging.StreamHandler", "formatter": log_format,
                  "filters": ["context"], "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
# gunicorn's defaults would add a root handler of its own (Django's LOGGING sets the root's).
logconfig_dict["root"] = {"level": "INFO", "handlers": []}

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):
    if MULTIPROC_DIR:
        directory = Path(MULTIPROC_DIR)
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
