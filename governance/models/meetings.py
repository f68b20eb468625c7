"""Meetings of a group: agenda, papers, attendance, declarations, minutes and decisions."""

import datetime
import uuid

from django.conf import settings
from django.db import models

from partnership.models.structure import Agency

from .groups import Group, GroupMember


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class MinutesStatus(models.TextChoices):
    NONE = "none", "Not written"
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=120)
    location = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    minutes = models.TextField(blank=True)
    minutes_status = models.CharField(max_length=10, choices=MinutesStatus.choices,
                                      default=MinutesStatus.NONE)
    minutes_approved_at = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="approved_minutes",
        help_text="The later meeting that approved these minutes.")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar revision number.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.group.name}, {self.starts_at:%-d %B %Y}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    owner_label = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    confidential = models.BooleanField(
        default=False, help_text="Only members of the group can see this item and its papers.")

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def owner_display(self):
        return self.owner.full_name if self.owner_id else self.owner_label


def paper_path(instance, filename):
    return f"papers/{instance.item.meeting.group.partnership_id}/{uuid.uuid4().hex}"


class Paper(models.Model):
    """A file attached to an agenda item. Stored under a random name, served only through
    the portal's permission check, never from a public URL."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    DEPUTY = "deputy", "Deputy sent"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """One member's attendance at one meeting; `agency` is the organisation represented."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    deputy_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "member__role_label"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"],
                                               name="attendance_once")]

    def __str__(self):
        return f"{self.member}: {self.get_status_display()}"

    @property
    def represented(self):
        return self.status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


class Declaration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="declarations")
    person = models.CharField(max_length=200)
    interest = models.TextField()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        return f"{self.person}: {self.interest[:40]}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="decisions")
    text = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:60]
