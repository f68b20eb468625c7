from django.db import models
from django.db.models import Q
from django.urls import reverse

from .dated import Dated, ends_after_start


class Sector(models.TextChoices):
    """Headings of the Relevant Agency (England) Regulations 2018 schedule, as grouped here."""

    EDUCATION = "education", "Education and early years"
    HEALTH = "health", "Health"
    POLICE_JUSTICE = "police_justice", "Police and criminal justice"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PUBLIC_SERVICES = "public_services", "Public services"
    FAITH_SPORT = "faith_sport", "Faith and sport"
    OTHER = "other", "Other"


class LocalAuthorityArea(models.Model):
    name = models.CharField(max_length=200, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(models.Model):
    """The multi-agency safeguarding arrangements for one or more local authority areas."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=60, unique=True)
    local_authority_areas = models.ManyToManyField(LocalAuthorityArea, related_name="partnerships")
    website = models.URLField(blank=True)
    education_partner = models.ForeignKey(
        "Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="A designated childcare or education agency the partnership treats as a "
                  "fourth partner in its own governance (seats, quorum, sign-off of its own "
                  "documents). The law's three statutory partners do not change.",
    )
    agency_staff_mfa_required = models.BooleanField(
        "second factor required for agency leads and contributors", default=False,
        help_text="The business unit, partners, chair, scrutineer, chief officers and anyone "
                  "with access to a case always need one.",
    )

    class Meta:
        ordering = ["name"]
        permissions = [
            ("manage_members", "Invite people and manage their roles"),
            ("view_funding", "See the partnership's budget, contributions and spending"),
            ("manage_funding", "Record the partnership's budget, contributions and spending"),
            ("sign_off_budget", "Sign off the partnership's budget for a statutory partner"),
            ("view_governance", "See the partnership's groups, meetings and action register"),
            ("manage_governance", "Run the partnership's groups, meetings and action register"),
            ("view_reviews", "See the partnership's case reviews (pseudonymised)"),
            ("manage_reviews", "Record notifications, rapid reviews and practice reviews"),
            ("sign_off_reviews", "Sign off rapid review decisions for a statutory partner"),
            ("view_assessments", "See the partnership's Section 11 cycles and submitted returns"),
            ("manage_assessments", "Run Section 11 cycles, see every return, moderate them"),
            ("view_scrutiny", "See the scrutiny dashboards, dataset, activities and challenges"),
            ("manage_scrutiny", "Record scrutiny activities, findings and challenge judgements"),
            ("raise_challenges", "Raise challenges to the partners"),
            ("manage_dataset", "Define the multi-agency dataset and consultations"),
            ("manage_reports", "Prepare and generate the yearly report"),
            ("sign_off_reports", "Sign off the yearly report for a statutory partner"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership-overview", kwargs={"slug": self.slug})


class Agency(models.Model):
    """An organisation. It may serve several partnerships, through designations."""

    name = models.CharField(max_length=255, unique=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_agencies",
        help_text="The agency this one became part of (CCGs into ICBs, NPS and CRCs into the "
                  "Probation Service).",
    )
    merged_on = models.DateField(null=True, blank=True,
                                 help_text="The first day it was part of the other agency.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.CheckConstraint(condition=Q(merged_into__isnull=True, merged_on__isnull=True)
                                   | Q(merged_into__isnull=False, merged_on__isnull=False),
                                   name="agency_merged_on_with_merged_into"),
        ]
        permissions = [
            ("view_agency_people", "See who holds roles in the agency"),
            ("view_agency_funding", "See the agency's own contributions to its partnerships"),
            ("view_agency_actions", "See the actions the agency owns"),
            ("update_agency_actions", "Record progress on the actions the agency owns"),
            ("write_agency_summary", "Write the agency's summaries for rapid reviews"),
            ("view_agency_returns", "See the agency's own self-assessment returns"),
            ("edit_agency_returns", "Answer the agency's self-assessment returns"),
            ("submit_agency_returns", "Submit the agency's self-assessment returns"),
            ("sign_off_agency_returns", "Sign off the agency's submitted returns"),
            ("view_agency_dataset", "See the agency's own dataset returns and challenges"),
            ("submit_agency_dataset", "Submit the agency's quarterly dataset returns"),
            ("respond_agency_challenges", "Respond to challenges addressed to the agency"),
            ("respond_agency_consultations", "Answer consultations sent to the agency"),
        ]

    def __str__(self):
        return self.name

    def name_on(self, day):
        """The agency's name on a day: a record keeps the name of its day (former_names
        must be prefetched by a caller that lists many)."""
        if day is None:
            return self.name
        names = sorted(self.former_names.all(), key=lambda n: n.until)
        return next((n.name for n in names if day <= n.until), self.name)


class AgencyName(models.Model):
    """A name an agency had before, and the last day it had it (North Yorkshire County
    Council until 31 March 2023). Today's name is Agency.name."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=255)
    until = models.DateField(help_text="The last day the agency had this name.")

    class Meta:
        ordering = ["agency", "until"]
        constraints = [models.UniqueConstraint(fields=["agency", "until"],
                                               name="agency_name_once_per_day")]

    def __str__(self):
        return f"{self.name} (until {self.until:%-d %B %Y})"


class Designation(Dated):
    """An agency's place in a partnership: one of the three statutory partners, or a
    relevant agency the partners have chosen to work with."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Statutory partner: local authority"
        POLICE = "police", "Statutory partner: police"
        NHS_COMMISSIONER = "nhs_commissioner", "Statutory partner: NHS commissioner (ICB/CCG)"
        RELEVANT_AGENCY = "relevant_agency", "Relevant agency"
        # Children's Wellbeing and Schools Act 2026, s2 (section 16E as amended): a
        # mandatory participant once commenced (settings.CWSA_EDUCATION_COMMENCEMENT).
        EDUCATION = "education", "Designated childcare or education agency"

    STATUTORY_KINDS = (Kind.LOCAL_AUTHORITY, Kind.POLICE, Kind.NHS_COMMISSIONER)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="designations")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="designations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    local_category = models.CharField(
        max_length=100, blank=True,
        help_text="The partnership's own heading for the agency, as in its published arrangements.",
    )
    reason = models.TextField(
        blank=True,
        help_text="Why the partners chose to work with this agency (shown in the published "
                  "arrangements).",
    )

    class Meta:
        ordering = ["partnership", "kind", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "agency", "start_date"],
                                    name="designation_once_per_start"),
            ends_after_start("designation_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.agency} in {self.partnership} ({self.get_kind_display()})"

    @property
    def is_statutory(self):
        return self.kind in self.STATUTORY_KINDS

    @property
    def short_kind(self):
        if self.is_statutory:
            return self.get_kind_display().split(": ")[1]
        return self.get_kind_display()
