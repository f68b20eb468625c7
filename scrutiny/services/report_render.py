"""Rendering the yearly report to PDF: the job behind each ReportVersion.

requested -> rendering (progress %) -> ready | failed (reason). The Celery task
(scrutiny.tasks.report_render) only calls `render_run(version_id)`, which is safe to run
twice or after a worker died. The task module imports this one, never the other way round:
`render_request` queues the task by its name, through Celery's registry (scrutiny/apps.py
registers the tasks in every process).

`render_run`:

- a run first *claims* the version under a row lock: nothing to do once it is ready or
  failed, nor while another attempt holds it and its heartbeat is fresh (a second delivery
  of the same message does nothing); an attempt whose heartbeat is older than the lease is
  taken to be dead (its worker was killed) and the new run takes over;
- every progress update is made only by the attempt holding the claim, and refreshes the
  heartbeat;
- the PDF is saved through Django's storage API (the local disk or object storage: see
  partnership/storage.py) under a name of the attempt's own, then the version is marked
  ready, only by the attempt still holding the claim (under the row lock): no partial file
  is ever referenced, and a superseded or failed attempt removes what it saved.

Queueing: a job is sent only after its transaction commits, and only when the queue answers
(else the request is refused with `Unavailable`, 503, and nothing is made). A job whose
message is lost (sent while the broker went down, or dropped) or whose worker died is sent
again by the sweep (`render_requeue_stale`, every minute from Celery beat). The task has time
limits (scrutiny/tasks.py): a render that hangs fails with its reason.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import KombuError

from partnership.celery import app as celery_app
from partnership.celery import queue_reachable
from partnership.errors import Unavailable
from partnership.pdf import render_pdf

from ..models import RenderStatus, ReportVersion, YearlyReport
from ..selectors import reports as report_selectors
from ..selectors.report_sections import assemble
from .reports import missing_sign_offs

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
RENDER_TASK = "scrutiny.tasks.report_render"
STYLESHEETS = ("print/print.css",)
CHART_FONT = 'font-family="arial, sans-serif"'  # as templates/charts/bar_chart.html writes it


def lease_seconds():
    return getattr(settings, "YEARLY_REPORT_LEASE_SECONDS", 120)


def stale_seconds():
    """How long a queued job may wait before the sweep sends it again."""
    return getattr(settings, "YEARLY_REPORT_STALE_SECONDS", 300)


class Superseded(Exception):
    """Another attempt took the job over: this one stops and writes nothing."""


UNAVAILABLE = ("The report cannot be generated just now because the job queue is not "
               "answering. Nothing was changed: try again in a few minutes.")


def _queue(version_ids):
    """Send the versions' jobs, once the transaction commits. A message that cannot be sent
    then is left to `render_requeue_stale`: the version stays requested, never stuck."""
    task = celery_app.tasks[RENDER_TASK]  # NotRegistered (here, in the request) if it is missing

    def send():
        for pk in version_ids:
            try:
                task.delay(pk)
            except (KombuError, OSError):
                logger.exception("Yearly report version %s: the job could not be queued; "
                                 "the sweep will queue it again", pk)
                return
            ReportVersion.objects.filter(pk=pk).update(queued_at=timezone.now())

    transaction.on_commit(send)


@transaction.atomic
def render_request(*, report, requested_by=None, queue=True):
    """A new version of the report, queued for rendering once the transaction commits.
    Refused (Unavailable, nothing made) when the queue cannot be reached."""
    if queue and not queue_reachable():
        raise Unavailable(UNAVAILABLE)
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion.objects.create(report=report, number=number,
                                           draft=bool(missing_sign_offs(report)),
                                           requested_by=requested_by)
    if queue:
        _queue([version.pk])
    return version


def stale_versions(now=None):
    """Versions whose job is lost: requested but not taken up for STALE_SECONDS since they
    were last queued (a lost message, or a broker that was down), or rendering with a
    heartbeat older than the lease (the worker died; its message may wait for the broker's
    visibility timeout, an hour on Redis)."""
    now = now or timezone.now()
    waited = now - datetime.timedelta(seconds=stale_seconds())
    dead = now - datetime.timedelta(seconds=lease_seconds())
    return ReportVersion.objects.filter(
        Q(status=RenderStatus.REQUESTED) & (Q(queued_at__lt=waited)
                                            | Q(queued_at__isnull=True, created_at__lt=waited))
        | Q(status=RenderStatus.RENDERING, heartbeat_at__lt=dead))


def render_requeue_stale(now=None):
    """The periodic sweep: queue the lost jobs again (a job runs at most once at a time:
    see `_claim`). Returns how many were queued."""
    if not queue_reachable():
        return 0
    ids = list(stale_versions(now).order_by("pk").values_list("pk", flat=True))
    if ids:
        logger.info("Yearly report versions %s: queued again by the sweep", ids)
        with transaction.atomic():
            _queue(ids)
    return len(ids)


def requeue_if_stale(version):
    """For a request that finds a version still waiting: queue it again if its job is lost."""
    if stale_versions().filter(pk=version.pk).exists() and queue_reachable():
        with transaction.atomic():
            _queue([version.pk])


def _claim(version_id):
    """The new attempt's id, or None when there is nothing for this run to do."""
    now = timezone.now()
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().filter(pk=version_id).first()
        if version is None or version.status in (RenderStatus.READY, RenderStatus.FAILED):
            return None
        if version.status == RenderStatus.RENDERING:
            alive = version.heartbeat_at and (now - version.heartbeat_at).total_seconds() < lease_seconds()
            if alive:
                return None
            if version.attempts >= MAX_ATTEMPTS:
                version.status, version.attempt = RenderStatus.FAILED, ""
                version.reason = f"The rendering stopped {version.attempts} times without finishing."
                version.finished_at = now
                version.save(update_fields=["status", "attempt", "reason", "finished_at"])
                return None
        version.attempt = uuid.uuid4().hex
        version.attempts += 1
        version.status, version.progress, version.reason = RenderStatus.RENDERING, 1, ""
        version.heartbeat_at = now
        version.save(update_fields=["attempt", "attempts", "status", "progress", "reason",
                                    "heartbeat_at"])
        return version.attempt


