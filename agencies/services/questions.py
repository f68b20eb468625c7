"""Answering a question of a standard answered question by question (`rate_questions`):
its own rating and narrative, saved as a draft with the version of the return the writer
started from (a stale version is refused with Conflict, 409), the standard's rating derived
again (the lowest of its questions', once all are rated) and a version kept, as for every
save of a return. Evidence for a question: services/returns.py `evidence_add(question=...)`."""

from django.db import transaction

from partnership.errors import Invalid

from ..models import Answer, QuestionAnswer
from .by_question import by_question, rerate
from .returns import _locked, _saved


@transaction.atomic
def question_answer_save(*, assessment, question, user, version, rating=None, narrative=""):
    assessment = _locked(assessment, version)
    standard = question.standard
    if standard.template_id != assessment.template_id or not by_question(standard):
        raise Invalid("That question is not answered on its own in this return's template")
    if rating is not None and rating not in {value for value, _ in assessment.template.options}:
        raise Invalid({"rating": "Choose one of the ratings"})
    answer, _ = Answer.objects.get_or_create(assessment=assessment, standard=standard)
    saved, _ = QuestionAnswer.objects.update_or_create(
        answer=answer, question=question,
        defaults={"rating": rating, "narrative": narrative.strip()})
    rerate(answer)
    _saved(assessment, user, "saved")
    return saved
