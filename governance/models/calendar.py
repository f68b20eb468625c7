from django.db import models


class CalendarFeed(models.Model):
    """A person's private calendar feed. Only a hash of the secret in its URL is kept, so
    the URL is shown once; making a new one revokes the old."""

    user = models.OneToOneField("partnership.User", on_delete=models.CASCADE,
                                related_name="calendar_feed")
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"
