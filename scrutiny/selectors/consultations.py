"""Reads of consultations: the list with response counts, one consultation's responses
and its summary (response rate, scale averages, free-text answers by agency). A fixed
number of queries whatever the number of responses."""

from django.db.models import Avg, Count, Q

from ..models import (
    Consultation,
    ConsultationAnswer,
    ConsultationQuestion,
    QuestionKind,
    ResponseStatus,
)


def with_counts(consultations):
    return (consultations.annotate(
        sent_to=Count("responses", distinct=True),
        responded=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED),
                        distinct=True))
        .order_by("-period_start", "-pk"))


def rate(responded, sent_to):
    return round(100 * responded / sent_to) if sent_to else None


def summaries(consultation_list):
    """For each consultation (annotated by with_counts): its questions with the scale
    average and number of answers, and the free-text answers by agency. Three queries."""
    ids = [c.pk for c in consultation_list]
    questions = list(ConsultationQuestion.objects.filter(consultation_id__in=ids)
                     .order_by("consultation_id", "position", "pk"))
    submitted = Q(response__status=ResponseStatus.SUBMITTED)
    stats = {r["question_id"]: r for r in (
        ConsultationAnswer.objects.filter(submitted, question__in=questions)
        .values("question_id").annotate(average=Avg("scale"), n=Count("scale")).order_by())}
    texts = {}
    for answer in (ConsultationAnswer.objects.filter(submitted, question__in=questions,
                                                     question__kind=QuestionKind.TEXT)
                   .exclude(text="").select_related("response__agency")
                   .order_by("response__agency__name", "pk")):
        texts.setdefault(answer.question_id, []).append(
            {"agency": answer.response.agency.name, "text": answer.text})
    by_consultation = {}
    for q in questions:
        row = stats.get(q.pk, {})
        average = row.get("average")
        by_consultation.setdefault(q.consultation_id, []).append({
            "question": q, "text": q.text, "kind": q.kind,
            "average": round(average, 1) if average is not None else None,
            "scale_answers": row.get("n", 0), "answers": texts.get(q.pk, [])})
    return [{"consultation": c, "title": c.title, "period_start": c.period_start,
             "period_end": c.period_end, "closes_on": c.closes_on, "sent_to": c.sent_to,
             "responded": c.responded, "response_rate": rate(c.responded, c.sent_to),
             "questions": by_consultation.get(c.pk, [])} for c in consultation_list]


def consultation_summary(partnership, period_start, period_end):
    """For the yearly report: each sent consultation whose period overlaps
    [period_start, period_end], summarised (see summaries). Four queries."""
    found = list(with_counts(Consultation.objects.filter(
        partnership=partnership, sent_at__isnull=False, period_start__lte=period_end,
        period_end__gte=period_start)).order_by("period_start", "pk"))
    return summaries(found)


def response_rows(responses):
    return list(responses.select_related("agency", "submitted_by").order_by("agency__name"))


def summary_of(consultation):
    return summaries(list(with_counts(Consultation.objects.filter(pk=consultation.pk))))[0]


def saved_answers(response):
    """{form field name: saved answer} for the response's form."""
    return {f"question_{a.question_id}": a.scale if a.scale is not None else a.text
            for a in response.answers.all()}


def answers_of(response):
    """The response's answers beside the consultation's questions (two queries)."""
    saved = {a.question_id: a for a in response.answers.all()}
    return [{"question": q, "answer": saved.get(q.pk)}
            for q in response.consultation.questions.all()]
