from django.db import models

from partnership.models import Partnership

DEFAULT_THEMES = ("Neglect", "Domestic abuse", "Exploitation", "Parental mental health",
                  "Substance misuse", "Information sharing", "Safe sleep", "Adolescent risk",
                  "Professional curiosity", "Voice of the child")


class LearningTheme(models.Model):
    """A partnership's learning themes, tagged on reviews and recommendations."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="learning_themes")
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"],
                                               name="learning_theme_once")]

    def __str__(self):
        return self.name
