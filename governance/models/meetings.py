"""Meetings of a group: agenda, papers, attendance, declarations, minutes and decisions."""

import datetime
import uuid

from django.conf import settings
from django.db import models

from partnership.models.structure import Agency

from .groups import Group, GroupMember


class MeetingStatus(models.TextChoices):
    """A meeting's life: planned, then held, cancelled (with its reason) or adjourned (begun
    and stopped, with its reason; its business goes to a later meeting). Attendance,
    declarations and decisions are recorded only at a meeting that took place (held or
    adjourned); minutes are approved only at a later meeting that was held."""

    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    ADJOURNED = "adjourned", "Adjourned"


TOOK_PLACE = (MeetingStatus.HELD, MeetingStatus.ADJOURNED)


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
    status_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the meeting was cancelled or adjourned.")
    agenda_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the agenda was published: its items and papers "
        "are frozen and the agenda pack is made.")
    agenda_published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                            null=True, blank=True, related_name="+")
    minutes = models.TextField(blank=True, help_text="The public part of the minutes (Part A).")
    minutes_corrections = models.TextField(
        blank=True, help_text="Corrections agreed when the minutes were approved.")
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
        # the period filters of the attendance report and the scrutiny indicators
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_starts")]

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
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Time allowed for the item.")
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
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by",
        help_text="The earlier version this paper replaced (kept, no longer in the pack).")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self):
        return self.title


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Being made"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def pack_path(instance, filename):
    return f"packs/{instance.meeting.group.partnership_id}/{uuid.uuid4().hex}.pdf"


class AgendaPack(models.Model):
    """The agenda pack of a published agenda: one PDF (front sheet, agenda, papers). Two per
    publication: the members' pack (with confidential items) and everyone else's (without).
    Made by a background job; `number` counts publications of the meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    number = models.PositiveSmallIntegerField(default=1)
    members_only = models.BooleanField(
        default=False, help_text="The members' pack, with the confidential items.")
    status = models.CharField(max_length=10, choices=PackStatus.choices,
                              default=PackStatus.QUEUED)
    file = models.FileField(upload_to=pack_path, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=1000, blank=True, help_text="Why making it failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When its job was last sent.")
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a run last claimed it.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-number", "members_only"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number", "members_only"],
                                               name="agenda_pack_once")]

    def __str__(self):
        return f"{self.meeting}: pack {self.number}{' (members)' if self.members_only else ''}"


class ConfidentialMinute(models.Model):
    """Part B of the minutes: what was minuted about one confidential item, shown only to
    those who may see that item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="confidential_minutes")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE,
                             related_name="confidential_minutes")
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "item__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "item"],
                                               name="confidential_minute_once")]

    def __str__(self):
        return f"Part B: {self.item}"


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
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=500, blank=True)

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
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:60]


class Correction(models.Model):
    """A correction to a decision's or a declaration's text, keeping what it said and why it
    changed (a withdrawal keeps its reason on the record itself)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="corrections")
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="corrections")
    previous_text = models.TextField()
    reason = models.CharField(max_length=500)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(decision__isnull=False, declaration__isnull=True)
            | models.Q(decision__isnull=True, declaration__isnull=False),
            name="correction_of_one_record")]

    def __str__(self):
        return f"Correction: {self.reason[:40]}"


class MeetingInvitation(models.Model):
    """A calendar invitation e-mailed to one person, and the revision (SEQUENCE) they last
    received: a change sends them an update, a cancellation a METHOD:CANCEL."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    sequence = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="meeting_invitation_once")]

    def __str__(self):
        return f"{self.meeting} -> {self.user_id}"
