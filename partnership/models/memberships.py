from django.conf import settings
from django.db import models
from django.db.models import Q

from .. import roles
from ..errors import Invalid
from .dated import Dated, ends_after_start
from .structure import Agency, Designation, Partnership


def partner_designations(partnership_id=None, on=None):
    """The designations a lead or delegated safeguarding partner may act for today (or on
    the day `on`): the statutory partners, and the partnership's education partner
    (Partnership.education_partner) while it is designated as a childcare or education
    agency there. Of one partnership, or of every partnership when none is given."""
    education = Partnership.objects.filter(pk=models.OuterRef("partnership_id")).values(
        "education_partner_id")
    designations = Designation.objects.active(on).filter(
        Q(kind__in=Designation.STATUTORY_KINDS)
        | Q(kind=Designation.Kind.EDUCATION, agency_id=models.Subquery(education)))
    if partnership_id is None:
        return designations
    return designations.filter(partnership_id=partnership_id)


class PartnershipMembership(Dated):
    """A person holding a partnership role (business unit, partner, chair, scrutineer)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="partnership_memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="memberships")
    role = models.CharField(max_length=40, choices=roles.PARTNERSHIP_ROLE_CHOICES)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="For lead and delegated safeguarding partners: the statutory partner they act for.",
    )
    title = models.CharField(max_length=200, blank=True,
                             help_text="Office held, for example 'Director of Children's Services'.")

    class Meta:
        ordering = ["partnership", "role", "user__full_name"]
        constraints = [
            ends_after_start("partnership_membership_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.partnership}"

    @property
    def role_def(self):
        return roles.get(self.role)

    def clean(self):
        super().clean()
        if self.role in roles.PARTNER_ROLES:
            acts_for = partner_designations(self.partnership_id).filter(agency_id=self.agency_id)
            if not self.agency_id or not acts_for.exists():
                raise Invalid(
                    {"agency": "Choose the statutory partner this safeguarding partner acts for."}
                )
        elif self.agency_id:
            raise Invalid({"agency": "Only safeguarding partners act for an agency."})


class AgencyMembership(Dated):
    """A person holding an agency role (lead, chief officer, contributor)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="agency_memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=roles.AGENCY_ROLE_CHOICES)
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agency", "role", "user__full_name"]
        constraints = [
            ends_after_start("agency_membership_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.agency}"

    @property
    def role_def(self):
        return roles.get(self.role)
