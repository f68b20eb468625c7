from .celery import app as celery_app
from .observability import task_signals  # noqa: F401 - connects Celery's signals (request id, metrics)

__all__ = ("celery_app",)
