"""API fuzzing (issue 13 item 21): schemathesis generates requests for every operation of the
OpenAPI document the app serves (/api/schema/), all methods, valid and invalid, and checks each
answer against that document: never a 5xx (`not_a_server_error`), a status code and content
type it documents, a body matching the documented schema (`response_schema_conformance`), and
an operation that needs authentication refuses a request without it or with a wrong token
(`ignored_auth`).

It runs in process (schemathesis's WSGI transport against Django's WSGI application) on the test
database with the cast, as the business unit manager and as an agency lead (API tokens made
by the service). Each example runs in a savepoint rolled back after it, so what one write
changes never reaches the next example (a DELETE of the token itself included). Hypothesis
is bounded and derandomized: the same examples on every run.

Marker `fuzz`: it runs only when selected (`-m fuzz`) or with FUZZ=1, and CI runs it as its own
step: `make test ARGS='-q -n0 -m fuzz'`.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis import checks

from partnership.services import api_tokens

pytestmark = pytest.mark.fuzz

IDENTITIES = ("bu_manager", "lead_a")  # the business unit manager; an agency lead
# Per operation and identity, in the fuzzing phase (the examples and coverage phases add their
# own few): about 1.5 minutes for the module on 2 cores. FUZZ_MAX_EXAMPLES=100 goes deeper.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.ignored_auth,
]


def fuzz_selected(config):
    """Selected by `-m` naming the marker (not `not fuzz`), or by FUZZ=1."""
    expression = config.option.markexpr or ""
    named = "fuzz" in expression.replace("not fuzz", "")
    return os.environ.get("FUZZ") == "1" or named


@pytest.fixture
def in_process_app():
    """Django's WSGI application, called in this thread: its requests see the test's
    transaction. As Django's own test client does, a request must not close the connection
    (request_started/finished would drop it in the middle of the test's transaction)."""
    from partnership.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def selected(request):
    """Skips, before the cast is built, unless the run selects the module."""
    if not fuzz_selected(request.config):
        pytest.skip("API fuzzing runs only when selected: -m fuzz (or FUZZ=1)")


@pytest.fixture(params=IDENTITIES)
def identity(request, cast):
    _, key = api_tokens.token_create(user=cast.users[request.param])
    return {"Authorization": f"Token {key}"}


@pytest.fixture
def api_schema(request, in_process_app, identity):
    # schemathesis 4.32's lazy loader reads and writes `node._nodeid`, which pytest 9.2 no
    # longer has (its node ids are `node.nodeid`, read-only): give it the attribute it expects.
    request.node._nodeid = request.node.nodeid
    return schemathesis.openapi.from_wsgi("/api/schema/", in_process_app, headers=identity)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_agrees_with_its_schema(case, identity):
    with transaction.atomic():
        try:
            case.call_and_validate(headers=identity, checks=CHECKS)
        finally:
            transaction.set_rollback(True)
