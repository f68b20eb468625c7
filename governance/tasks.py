"""Celery tasks of governance: ids in, one service call."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def pack_render(pack_id):
    """Make one agenda pack. Safe to deliver twice (see governance/services/packs.py)."""
    from .services.packs import pack_run

    return pack_run(pack_id)


@shared_task
def meeting_invitations_send(meeting_id, invite=False):
    """E-mail a meeting's calendar invitations, updates or cancellations that are due
    (governance/services/invitations.py)."""
    from .services.invitations import invitations_send

    return invitations_send(meeting_id=meeting_id, invite=invite)


@shared_task
def pack_render_sweep():
    """Every five minutes: queue again the agenda packs whose job was lost."""
    from .services.packs import pack_requeue_stale

    return pack_requeue_stale()


@shared_task
def action_reminders_send():
    """Daily: notify the owners of actions due today, and of those overdue (escalating to
    the agency's leads), once each."""
    from .services.reminders import action_reminders_send as send

    return send()
