"""Celery tasks of case reviews: thin, one service call each."""

from celery import shared_task


@shared_task
def review_reminders_send():
    """Daily: e-mail each case review deadline reminder due today, once."""
    from .services.reminders import reminders_send

    return reminders_send()
