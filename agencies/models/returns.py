"""Returns: one agency's answers to a template, shared by every request that asked for
it. Drafts are saved at any time; a submitted return is signed off by the agency's chief
officer and then locked; the business unit can send it back for amendment. Every saved
version is kept (ReturnVersion)."""

import uuid

from django.conf import settings
from django.db import models

from governance.models import Action
from partnership.models import Agency, Partnership

from .templates import AssessmentTemplate, Question, Standard


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SIGNED_OFF = "signed_off", "Signed off"
    RETURNED = "returned", "Returned for amendment"


EDITABLE = (Status.DRAFT, Status.RETURNED)


class Return(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessment_returns")
    template = models.ForeignKey(AssessmentTemplate, on_delete=models.PROTECT,
                                 related_name="returns")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0, help_text="Goes up with every save.")
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    returned_comment = models.TextField(blank=True)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["agency__name", "pk"]

    def __str__(self):
        return f"{self.agency}: {self.template.name}"

    @property
    def editable(self):
        return self.status in EDITABLE


class Answer(models.Model):
    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="answers")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "standard__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "standard"],
                                               name="answer_once_per_standard")]

    def __str__(self):
        return f"{self.assessment} – {self.standard.number}"


def evidence_path(instance, filename):
    return f"assessment-evidence/{instance.answer.assessment.agency_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="evidence",
                                 help_text="The question it answers, in a standard whose "
                                           "questions are answered one by one.")
    title = models.CharField(max_length=200)
    link = models.URLField(blank=True)
    file = models.FileField(upload_to=evidence_path, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "pk"]

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    """An action plan item of a return; once signed off it joins each asking partnership's
    action register (owner: the agency)."""

    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="plan_items")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    action = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    carried_forward = models.BooleanField(default=False)
    register_actions = models.ManyToManyField(Action, blank=True, related_name="plan_items")

    class Meta:
        ordering = ["assessment", "due_on", "pk"]

    def __str__(self):
        return self.action[:60]


class ReturnVersion(models.Model):
    """A snapshot of a return as saved, submitted, signed off or returned."""

    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=Status.choices)
    snapshot = models.JSONField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "number", "pk"]

    def __str__(self):
        return f"{self.assessment} v{self.number} ({self.event})"


class Moderation(models.Model):
    """A partnership's moderated rating and feedback on one standard of a return; each
    partnership a return is shared with moderates it independently."""

    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="moderations")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField()
    feedback = models.TextField(blank=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "standard__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "partnership", "standard"],
                                               name="moderation_once")]

    def __str__(self):
        return f"Moderation of {self.assessment} {self.standard.number}"
