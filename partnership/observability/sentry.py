"""Error reports to any Sentry-compatible service, on only when SENTRY_DSN is set.

Nothing personal leaves: sentry-sdk 3 collects no user, cookies, request bodies, query string
values, SQL parameters, task arguments or stack frame variables (`DATA_COLLECTION`, its
replacement for send_default_pii and include_local_variables), and `scrub` removes them again
from each event before it is sent, whatever an integration added: the user is reduced to its
id, the request to its method, URL, query string keys and a few harmless headers, and
`extra`, frame variables and breadcrumb data are dropped. Each event is tagged with the
request id of its log lines."""

from urllib.parse import parse_qsl, urlencode

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from .logs import current_user_id

FILTERED = "[Filtered]"
KEPT_HEADERS = ("accept", "content-length", "content-type", "host", "user-agent", "x-request-id")
DATA_COLLECTION = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {"request": {"mode": "allowlist", "terms": list(KEPT_HEADERS)}},
    "http_bodies": [],
    "url_query_params": {"mode": "allowlist", "terms": []},  # keys kept, values "[Filtered]"
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
}


def init(dsn, *, environment="", release="", traces_sample_rate=0.0, transport=None):
    options = {
        "dsn": dsn,
        "environment": environment or None,
        "release": release or None,
        "traces_sample_rate": traces_sample_rate,
        "integrations": [DjangoIntegration(), CeleryIntegration()],
        "data_collection": DATA_COLLECTION,
        "before_send": scrub,
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)


def scrub(event, hint=None):
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
        query = request.get("query_string")
        if isinstance(query, str) and query:
            request["query_string"] = urlencode(
                [(key, FILTERED) for key, _ in parse_qsl(query, keep_blank_values=True)])
        elif query:
            request.pop("query_string")
    user_id = current_user_id.get()
    event["user"] = {"id": str(user_id)} if user_id is not None else {}
    event.pop("extra", None)
    for exception in (event.get("exception") or {}).get("values") or ():
        for frame in (exception.get("stacktrace") or {}).get("frames") or ():
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values") or ():
        for frame in (thread.get("stacktrace") or {}).get("frames") or ():
            frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs")
    crumbs = breadcrumbs.get("values", ()) if isinstance(breadcrumbs, dict) else breadcrumbs or ()
    for crumb in crumbs:
        crumb.pop("data", None)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):  # a logged error: its template, not the values put in it
        logentry.pop("params", None)
        logentry.pop("formatted", None)
    from django_guid import get_guid

    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
