"""Multi-agency child protection teams (Children's Wellbeing and Schools Act 2026, s3,
inserting section 16EA): each team's area, its members by agency and role, and whether its
statutory core membership is met. The team regulations are expected in late 2027; until
then a partnership records the teams it runs."""

from django.db import models

from .dated import Dated, ends_after_start
from .structure import Agency, LocalAuthorityArea, Partnership


class Discipline(models.TextChoices):
    SOCIAL_WORK = "social_work", "Social work"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


# The statutory core membership of a team (s16EA): one of each.
CORE_DISCIPLINES = (Discipline.SOCIAL_WORK, Discipline.POLICE, Discipline.HEALTH,
                    Discipline.EDUCATION)


class ChildProtectionTeam(Dated):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="child_protection_teams")
    name = models.CharField(max_length=200)
    area = models.CharField(max_length=300, help_text="The area the team covers.")
    local_authority_area = models.ForeignKey(LocalAuthorityArea, on_delete=models.PROTECT,
                                             null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            ends_after_start("child_protection_team_ends_after_start"),
            models.UniqueConstraint(fields=["partnership", "name"],
                                    name="child_protection_team_name_once"),
        ]

    def __str__(self):
        return self.name

    def missing_core(self, members=None):
        """The core disciplines no current member covers (members prefetched or given)."""
        members = self.members.all() if members is None else members
        held = {m.discipline for m in members}
        return [d for d in CORE_DISCIPLINES if d not in held]


class ChildProtectionTeamMember(Dated):
    team = models.ForeignKey(ChildProtectionTeam, on_delete=models.CASCADE,
                             related_name="members")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    discipline = models.CharField(max_length=20, choices=Discipline.choices)
    role = models.CharField(max_length=200, help_text="For example 'Designated safeguarding lead'.")

    class Meta:
        ordering = ["team", "discipline", "agency__name"]
        constraints = [ends_after_start("child_protection_member_ends_after_start")]

    def __str__(self):
        return f"{self.role}, {self.agency} ({self.get_discipline_display()})"