def _progress(version_id, attempt, percent):
    changed = ReportVersion.objects.filter(
        pk=version_id, attempt=attempt, status=RenderStatus.RENDERING).update(
        progress=percent, heartbeat_at=timezone.now())
    if not changed:
        raise Superseded


def build_pdf(version, *, progress=lambda percent: None):
    """The PDF of `version` (bytes) and whether it is a draft, from today's live data."""
    report = version.report
    sections = assemble(report, progress=lambda done, total: progress(5 + 55 * done // total))
    context = report_selectors.document_context(report, sections)
    context.update(version=version, generated=timezone.localdate())
    html = render_to_string("scrutiny/reports/document.html", context)
    # The charts name the pages' font (Arial); the PDF embeds only the fonts shipped with the
    # project (static/print/print.css names them "Report Sans").
    html = html.replace(CHART_FONT, 'font-family="Report Sans"')
    progress(65)
    return render_pdf(html, stylesheets=STYLESHEETS), context["draft"]


def _remove(storage, name):
    """Remove a file this attempt saved but will not reference (a failure to do so is only
    logged: the retention job removes files no record points to)."""
    try:
        storage.delete(name)
    except Exception:
        logger.exception("Yearly report: the unreferenced file %s could not be removed", name)


def _store(version, attempt, pdf, draft):
    """Save the PDF through the storage API, then mark the version ready if this attempt
    still holds it; a file saved by an attempt that turns out superseded is removed."""
    storage = version.file.storage
    # The name is the attempt's own (file_overwrite is off, and no attempt id repeats).
    name = (f"reports/{version.report.partnership_id}/"
            f"{version.report_id}-v{version.number}-{attempt}.pdf")
    try:
        name = storage.save(name, ContentFile(pdf))
    except BaseException:
        _remove(storage, name)  # what a write that broke off left on a local disk
        raise
    try:
        with transaction.atomic():
            current = (ReportVersion.objects.select_for_update()
                       .filter(pk=version.pk, attempt=attempt, status=RenderStatus.RENDERING).first())
            if current is None:
                raise Superseded
            current.file.name, current.size, current.draft = name, len(pdf), draft
            current.status, current.progress, current.attempt = RenderStatus.READY, 100, ""
            current.finished_at = timezone.now()
            current.save(update_fields=["file", "size", "draft", "status", "progress", "attempt",
                                        "finished_at"])
    except BaseException:
        _remove(storage, name)
        raise
    return current


def _fail(version_id, attempt, reason):
    ReportVersion.objects.filter(pk=version_id, attempt=attempt,
                                 status=RenderStatus.RENDERING).update(
        status=RenderStatus.FAILED, reason=reason[:1000], attempt="",
        finished_at=timezone.now())


def render_run(version_id):
    """Render one version (the Celery task's body). Returns the version's status after this
    run, or None when there was nothing for it to do."""
    attempt = _claim(version_id)
    if attempt is None:
        return None
    version = ReportVersion.objects.select_related("report__partnership").get(pk=version_id)
    try:
        pdf, draft = build_pdf(version, progress=lambda p: _progress(version_id, attempt, p))
        _progress(version_id, attempt, 95)
        _store(version, attempt, pdf, draft)
    except Superseded:
        logger.info("Yearly report version %s: attempt %s was superseded", version_id, attempt)
        return None
    except Exception as error:  # the job records why it failed, for the page and the API
        logger.exception("Yearly report version %s failed", version_id)
        _fail(version_id, attempt, f"The report could not be rendered: {type(error).__name__}: "
                                   f"{error}")
        return RenderStatus.FAILED
    return RenderStatus.READY
