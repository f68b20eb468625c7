"""Every write to case reviews, one module a part: notifications (and the restricted child
record and case grants), rapid reviews, practice reviews, recommendations, reminders."""
