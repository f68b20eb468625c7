"""Assessment templates: versioned sets of standards and their questions, with a rating
scale and the rating below which an action plan item is required. The library templates
(partnership empty) ship with the portal and are read-only; a partnership copies one to
edit it. A template used by a cycle is frozen: changing it means a new version."""

from django.db import models
from django.db.models import Q

from partnership.models import Partnership


class Kind(models.TextChoices):
    SECTION_11 = "section_11", "Section 11 self-assessment"
    SECTION_175 = "section_175", "Section 175/157 schools safeguarding audit"


class Scale(models.TextChoices):
    RAG = "rag", "Red, amber, green"
    ONE_TO_FOUR = "one_to_four", "1 to 4"
    COMPLIANCE = "compliance", "Compliant, partly compliant, not compliant"


# Each scale's options, worst first: (value, label). Higher values are better.
SCALE_OPTIONS = {
    Scale.RAG: ((1, "Red: not met"), (2, "Amber: partly met"), (3, "Green: fully met")),
    Scale.ONE_TO_FOUR: ((1, "1: not met"), (2, "2: partly met"), (3, "3: mostly met"),
                        (4, "4: fully met")),
    Scale.COMPLIANCE: ((1, "Not compliant"), (2, "Partly compliant"), (3, "Compliant")),
}


class AssessmentTemplate(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="assessment_templates",
                                    help_text="Empty for the library templates shipped with the portal.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="next_versions")
    scale = models.CharField(max_length=20, choices=Scale.choices, default=Scale.RAG)
    action_below = models.PositiveSmallIntegerField(
        default=3, help_text="A rating below this value needs an action plan item.")
    guidance = models.TextField(blank=True)
    frozen = models.BooleanField(default=False, help_text="Used by a cycle: no longer editable.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "-version"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name", "version"],
                                               name="template_version_once"),
                       models.UniqueConstraint(fields=["name", "version"],
                                               condition=Q(partnership__isnull=True),
                                               name="library_template_version_once")]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def options(self):
        return SCALE_OPTIONS[self.scale]

    def label_of(self, value):
        return dict(self.options).get(value, "")


class Standard(models.Model):
    template = models.ForeignKey(AssessmentTemplate, on_delete=models.CASCADE,
                                 related_name="standards")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    rate_questions = models.BooleanField(
        default=False, help_text="Each question is rated and answered on its own, with its own "
                                 "evidence; the standard's rating is the lowest of them. "
                                 "Otherwise the questions are prompts for one answer.")

    class Meta:
        ordering = ["template", "position", "pk"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Question(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="questions")
    number = models.CharField(max_length=10)
    text = models.TextField()
    guidance = models.TextField(blank=True)
    evidence_required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["standard", "position", "pk"]

    def __str__(self):
        return f"{self.number} {self.text[:60]}"
