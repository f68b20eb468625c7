"""The partnership's published documents: its safeguarding arrangements and its threshold
document, each in numbered versions. A version of the arrangements holds a snapshot of what the
portal recorded on the day it was drafted (partners, agencies, groups, scrutiny, funding, child
protection teams, settings), so that a published version never changes; its narrative sections
are the business unit's Markdown. The three lead safeguarding partners sign each version off;
the business unit publishes it. Also the youth custody and residential settings in the area,
which the arrangements list."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Kind(models.TextChoices):
    ARRANGEMENTS = "arrangements", "Published safeguarding arrangements"
    THRESHOLD = "threshold", "Threshold document"


# Each kind's narrative sections, in order: (key, heading, what it asks, required to sign).
SECTIONS = {
    Kind.ARRANGEMENTS: (
        ("introduction", "About these arrangements",
         "What the arrangements are for, the area they cover and how they were agreed.", False),
        ("independent_scrutiny", "Independent scrutiny",
         "How the arrangements are scrutinised independently, by whom, and how the findings "
         "are acted on (the planned activities are listed from the scrutiny plan).", True),
        ("child_death_review", "Child death review arrangements",
         "How child deaths are reviewed: the child death overview panel, who takes part and "
         "how it reports.", True),
        ("learning", "Learning and training",
         "How practice reviews, audits and training turn into learning for practitioners.",
         False),
    ),
    Kind.THRESHOLD: (
        ("introduction", "About this document",
         "Who the threshold document is for and how to use it.", False),
        ("levels_of_need", "Levels of need",
         "The continuum of need: each level, what it looks like and the help it calls for.", True),
        ("how_to_refer", "How to refer",
         "How to ask for help or make a referral at each level, with contact details.", True),
    ),
}


def section_keys(kind):
    return [key for key, *_ in SECTIONS[kind]]


class DocumentVersion(models.Model):
    """One version of a partnership's arrangements or threshold document."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE,
                                    related_name="document_versions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField()
    built_on = models.DateField(help_text="The day the recorded facts were taken from.")
    snapshot = models.JSONField(default=dict, blank=True,
                                help_text="What the portal recorded on that day (arrangements).")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["partnership", "kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "kind", "number"],
                                               name="document_version_once")]

    def __str__(self):
        return f"{self.get_kind_display()}, version {self.number}"

    @property
    def public_url(self):
        if self.published_on is None:
            return None
        return reverse("arrangements:public-document", kwargs={
            "slug": self.partnership.slug, "kind": self.kind, "number": self.number})


class Section(models.Model):
    """A narrative section of a version (Markdown, sanitised whenever it is shown)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="sections")
    key = models.CharField(max_length=30)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="section_once")]

    def __str__(self):
        return f"{self.version}: {self.key}"


class SignOff(models.Model):
    """A lead safeguarding partner's sign-off of a version for the partner they act for, with
    the capacity they signed in (partnership.permissions.capacity). `education` marks the
    education partner's signature, given beside the three statutory ones."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="sign_offs")
    partner = models.ForeignKey("partnership.Agency", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    capacity = models.CharField(max_length=400)
    education = models.BooleanField(default=False)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "education", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["version", "partner"],
                                               name="document_sign_off_once")]

    def __str__(self):
        return f"{self.partner} signed off {self.version}"


class SettingKind(models.TextChoices):
    YOUTH_CUSTODY = "youth_custody", "Youth custody"
    SECURE_CHILDRENS_HOME = "secure_childrens_home", "Secure children's home"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    RESIDENTIAL_SPECIAL_SCHOOL = "residential_special_school", "Residential special school"
    OTHER = "other", "Other"


class Setting(models.Model):
    """A youth custody or residential setting in the partnership's area (Working Together:
    the arrangements say how they include these settings)."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE,
                                    related_name="residential_settings")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=SettingKind.choices)
    area = models.CharField("Address area", max_length=200,
                            help_text="The town or district, not the full address.")

    class Meta:
        ordering = ["partnership", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"],
                                               name="setting_name_once")]

    def __str__(self):
        return self.name


def one_year_after(day):
    """The same date a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)

