from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AccessEvent(models.Model):
    """Who read (or downloaded, or exported) which sensitive record, and when.

    Changes are recorded by django-auditlog; this records reads. Written only through
    `partnership.services.audit.access_event_record`.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        EXPORT = "export", "Exported"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="access_events")
    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.VIEW)
    path = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} {self.action} {self.object_repr} at {self.at:%Y-%m-%d %H:%M}"
