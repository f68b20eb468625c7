import uuid

from django.conf import settings
from django.db import models


def template_path(instance, filename):
    return f"templates/{instance.partnership_id}/{uuid.uuid4().hex}.docx"


class MinutesTemplate(models.Model):
    """A partnership's own Word template for its minutes: the Word export is built on it
    (its styles, headers and footers and page setup kept, its body replaced by the minutes).
    Stored under a random name; a replaced file is left for the retention job."""

    partnership = models.OneToOneField("partnership.Partnership", on_delete=models.CASCADE,
                                       related_name="minutes_template")
    file = models.FileField(upload_to=template_path)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField()

    def __str__(self):
        return f"Minutes template of {self.partnership}: {self.filename}"
