from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """What a notification is about. Each person chooses, per kind, how it reaches them
    (NotificationPreference). Messages carry no child data: a title and a link to the page."""

    RETURN_SUBMITTED = "return-submitted", "A Section 11 return is submitted"
    RETURN_SENT_BACK = "return-sent-back", "A Section 11 return is sent back"
    RETURN_SIGNED_OFF = "return-signed-off", "A Section 11 return is signed off"
    SUMMARY_REQUESTED = "summary-requested", "A rapid review summary is asked for"
    SUMMARY_OVERDUE = "summary-overdue", "A rapid review summary is overdue"
    CHALLENGE_RAISED = "challenge-raised", "A challenge is raised"
    CHALLENGE_ANSWERED = "challenge-answered", "A challenge is answered"
    CHALLENGE_JUDGED = "challenge-judged", "A challenge is judged"
    ACTION_ASSIGNED = "action-assigned", "An action is assigned"
    ACTION_DUE = "action-due", "An action is due"
    ACTION_OVERDUE = "action-overdue", "An action is overdue"
    PAPERS_PUBLISHED = "papers-published", "Meeting papers are published"
    REPORT_SIGN_OFF = "report-sign-off", "A report waits for sign-off"
    CONSULTATION_OPENED = "consultation-opened", "A consultation is opened"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "By e-mail at once"
    DIGEST = "digest", "In a daily e-mail digest"
    PORTAL = "portal", "In the portal only"


class Notification(models.Model):
    """Something a person should know about, shown on their notifications page and, by
    their preference for its kind, e-mailed at once or in the daily digest."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.CASCADE,
                                    null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    message = models.CharField(max_length=300,
                               help_text="What happened, without child data.")
    link = models.CharField(max_length=500, help_text="The page it is about (a path).")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices,
                                help_text="How it reaches the person, fixed when it is made.")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
            models.Index(fields=["delivery", "emailed_at"], name="notification_unsent"),
        ]

    def __str__(self):
        return self.message

    @property
    def read(self):
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice of delivery for one kind; without a row, e-mail at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.kind} {self.delivery}"
