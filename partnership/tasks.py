"""Celery tasks of the core app: ids in, one service call."""

from celery import shared_task
from django.db import connection


@shared_task
def ping():
    """Answers "pong" once the worker can reach the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "pong"


@shared_task
def invitation_send(user_id, partnership_id, invited_by_id, role, new_account):
    from .services.emails import invitation_email_send

    invitation_email_send(user_id=user_id, partnership_id=partnership_id,
                          invited_by_id=invited_by_id, role=role, new_account=new_account)


@shared_task
def invitations_send(partnership_id, invited_by_id, invitations):
    from .services.emails import invitations_email_send

    invitations_email_send(partnership_id=partnership_id, invited_by_id=invited_by_id,
                           invitations=invitations)


@shared_task
def second_factor_reset_email(user_id, by_id, partnership_id):
    from .services.mfa import second_factor_reset_email_send

    second_factor_reset_email_send(user_id=user_id, by_id=by_id, partnership_id=partnership_id)


@shared_task
def access_sync_due():
    """Nightly: what started or ended since the last sync (requests do the same on their
    own; this keeps a quiet deployment's rows current)."""
    from .services.access import access_sync_due as sync

    sync()


@shared_task(soft_time_limit=60 * 60, time_limit=65 * 60)
def retention_prune():
    """Nightly: delete what is past its retention (partnership/services/retention.py). Up to
    an hour: the first run on an old deployment may have years of records and files to go."""
    from .services.retention import retention_prune as prune

    prune()


@shared_task
def notification_emails_send(notification_ids):
    """E-mail the notifications delivered "at once" (queued after the commit that made them)."""
    from .services.notification_emails import emails_send

    emails_send(notification_ids)


@shared_task
def notification_digest_send():
    """Daily (07:30): one e-mail per person listing their notifications for the digest."""
    from .services.notification_emails import digest_send

    return digest_send()


@shared_task
def dormancy_sweep():
    """Nightly: deactivate accounts unused for DORMANT_ACCOUNT_DAYS, and warn those that will
    be (partnership/services/dormancy.py)."""
    from .services.dormancy import dormancy_sweep as sweep

    return sweep()
