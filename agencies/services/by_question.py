"""The rules of a standard whose questions are answered one by one (`rate_questions`), as
the return services apply them: which standards they are, the standard's derived rating,
what is still missing, the snapshot kept with each version, and carrying answers forward.
Writes happen only inside the return services' transactions (services/returns.py and
services/questions.py)."""

from partnership.services.common import model_update

from ..models import QuestionAnswer, derived_rating


def by_question(standard):
    """Whether the standard is answered question by question: it asks for it and has
    questions (a standard with none keeps its single rating and narrative). Uses the
    prefetched questions when there are."""
    return standard.rate_questions and bool(standard.questions.all())


def rerate(answer):
    """Set the standard's rating from its questions' ratings (services/questions.py)."""
    ratings = {qa.question_id: qa.rating for qa in answer.question_answers.all()}
    rating = derived_rating(ratings.get(q.pk) for q in answer.standard.questions.all())
    if rating != answer.rating:
        model_update(answer, {"rating": rating}, ("rating",))
    return answer


def missing_questions(standard, answer, name):
    """What stops the questions of a standard answered by question being complete, as
    messages in question order (the rating, the narrative, the evidence a question needs)."""
    answered = {qa.question_id: qa for qa in answer.question_answers.all()} if answer else {}
    proved = {e.question_id for e in answer.evidence.all()} if answer else set()
    problems = []
    for question in standard.questions.all():
        qa = answered.get(question.pk)
        where = f"{name}, question {question.number}"
        if qa is None or qa.rating is None:
            problems.append(f"{where}: choose a rating")
        elif not qa.narrative.strip():
            problems.append(f"{where}: describe how your agency meets it")
        if question.evidence_required and question.pk not in proved:
            problems.append(f"{where}: add evidence (a file or a link)")
    return problems


def snapshot_questions(answer):
    """The question answers of a standard's answer, for the version snapshot."""
    return [{"question": qa.question.number, "rating": qa.rating, "narrative": qa.narrative,
             "evidence": [e.title for e in answer.evidence.all() if e.question_id == qa.question_id]}
            for qa in answer.question_answers.all()]


def narrative_of(answer):
    """An answer's narrative to carry into a standard answered as a whole: its own, or (from
    a standard answered question by question) its questions' answers, one after another."""
    if answer.narrative or not by_question(answer.standard):
        return answer.narrative
    return "\n\n".join(f"{qa.question.number} {qa.narrative}"
                        for qa in answer.question_answers.select_related("question")
                        if qa.narrative)


def carry_questions(old, new):
    """Copy the question answers of last cycle's answer `old` into this return's `new`
    (matched by question number) and rate the standard. Returns how many were copied."""
    questions = {q.number: q for q in new.standard.questions.all()}
    copied = 0
    for qa in old.question_answers.select_related("question"):
        question = questions.get(qa.question.number)
        if question is not None:
            QuestionAnswer.objects.update_or_create(answer=new, question=question, defaults={
                "rating": qa.rating, "narrative": qa.narrative})
            copied += 1
    rerate(new)
    return copied
