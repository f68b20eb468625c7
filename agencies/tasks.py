"""Celery tasks of self-assessments: thin, one service call each."""

from celery import shared_task


@shared_task
def s11_reminders_send():
    """Daily: e-mail each Section 11 deadline reminder due today, once."""
    from .services.reminders import reminders_send

    return reminders_send()
