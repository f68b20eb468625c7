"""The partnership's one action register. Meetings add actions here; later the reviews,
Section 11 and scrutiny apps add theirs through governance's services, naming their source."""

import uuid

from django.conf import settings
from django.db import models

from partnership.models.dated import today
from partnership.models.structure import Agency, Partnership

from .meetings import Meeting


class ActionSource(models.TextChoices):
    MEETING = "meeting", "Meeting"
    REVIEW = "review", "Case review"
    SECTION_11 = "section_11", "Section 11"
    SCRUTINY = "scrutiny", "Scrutiny"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


DONE = (ActionStatus.COMPLETED, ActionStatus.CLOSED)
AMBER_DAYS = 10  # working days before the due date when an open action turns amber


class Rag(models.TextChoices):
    RED = "red", "Overdue"
    AMBER = "amber", "Due soon"
    GREEN = "green", "On track"
    BLUE = "blue", "Complete"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=DONE)

    def overdue(self, on=None):
        return self.open().filter(due_on__lt=on or today())


class Action(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="actions")
    reference = models.PositiveIntegerField(help_text="Numbered within the partnership.")
    source = models.CharField(max_length=20, choices=ActionSource.choices)
    source_label = models.CharField(max_length=200, blank=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="actions")
    description = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="owned_actions")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "due_on", "reference"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"],
                                               name="action_reference_once")]
        # the scrutiny indicators' windows: actions due in a period, or completed after it began
        indexes = [models.Index(fields=["partnership", "due_on"], name="action_due"),
                   models.Index(fields=["partnership", "completed_on"], name="action_completed")]

    def __str__(self):
        return f"A{self.reference}: {self.description[:60]}"

    @property
    def code(self):
        return f"A{self.reference}"

    def rag_on(self, day, amber_from):
        """The RAG status on `day`; `amber_from` is the first day the action counts as due
        soon (AMBER_DAYS working days before its due date, from partnership.dates)."""
        if self.status in DONE:
            return Rag.BLUE
        if self.due_on < day:
            return Rag.RED
        if day >= amber_from:
            return Rag.AMBER
        return Rag.GREEN


def evidence_path(instance, filename):
    return f"evidence/{instance.action.partnership_id}/{uuid.uuid4().hex}"


class ActionUpdate(models.Model):
    """Progress on an action: a note, a change of status and evidence (text, a link or a
    file)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    evidence_link = models.URLField(blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True)
    evidence_filename = models.CharField(max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["action", "at", "pk"]

    def __str__(self):
        return f"{self.action.code} → {self.get_status_display()}"
