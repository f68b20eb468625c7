"""Observability: structured logs with the request id (logs.py, middleware.py, task_signals.py),
error reports to a Sentry-compatible service (sentry.py) and Prometheus metrics at /metrics
(metrics.py). Settings call the functions here; nothing is imported at package level."""
