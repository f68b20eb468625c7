"""Celery tasks of scrutiny: ids in, one service call."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def report_render(version_id):
    """Render one version of a yearly report. Safe to deliver twice and to redeliver after
    the worker died (see scrutiny/services/report_render.py)."""
    from .services.report_render import render_run

    return render_run(version_id)


@shared_task
def report_render_sweep():
    """Every minute: queue again the jobs whose message was lost or whose worker died."""
    from .services.report_render import render_requeue_stale

    return render_requeue_stale()
