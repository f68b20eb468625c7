"""Consultations with the relevant agencies: the business unit creates one, adds its
questions and sends it to agencies (by designation, by sector or by hand); each agency's
lead answers once for the agency, saving drafts until they submit or the consultation
closes."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnership.errors import Conflict, Invalid, WrongState
from partnership.models import Agency, Designation

from ..models import (
    Consultation,
    ConsultationAnswer,
    ConsultationQuestion,
    ConsultationResponse,
    QuestionKind,
    ResponseStatus,
)
from ..models.consultations import SCALE
from . import notices

CONFLICT = ("Someone else saved this response while you were working on it. Your answers "
            "have not been saved: reload the page to see theirs, then make yours again")


def _check_dates(consultation):
    if consultation.period_end < consultation.period_start:
        raise Invalid({"period_end": "The period must end after it starts"})
    consultation.full_clean()


@transaction.atomic
def consultation_create(*, partnership, created_by, title, period_start, period_end, closes_on,
                        introduction=""):
    consultation = Consultation(partnership=partnership, created_by=created_by,
                                title=title.strip(), introduction=introduction.strip(),
                                period_start=period_start, period_end=period_end,
                                closes_on=closes_on)
    if not consultation.title:
        raise Invalid({"title": "Enter a title"})
    _check_dates(consultation)
    consultation.save()
    return consultation


@transaction.atomic
def closing_date_change(*, consultation, closes_on):
    """Extend a consultation, or close it early (agencies then can no longer answer)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if closes_on < consultation.period_start:
        raise Invalid({"closes_on": "The closing date must be after the period starts"})
    consultation.closes_on = closes_on
    consultation.save(update_fields=["closes_on"])
    return consultation


@transaction.atomic
def question_add(*, consultation, text, kind):
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.sent_at is not None:
        raise WrongState("The consultation has been sent: its questions can no longer "
                         "change")
    if not text.strip():
        raise Invalid({"text": "Enter the question"})
    if kind not in QuestionKind.values:
        raise Invalid({"kind": "Choose the kind of answer"})
    position = consultation.questions.count() + 1
    question = ConsultationQuestion(consultation=consultation, position=position,
                                    text=text.strip(), kind=kind)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def consultation_send(*, consultation, kinds=(), sectors=(), agencies=()):
    """Send to the partnership's agencies designated as one of `kinds`, of one of
    `sectors`, or chosen by hand. Returns the number of agencies it was sent to."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.sent_at is not None:
        raise WrongState("The consultation has already been sent")
    if not consultation.questions.exists():
        raise Invalid("Add at least one question before sending the consultation")
    if consultation.closes_on < timezone.localdate():
        raise WrongState({"closes_on": "The consultation has closed: it can no longer "
                                       "be sent"})
    designations = Designation.objects.active().filter(partnership=consultation.partnership)
    chosen = {a.pk for a in agencies}
    if chosen - set(designations.values_list("agency_id", flat=True)):
        raise Invalid({"agencies": "Choose agencies of this partnership"})
    condition = Q(pk__in=chosen)
    if kinds:
        condition |= Q(pk__in=designations.filter(kind__in=kinds).values("agency_id"))
    if sectors:
        condition |= Q(pk__in=designations.values("agency_id"), sector__in=sectors)
    recipients = list(Agency.objects.filter(condition).order_by("name"))
    if not recipients:
        raise Invalid({"agencies": "Choose who the consultation goes to: designations, "
                                   "sectors or agencies"})
    ConsultationResponse.objects.bulk_create(
        [ConsultationResponse(consultation=consultation, agency=a) for a in recipients])
    consultation.sent_at = timezone.now()
    consultation.save(update_fields=["sent_at"])
    notices.consultation_opened(consultation, recipients)
    return len(recipients)


def _clean_answer(question, value):
    if question.kind == QuestionKind.SCALE:
        if value in (None, ""):
            return {"scale": None, "text": ""}
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in SCALE:
            raise Invalid({f"question_{question.pk}":
                           f"Question {question.position}: choose from 1 to 5"})
        return {"scale": number, "text": ""}
    return {"scale": None, "text": str(value or "").strip()}


@transaction.atomic
def response_save(*, response, user, version, answers, submit=False):
    """Save the agency's answers ({question id: text or 1-5}) as a draft or submit them
    (every question then needs an answer)."""
    response = ConsultationResponse.objects.select_for_update().select_related(
        "consultation").get(pk=response.pk)
    if response.version != version:
        raise Conflict(CONFLICT, current=response.version)
    if response.status == ResponseStatus.SUBMITTED:
        raise WrongState("Your agency's response has been submitted and can no longer "
                         "change")
    if response.consultation.closes_on < timezone.localdate():
        raise WrongState("The consultation has closed")
    questions = {q.pk: q for q in response.consultation.questions.all()}
    if set(answers) - set(questions):
        raise Invalid("Answer only this consultation's questions")
    saved = {a.question_id: a for a in response.answers.all()}
    for pk, value in answers.items():
        fields = _clean_answer(questions[pk], value)
        if pk in saved:
            ConsultationAnswer.objects.filter(pk=saved[pk].pk).update(**fields)
            saved[pk].scale, saved[pk].text = fields["scale"], fields["text"]
        else:
            saved[pk] = ConsultationAnswer.objects.create(response=response,
                                                          question=questions[pk], **fields)
    response.status = ResponseStatus.DRAFT
    if submit:
        missing = [q for pk, q in questions.items()
                   if pk not in saved or (saved[pk].scale is None and not saved[pk].text)]
        if missing:
            raise Invalid([f"Question {q.position}: answer it before you submit"
                           for q in missing])
        response.status = ResponseStatus.SUBMITTED
        response.submitted_by, response.submitted_at = user, timezone.now()
    response.version += 1
    response.save()
    return response
