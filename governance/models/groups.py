"""The partnership's groups (executive, subgroups, panels, task-and-finish groups) and who
sits on them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from partnership.errors import Invalid
from partnership.models.dated import Dated, ends_after_start
from partnership.models.structure import Agency, Partnership


class GroupType(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    STRATEGIC = "strategic", "Strategic partnership group"
    SUBGROUP = "subgroup", "Subgroup"
    PANEL = "panel", "Panel"
    PRACTITIONER = "practitioner", "Practitioner group"
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"
    CROSS_PARTNERSHIP = "cross_partnership", "Cross-partnership group"
    FORUM = "forum", "Forum"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    BIMONTHLY = "bimonthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_YEARLY = "twice_yearly", "Twice a year"
    ANNUAL = "annual", "Once a year"
    AD_HOC = "ad_hoc", "As needed"


# Months between meetings, for generating a schedule.
FREQUENCY_MONTHS = {"monthly": 1, "bimonthly": 2, "quarterly": 3, "twice_yearly": 6, "annual": 12}


class Quorum(models.TextChoices):
    STATUTORY_PARTNERS = "statutory_partners", "All three statutory partners represented"
    CORE_MEMBERS = "core_members", "A number of core members present"
    NONE = "none", "No quorum rule"


class Group(Dated):
    """A board, executive, subgroup, panel or task-and-finish group of a partnership. A
    cross-partnership group (a joint Child Death Overview Panel) belongs to one partnership
    and also reports to the partnerships in `shared_with`."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    shared_with = models.ManyToManyField(Partnership, blank=True, related_name="shared_groups")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, blank=True)
    group_type = models.CharField(max_length=20, choices=GroupType.choices)
    purpose = models.TextField("Purpose and terms of reference", blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    meeting_minutes = models.PositiveIntegerField(
        "Meeting length in minutes", null=True, blank=True)
    length_label = models.CharField(max_length=30, blank=True,
                                    help_text="As written, for example '1 day'.")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    chair_label = models.CharField(max_length=200, blank=True,
                                   help_text="The chair's post, or 'To be confirmed'.")
    reports_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="reporting_groups")
    quorum = models.CharField(max_length=20, choices=Quorum.choices, default=Quorum.NONE)
    quorum_count = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            ends_after_start("group_ends_after_start"),
            models.UniqueConstraint(fields=["partnership", "name"], name="group_name_once"),
            models.CheckConstraint(
                condition=~Q(group_type="task_and_finish") | Q(end_date__isnull=False),
                name="task_and_finish_has_end"),
        ]

    def __str__(self):
        return self.name

    @property
    def chair_display(self):
        if self.chair_id:
            return self.chair.full_name
        return self.chair_label or "To be confirmed"

    @property
    def length_display(self):
        if self.length_label:
            return self.length_label
        if self.meeting_minutes:
            hours, minutes = divmod(self.meeting_minutes, 60)
            parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
            return " ".join(parts + ([f"{minutes} minutes"] if minutes else []))
        return ""

    def clean(self):
        super().clean()
        errors = {}
        if self.group_type == GroupType.TASK_AND_FINISH and not self.end_date:
            errors["end_date"] = "Enter the date the task-and-finish group ends"
        if self.quorum == Quorum.CORE_MEMBERS and not self.quorum_count:
            errors["quorum_count"] = "Enter how many core members make the meeting quorate"
        if self.reports_to_id and self.pk and self.reports_to_id == self.pk:
            errors["reports_to"] = "A group cannot report to itself"
        if errors:
            raise Invalid(errors)


class MemberType(models.TextChoices):
    CORE = "core", "Core member"
    OTHERS = "others", "Others to consider"
    INVITED = "invited", "Additional invited member"
    OBSERVER = "observer", "Observer"


class GroupMember(Dated):
    """A seat on a group: a named person, or a post in an agency (or both)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="group_seats")
    role_label = models.CharField("Post", max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="group_seats")
    member_type = models.CharField(max_length=10, choices=MemberType.choices,
                                   default=MemberType.CORE)
    is_chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["group", "member_type", "role_label"]
        constraints = [
            ends_after_start("group_member_ends_after_start"),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(role_label=""),
                                   name="group_member_is_someone"),
        ]

    def __str__(self):
        return self.display

    @property
    def display(self):
        who = self.user.full_name if self.user_id else ""
        post = ", ".join(part for part in (self.role_label, str(self.agency or "")) if part)
        return f"{who} ({post})" if who and post else who or post

    def clean(self):
        super().clean()
        if not self.user_id and not self.role_label.strip():
            raise Invalid("Choose a person or enter the post that holds the seat")
