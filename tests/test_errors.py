"""Domain errors are types, mapped once (issue 12, item 2): services raise the types of
partnership/errors.py; the API answers each as JSON from one exception handler (400 with
field errors, 409 with the current version, 403, 404, and a JSON 500 for anything
unexpected); the HTML pages show a refusal in their error summary and change nothing. No
module matches an error by its message text or catches ValidationError by hand."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from agencies.models import Answer, Return
from agencies.services import returns
from partnership.api.errors import SERVER_ERROR
from partnership.errors import Conflict, Forbidden, Incomplete, Invalid, NotFound, WrongState
from scrutiny.models import Challenge, ConsultationAnswer, DatasetReturn
from scrutiny.services import challenges, consultations, dataset

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
APPS = ("agencies", "funding", "governance", "partnership", "reviews", "scrutiny", "arrangements")


def post_json(client, name, data=None, method="post", **kwargs):
    return getattr(client, method)(reverse(name, kwargs=kwargs or None), data or {},
                                   content_type="application/json")


def is_json(response):
    return response["Content-Type"].startswith("application/json")


# --- The API: stale versions are 409 with the current one --------------------------------

def test_a_stale_section_11_save_is_409_with_the_current_version(cast, client_for):
    standard = cast.s11_template.standards.get(number="2")
    started_from = Return.objects.get(pk=cast.return_a.pk).version
    body = {"standard_id": standard.pk, "rating": 3, "narrative": "First"}
    saved = post_json(client_for(cast.lead_a), "s11:api-return-answers",
                      {**body, "version": started_from}, pk=cast.return_a.pk)
    assert saved.status_code == 201, saved.content
    stale = post_json(client_for(cast.contributor_a), "s11:api-return-answers",
                      {**body, "narrative": "Second", "version": started_from},
                      pk=cast.return_a.pk)
    assert stale.status_code == 409 and is_json(stale)
    assert stale.json() == {"detail": returns.CONFLICT, "version": started_from + 1}
    assert Answer.objects.get(assessment=cast.return_a, standard=standard).narrative == "First"


def test_a_stale_dataset_save_is_409_with_the_current_version(cast, client_for):
    client = client_for(cast.lead_police)
    current = DatasetReturn.objects.get(pk=cast.dataset_police.pk).version
    stale = post_json(client, "scrutiny:api-dataset-return-detail", {
        "version": current - 1, "values": [{"measure": cast.measure_referrals.pk, "value": "3"}]},
        method="patch", pk=cast.dataset_police.pk)
    assert stale.status_code == 409 and is_json(stale)
    assert stale.json() == {"detail": dataset.CONFLICT, "version": current}
    assert DatasetReturn.objects.get(pk=cast.dataset_police.pk).version == current
    # A return nobody has started is at version 0.
    new = post_json(client, "scrutiny:api-dataset-return-list", {
        "partnership": cast.p1.pk, "agency": cast.police.pk, "period_start": "2025-07-01",
        "version": 4})
    assert new.status_code == 409 and new.json() == {"detail": dataset.CONFLICT, "version": 0}
    assert not DatasetReturn.objects.filter(agency=cast.police, period_start="2025-07-01").exists()


def test_a_stale_consultation_answer_is_a_conflict_with_the_current_version(cast, client_for):
    """Consultations have no API: the service says Conflict with the current version, and
    the page shows the message and saves nothing."""
    response = cast.response_police
    with pytest.raises(Conflict) as refused:
        consultations.response_save(response=response, user=cast.lead_police, version=5,
                                    answers={cast.question_text.pk: "Stale"})
    assert refused.value.current == response.version == 0
    assert refused.value.messages == [consultations.CONFLICT]
    page = client_for(cast.lead_police).post(
        reverse("scrutiny:consultation-respond", args=["p1", cast.consultation1.pk, cast.police.pk]),
        {"version": "5", f"question_{cast.question_text.pk}": "Stale"})
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert consultations.CONFLICT[:40] in page.content.decode()
    assert not ConsultationAnswer.objects.filter(response=response).exists()


# --- The API: the other kinds --------------------------------------------------------------

def test_a_step_the_state_refuses_is_400_json(cast, client_for):
    with pytest.raises(WrongState):
        challenges.challenge_close(challenge=cast.challenge_police, user=cast.scrutineer)
    response = post_json(client_for(cast.scrutineer), "scrutiny:api-challenge-close",
                         pk=cast.challenge_police.pk)
    assert response.status_code == 400 and is_json(response)
    assert response.json() == ["Record a judgement before closing the challenge"]
    assert Challenge.objects.get(pk=cast.challenge_police.pk).state == "raised"


@pytest.mark.parametrize("error,status,body", [
    (Invalid({"text": ["Enter the reasons"]}), 400, {"text": ["Enter the reasons"]}),
    (WrongState("The challenge is already closed"), 400, ["The challenge is already closed"]),
    (Conflict("Someone else saved it", current=7), 409,
     {"detail": "Someone else saved it", "version": 7}),
    (Forbidden("Not yours to close"), 403, {"detail": "Not yours to close"}),
    (NotFound("No such challenge"), 404, {"detail": "No such challenge"}),
    (RuntimeError("a bug"), 500, {"detail": SERVER_ERROR}),
])
def test_the_one_handler_answers_every_error_as_json(cast, client_for, monkeypatch, error,
                                                      status, body):
    def refuse(**kwargs):
        raise error

    monkeypatch.setattr(challenges, "challenge_close", refuse)
    client = client_for(cast.scrutineer)
    client.raise_request_exception = False  # a 500 is the answer, not the test's failure
    response = post_json(client, "scrutiny:api-challenge-close", pk=cast.challenge_police.pk)
    assert response.status_code == status and is_json(response)
    assert response.json() == body
    assert Challenge.objects.get(pk=cast.challenge_police.pk).state == "raised"


# --- The HTML pages ------------------------------------------------------------------------

def test_a_refused_step_shows_the_error_summary_and_changes_nothing(cast, client_for):
    close = reverse("scrutiny:challenge-close", kwargs={"slug": "p1",
                                                        "pk": cast.challenge_police.pk})
    response = client_for(cast.scrutineer).post(close)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Record a judgement before closing the challenge" in page
    assert Challenge.objects.get(pk=cast.challenge_police.pk).state == "raised"


def test_a_stale_submit_lists_the_conflict_and_submits_nothing(cast, client_for):
    address = reverse("s11:submit", kwargs={"slug": "p1", "pk": cast.return_a.pk})
    version = Return.objects.get(pk=cast.return_a.pk).version
    response = client_for(cast.lead_a).post(address, {"version": version + 1})
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200 and "There is a problem" in page
    assert returns.CONFLICT in page
    assert Return.objects.get(pk=cast.return_a.pk).status == "draft"


def test_an_incomplete_return_names_each_missing_item_with_where_to_fix_it(cast):
    with pytest.raises(Incomplete) as refused:
        returns.submit(assessment=cast.return_a, user=cast.lead_a,
                       version=Return.objects.get(pk=cast.return_a.pk).version)
    items = refused.value.items
    assert [(i.anchor, i.message) for i in items] == returns.missing(cast.return_a)
    assert {i.step for i in items} == {"answer", "plan"}
    assert refused.value.messages == [i.message for i in items]


# --- No module matches errors by hand ------------------------------------------------------

# The only places a ValidationError is caught: the domain errors, the API's exception
# handler and the HTML views' helper. No form's clean method needs to catch one.
# partnership/forms/mfa.py rewords django-allauth's own second-factor errors in the portal's words.
MAPPERS = {"partnership/errors.py", "partnership/api/errors.py", "partnership/views/common.py",
           "partnership/forms/mfa.py"}
FORM_CLEAN_METHODS = set()  # (path, method) pairs allowed to catch one: none today


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def _names(node):
    if isinstance(node, ast.Tuple):
        return set().union(*(_names(element) for element in node.elts))
    if isinstance(node, ast.Attribute):
        return {node.attr}
    if isinstance(node, ast.Name):
        return {node.id}
    return set()


def _handlers(tree):
    """(enclosing function name or None, except handler) for every handler in the module."""
    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from walk(child, child.name)
            else:
                if isinstance(child, ast.ExceptHandler):
                    yield function, child
                yield from walk(child, function)
    return walk(tree, None)


def test_no_module_catches_validation_errors_by_hand():
    found = [f"{path}:{handler.lineno}"
             for path, tree in app_modules() if path not in MAPPERS
             for function, handler in _handlers(tree)
             if _names(handler.type) & {"ValidationError", "DjangoValidationError"}
             and (path, function) not in FORM_CLEAN_METHODS]
    assert found == []


def test_no_module_matches_an_error_by_its_message_text():
    found = []
    for path, tree in app_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                if any(isinstance(o, ast.Attribute) and o.attr in ("messages", "message")
                       for o in operands):
                    found.append(f"{path}:{node.lineno}")
    assert found == []
