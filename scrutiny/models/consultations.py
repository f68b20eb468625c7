"""Consultations with the relevant agencies (twice a year, seed 004 para 32): a
questionnaire the business unit sends to chosen agencies, and each agency's one response."""

from django.conf import settings
from django.db import models

from partnership.models import Agency, Partnership

__all__ = ["Consultation", "ConsultationAnswer", "ConsultationQuestion", "ConsultationResponse",
           "QuestionKind", "ResponseStatus"]

SCALE = range(1, 6)


class Consultation(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="consultations")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    closes_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", "Free text"
    SCALE = "scale", "A scale from 1 (poor) to 5 (excellent)"


class ConsultationQuestion(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices,
                            default=QuestionKind.TEXT)

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self):
        return self.text


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class ConsultationResponse(models.Model):
    """The one response of an agency the consultation was sent to."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.NOT_STARTED)
    version = models.PositiveIntegerField(default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "agency"],
                                               name="consultation_response_once")]

    def __str__(self):
        return f"{self.agency}: {self.consultation}"


class ConsultationAnswer(models.Model):
    response = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(ConsultationQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    text = models.TextField(blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="consultation_answer_once")]

    def __str__(self):
        return f"{self.response}: {self.question}"
