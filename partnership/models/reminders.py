from django.db import models


class ReminderSent(models.Model):
    """A deadline reminder already sent, for every app's daily reminder job: the key names
    the app, the record, the deadline and the kind of reminder (for example
    "notify-panel:12:2026-01-05:overdue"), so each reminder goes out once."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.key
