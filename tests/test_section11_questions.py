"""Section 11 standards answered question by question (`Standard.rate_questions`): the
template builder's choice (locked once a cycle uses the template), each question's own
rating, narrative and evidence through the services, the pages and the API, with the
return's version check; the standard's rating derived from its questions' (the lowest,
once all are rated) as the analysis, moderation and the action plan rule read it; carrying
answers forward; and standards without the choice keeping their single answer. Also
changing an action plan item, and the success banner in view after adding one."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies import selectors_analysis
from agencies.models import Answer, Evidence, PlanItem, QuestionAnswer, Return, ReturnVersion
from agencies.services import cycles, plan_items, questions, returns, templates
from partnership.errors import Conflict

from .matrix_s11_questions import question_return

pytestmark = pytest.mark.django_db
D = datetime.date


def text(response):
    return html.unescape(response.content.decode())


def version_of(assessment):
    return Return.objects.values_list("version", flat=True).get(pk=assessment.pk)


def save(cast, question, rating, narrative="We do", user=None):
    assessment = question_return(cast)
    return questions.question_answer_save(
        assessment=assessment, question=question, user=user or cast.lead_a,
        version=version_of(assessment), rating=rating, narrative=narrative)


def standard_answer(cast):
    return Answer.objects.get(assessment=question_return(cast), standard=cast.q_standard)


def complete(cast, assessment, user, ratings=None):
    """Every standard answered: question by question where the template says so, with a
    link as evidence for each question (and each standard) that needs one."""
    for standard in assessment.template.standards.prefetch_related("questions"):
        if standard.rate_questions:
            for question in standard.questions.all():
                questions.question_answer_save(
                    assessment=assessment, question=question, user=user,
                    version=version_of(assessment),
                    rating=(ratings or {}).get(question.number, 3), narrative="Met")
                returns.evidence_add(assessment=assessment, standard=standard, question=question,
                                     user=user, version=version_of(assessment), title="Policy",
                                     link="https://a.example/policy")
        else:
            returns.answer_save(assessment=assessment, standard=standard, user=user,
                                version=version_of(assessment), rating=3, narrative="Met")
            returns.evidence_add(assessment=assessment, standard=standard, user=user,
                                 version=version_of(assessment), title="Policy",
                                 link="https://a.example/policy")


# The template builder

def test_the_business_unit_chooses_question_by_question_until_a_cycle_uses_it(cast, client_for):
    template = templates.template_copy(template=cast.s11_template, partnership=cast.p1,
                                       name="P1 by question")
    standard = template.standards.order_by("position").first()
    address = reverse("s11:standard-edit", args=[cast.p1.slug, template.pk, standard.pk])
    data = {"number": standard.number, "title": standard.title, "rate_questions": "on"}
    response = client_for(cast.bu_manager).post(address, data)
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.rate_questions
    page = text(client_for(cast.bu_manager).get(reverse("s11:template",
                                                        args=[cast.p1.slug, template.pk])))
    assert f'id="standard-{standard.pk}-by-question"' in page
    assert "Each question rated on its own" in page
    # A cycle freezes it: the choice can no longer change.
    cycles.cycle_create(partnership=cast.p1, template=template, name="Frozen",
                        opens_on=D(2026, 9, 1), closes_on=D(2026, 12, 1))
    response = client_for(cast.bu_manager).post(address, {**data, "rate_questions": ""})
    assert response.status_code == 200
    assert "make a new version to change it" in text(response)
    standard.refresh_from_db()
    assert standard.rate_questions
    # A new version keeps it.
    later = templates.template_copy(template=template, partnership=cast.p1, new_version=True)
    assert later.standards.get(number=standard.number).rate_questions


# Services

def test_the_standards_rating_is_the_lowest_of_its_questions_once_all_are_rated(cast):
    question_return(cast)
    first, second = cast.q_questions
    saved = save(cast, first, 3)
    assert saved.rating == 3 and saved.narrative == "We do"
    assert standard_answer(cast).rating is None  # the second is not rated yet
    save(cast, second, 2)
    assert standard_answer(cast).rating == 2
    save(cast, first, 1)
    assert standard_answer(cast).rating == 1
    save(cast, first, None)
    assert standard_answer(cast).rating is None
    kept = ReturnVersion.objects.filter(assessment=question_return(cast)).latest("number")
    answers = {a["standard"]: a for a in kept.snapshot["answers"]}
    assert [q["rating"] for q in answers[cast.q_standard.number]["questions"]] == [None, 2]


def test_a_stale_version_or_a_bad_rating_changes_nothing(cast):
    assessment = question_return(cast)
    question = cast.q_questions[0]
    save(cast, question, 3)
    before = (version_of(assessment), list(QuestionAnswer.objects.values_list("rating",
                                                                                "narrative")))
    with pytest.raises(Conflict):
        questions.question_answer_save(assessment=assessment, question=question,
                                       user=cast.contributor_a,
                                       version=version_of(assessment) - 1, rating=1)
    with pytest.raises(ValidationError):
        questions.question_answer_save(assessment=assessment, question=question,
                                       user=cast.lead_a, version=version_of(assessment), rating=9)
    assert (version_of(assessment), list(QuestionAnswer.objects.values_list(
        "rating", "narrative"))) == before


def test_a_standard_answered_by_question_refuses_a_single_answer_and_the_others_keep_it(cast):
    assessment = question_return(cast)
    with pytest.raises(ValidationError, match="question by question"):
        returns.answer_save(assessment=assessment, standard=cast.q_standard, user=cast.lead_a,
                            version=version_of(assessment), rating=3, narrative="All of it")
    other = assessment.template.standards.exclude(pk=cast.q_standard.pk).first()
    answer = returns.answer_save(assessment=assessment, standard=other, user=cast.lead_a,
                                 version=version_of(assessment), rating=2, narrative="Partly")
    assert (answer.rating, answer.narrative) == (2, "Partly")
    # A question of a standard whose questions are prompts is not answered on its own.
    with pytest.raises(ValidationError):
        questions.question_answer_save(assessment=cast.return_a,
                                       question=cast.s11_standard1.questions.first(),
                                       user=cast.lead_a, version=version_of(cast.return_a),
                                       rating=3)


def test_evidence_is_tied_to_a_question_and_submission_asks_for_each_question(cast):
    assessment = question_return(cast)
    complete(cast, assessment, cast.lead_a)
    needing = [q for q in cast.q_questions if q.evidence_required]
    assert needing, "the library's standard 1 has questions that need evidence"
    Evidence.objects.filter(question=needing[0]).delete()
    save(cast, cast.q_questions[-1], 3, narrative=" ")
    messages = [message for _anchor, message in returns.missing(assessment)]
    standard = f"Standard {cast.q_standard.number} ({cast.q_standard.title})"
    assert f"{standard}, question {needing[0].number}: add evidence (a file or a link)" in messages
    assert (f"{standard}, question {cast.q_questions[-1].number}: describe how your agency "
            "meets it") in messages
    # Evidence for another standard's question is refused.
    with pytest.raises(ValidationError):
        returns.evidence_add(assessment=assessment,
                             standard=assessment.template.standards.exclude(
                                 pk=cast.q_standard.pk).first(),
                             question=needing[0], user=cast.lead_a,
                             version=version_of(assessment), title="x", link="https://a.example")


def test_a_question_below_the_threshold_needs_a_plan_item_then_the_return_submits(cast,
                                                                                  client_for):
    assessment = question_return(cast)
    complete(cast, assessment, cast.lead_a, ratings={cast.q_questions[0].number: 2})
    assert standard_answer(cast).rating == 2
    assert [step for _a, _m, step in returns.missing_items(assessment)] == ["plan"]
    returns.plan_item_add(assessment=assessment, user=cast.lead_a, version=version_of(assessment),
                          action="Name a board lead", due_on=D(2027, 3, 31),
                          standard=cast.q_standard)
    returns.submit(assessment=assessment, user=cast.lead_a, version=version_of(assessment))
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    # The moderation and the analysis read the standard's derived rating; the moderation
    # page shows each question's answer.
    sheet = text(client_for(cast.bu_manager).get(reverse("s11:moderate",
                                                         args=[cast.p1.slug, assessment.pk])))
    assert f"{cast.q_questions[0].number} {cast.q_questions[0].text}" in sheet
    returns.moderate(assessment=assessment, partnership=cast.p1, standard=cast.q_standard,
                     rating=3, feedback="Seen", user=cast.bu_manager)
    cycle = assessment.requests.get().cycle
    standards = list(cycle.template.standards.all())
    rated = selectors_analysis.agency_ratings(cycle, cast.p1, cycle.requests.all(), standards)
    cell = rated[0].ratings[0]
    assert (cell["self_full"], cell["changed"]) == (cycle.template.label_of(2), True)
    exported = selectors_analysis.export_rows(cycle, cast.p1, cycle.requests.all(), standards)
    assert [row[5] for row in exported if row[3] == cast.q_standard.number] == [2]


def test_answers_carry_forward_question_by_question(cast):
    assessment = question_return(cast)
    complete(cast, assessment, cast.lead_a, ratings={cast.q_questions[0].number: 2})
    returns.plan_item_add(assessment=assessment, user=cast.lead_a, version=version_of(assessment),
                          action="Name a board lead", due_on=D(2040, 3, 31),
                          standard=cast.q_standard)
    returns.submit(assessment=assessment, user=cast.lead_a, version=version_of(assessment))
    returns.sign_off(assessment=assessment, user=cast.chief_a)
    later = templates.template_copy(template=assessment.template, partnership=cast.p1,
                                    new_version=True)
    cycle = cycles.cycle_create(partnership=cast.p1, template=later, name="Next",
                                opens_on=D(2028, 9, 1), closes_on=D(2028, 12, 1),
                                agencies=[cast.agency_a])
    fresh = cycle.requests.get().assessment
    returns.carry_forward(assessment=fresh, user=cast.lead_a, version=fresh.version)
    carried = Answer.objects.get(assessment=fresh, standard__number=cast.q_standard.number)
    assert carried.rating == 2
    assert sorted(carried.question_answers.values_list("question__number", "rating")) == sorted(
        (q.number, 2 if q == cast.q_questions[0] else 3) for q in cast.q_questions)


# Pages

def test_the_standard_page_lists_its_questions_and_the_question_page_saves(cast, client_for):
    assessment = question_return(cast)
    slug = cast.p1.slug
    client = client_for(cast.contributor_a)
    page = text(client.get(reverse("s11:answer", args=[slug, assessment.pk, cast.q_standard.pk])))
    assert 'id="questions"' in page and 'name="rating"' not in page
    for question in cast.q_questions:
        assert reverse("s11:question-answer", args=[slug, assessment.pk, question.pk]) in page
    address = reverse("s11:question-answer", args=[slug, assessment.pk, cast.q_questions[0].pk])
    form = text(client.get(address))
    assert 'name="rating"' in form and 'name="narrative"' in form
    response = client.post(address, {"rating": "2", "narrative": "A named lead",
                                      "version": version_of(assessment), "action": "save"})
    assert response.status_code == 302
    assert response["Location"] == reverse("s11:answer", args=[slug, assessment.pk,
                                                               cast.q_standard.pk])
    saved = QuestionAnswer.objects.get(question=cast.q_questions[0])
    assert (saved.rating, saved.narrative) == (2, "A named lead")
    # A stale version: the error, and nothing changes.
    response = client.post(address, {"rating": "1", "narrative": "Overwritten",
                                      "version": version_of(assessment) - 1, "action": "save"})
    assert response.status_code == 200
    assert "Someone else saved this return" in text(response)
    saved.refresh_from_db()
    assert (saved.rating, saved.narrative) == (2, "A named lead")
    # Save and add evidence: the evidence goes with the question.
    response = client.post(address, {"rating": "2", "narrative": "A named lead",
                                      "version": version_of(assessment), "action": "evidence"})
    evidence_page = reverse("s11:question-evidence-add",
                            args=[slug, assessment.pk, cast.q_questions[0].pk])
    assert response["Location"] == evidence_page
    response = client.post(evidence_page, {"title": "Board minutes", "link":
                                           "https://a.example/minutes",
                                           "version": version_of(assessment)})
    assert response.status_code == 302
    assert Evidence.objects.get(title="Board minutes").question == cast.q_questions[0]
    assert "Board minutes" in text(client.get(address))
    # The check-your-answers page and the read-only page for the business unit.
    check = text(client.get(reverse("s11:submit", args=[slug, assessment.pk])))
    assert f"Question {cast.q_questions[0].number}" in check and "A named lead" in check
    readonly = text(client_for(cast.bu_manager).get(address))
    assert 'name="rating"' not in readonly and "A named lead" in readonly


def test_a_single_answer_to_a_standard_by_question_is_refused_on_the_page(cast, client_for):
    assessment = question_return(cast)
    address = reverse("s11:answer", args=[cast.p1.slug, assessment.pk, cast.q_standard.pk])
    before = version_of(assessment)
    response = client_for(cast.lead_a).post(address, {"rating": "3", "narrative": "x",
                                                      "version": before})
    assert response.status_code == 200
    assert "answered question by question" in text(response)
    assert version_of(assessment) == before


def test_the_standard_page_queries_do_not_grow_with_questions(cast, client_for):
    assessment = question_return(cast)
    client = client_for(cast.lead_a)
    address = reverse("s11:answer", args=[cast.p1.slug, assessment.pk, cast.q_standard.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    save(cast, cast.q_questions[0], 3)
    client.get(address)
    few = count()
    template = assessment.template
    template.frozen = False  # more questions, as if added before the cycle began
    template.save(update_fields=["frozen"])
    for n in range(5):
        question = templates.question_add(standard=cast.q_standard, number=f"1.{n + 5}",
                                          text=f"Question {n}", evidence_required=True)
        save(cast, question, 3)
    assert count() == few


# The API

def test_the_api_shows_questions_and_saves_an_answer_with_the_version(cast, client_for):
    assessment = question_return(cast)
    client = client_for(cast.lead_a)
    address = reverse("s11:api-return-questions", args=[assessment.pk])
    question = cast.q_questions[0]
    response = client.post(address, {"question_id": question.pk, "rating": 2,
                                     "narrative": "Named", "version": version_of(assessment)},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == version_of(assessment)
    assert body["standard_rating"] is None
    assert body["question"]["rating"] == 2 and body["question"]["narrative"] == "Named"
    stale = client.post(address, {"question_id": question.pk, "rating": 1,
                                  "version": body["version"] - 1},
                        content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"] == body["version"]
    single = client.post(reverse("s11:api-return-answers", args=[assessment.pk]),
                         {"standard_id": cast.q_standard.pk, "rating": 3,
                          "version": body["version"]}, content_type="application/json")
    assert single.status_code == 400
    detail = client.get(reverse("s11:api-return-detail", args=[assessment.pk])).json()
    answer = next(a for a in detail["answers"] if a["standard_id"] == cast.q_standard.pk)
    assert answer["by_question"] is True
    assert [q["number"] for q in answer["questions"]] == [q.number for q in cast.q_questions]
    assert answer["questions"][0]["rating_label"] and answer["questions"][1]["rating"] is None


# Action plan items

def test_changing_an_action_plan_item(cast, client_for):
    slug, assessment = cast.p1.slug, cast.return_a
    item = returns.plan_item_add(assessment=assessment, user=cast.lead_a,
                                 version=version_of(assessment), action="Name a lead",
                                 due_on=D(2027, 3, 31))
    address = reverse("s11:plan-edit", args=[slug, assessment.pk, item.pk])
    client = client_for(cast.contributor_a)
    assert "Name a lead" in text(client.get(address))
    assert address in text(client.get(reverse("s11:plan", args=[slug, assessment.pk])))
    data = {"standard": cast.s11_standard1.pk, "action": "Name a board lead", "owner": "Head",
            "due_on_0": "30", "due_on_1": "4", "due_on_2": "2027",
            "version": version_of(assessment)}
    # Invalid, and stale: the error, nothing changes.
    assert client.post(address, {**data, "action": " "}).status_code == 200
    stale = client.post(address, {**data, "version": version_of(assessment) - 1})
    assert "Someone else saved this return" in text(stale)
    item.refresh_from_db()
    assert item.action == "Name a lead"
    response = client.post(address, data)
    assert response["Location"] == reverse("s11:plan", args=[slug, assessment.pk]) + "#main-content"
    item.refresh_from_db()
    assert (item.action, item.owner, item.due_on, item.standard) == (
        "Name a board lead", "Head", D(2027, 4, 30), cast.s11_standard1)
    # Only who may add may change: not the chief officer, not on a submitted return.
    assert client_for(cast.chief_a).post(address, data).status_code == 403
    with pytest.raises(ValidationError):
        plan_items.plan_item_update(item=item, user=cast.lead_a, version=version_of(assessment),
                                    action="x", due_on=D(2027, 1, 1),
                                    standard=question_return(cast).template.standards.first())


def test_after_adding_an_item_the_banner_is_in_view(cast, client_for):
    slug, assessment = cast.p1.slug, cast.return_a
    client = client_for(cast.lead_a)
    address = reverse("s11:plan", args=[slug, assessment.pk])
    page = text(client.get(address + f"?standard={cast.s11_standard1.pk}"))
    assert f'action="{address}"' in page  # the form's #add-item is not carried on
    response = client.post(address, {"standard": cast.s11_standard1.pk, "action": "Brief staff",
                                     "due_on_0": "31", "due_on_1": "3", "due_on_2": "2027",
                                     "version": version_of(assessment)})
    assert response["Location"] == address + "#main-content"
    shown = text(client.get(address))
    main = shown[shown.index('id="main-content"'):]
    assert re.match(r'id="main-content">\s*<div class="govuk-notification-banner '
                    r'govuk-notification-banner--success" role="alert"', main)
    assert "Action plan item added." in main
    assert PlanItem.objects.filter(action="Brief staff").exists()
