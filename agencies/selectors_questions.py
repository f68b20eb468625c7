"""Reads for the standards answered question by question (`Standard.rate_questions`): each
question with its answer, evidence and status, from what the caller prefetched (the
standard's questions; the answer's question answers and evidence)."""

from dataclasses import dataclass, field

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass
class QuestionRow:
    question: object
    answer: object  # the QuestionAnswer, or None
    rating_label: str
    evidence: list = field(default_factory=list)

    @property
    def rating(self):
        return self.answer.rating if self.answer else None

    @property
    def narrative(self):
        return self.answer.narrative if self.answer else ""

    @property
    def evidence_ids(self):
        return [item.pk for item in self.evidence]

    @property
    def status(self):
        qa = self.answer
        if not self.evidence and (qa is None or (qa.rating is None and not qa.narrative.strip())):
            return NOT_STARTED
        if (qa is not None and qa.rating is not None and qa.narrative.strip()
                and (self.evidence or not self.question.evidence_required)):
            return COMPLETED
        return IN_PROGRESS


def question_rows(template, questions, answer):
    """One row per question, in order (no queries when the answer's question answers and
    evidence are prefetched)."""
    answered = {qa.question_id: qa for qa in answer.question_answers.all()} if answer else {}
    evidence = list(answer.evidence.all()) if answer else []
    return [QuestionRow(question=question, answer=answered.get(question.pk),
                        rating_label=template.label_of(answered[question.pk].rating)
                        if question.pk in answered else "",
                        evidence=[e for e in evidence if e.question_id == question.pk])
            for question in questions]


def _answer(assessment, standard_id):
    return (assessment.answers.filter(standard_id=standard_id)
            .prefetch_related("question_answers", "evidence").first())


def standard_page(assessment, standard):
    """A standard answered question by question: its answer (or None), its questions' rows
    and the evidence not tied to one question."""
    answer = _answer(assessment, standard.pk)
    rows = question_rows(assessment.template, standard.questions.all(), answer)
    loose = [e for e in answer.evidence.all() if e.question_id is None] if answer else []
    return {"answer": answer, "rows": rows, "evidence": loose}


def question_page(assessment, question):
    """A question's answer (or None) and its evidence, as a QuestionRow."""
    answer = _answer(assessment, question.standard_id)
    return {"answer": answer, "row": question_rows(assessment.template, [question], answer)[0]}
