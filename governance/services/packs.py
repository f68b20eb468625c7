"""The agenda pack: one PDF per publication of an agenda, made in the background.

Publishing an agenda (services/agenda.py) makes two AgendaPack rows, the members' pack (with
the confidential items) and everyone else's (without them: no title, no papers), and queues
the task governance.tasks.pack_render for each once the transaction commits. The task only
calls `pack_run(pack_id)`, the same design as the yearly report's render
(scrutiny/services/report_render.py) on a smaller scale:

- a run claims the pack under a row lock (queued -> rendering); a pack that is ready or
  failed is left alone, so a second delivery does nothing once the first has finished;
- the PDF is a front sheet and the agenda (HTML through partnership/pdf.py's WeasyPrint
  renderer, with the yearly report's print styles), then each PDF paper in agenda order
  (pypdf); other papers are listed by title and filename, available in the portal;
- the file is saved through the storage API under a name of its own, then the pack is marked
  ready under the meeting's row lock, only if no other run finished it first (a late run
  removes what it saved);
- when both packs of a publication are ready, the group's members with accounts are
  notified, with a link to the pack's page (never the file, never an item's title);
- a failure is recorded on the pack with its reason (the page shows it); the task has time
  limits (governance/tasks.py), so a render that hangs fails too;
- a job whose message was lost (queued and never started) or whose worker died (rendering
  past the task's hard time limit) is queued again by the sweep every few minutes
  (`pack_requeue_stale`, beat).
"""

import datetime
import io
import logging
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import KombuError
from pypdf import PdfReader, PdfWriter

from partnership.celery import app as celery_app
from partnership.celery import queue_reachable
from partnership.errors import Unavailable
from partnership.models import NotificationKind
from partnership.pdf import render_pdf
from partnership.services.notifications import notify

from ..models import AgendaPack, GroupMember, Meeting, PackStatus
from ..selectors import agenda as selectors

logger = logging.getLogger(__name__)
PACK_TASK = "governance.tasks.pack_render"
STYLESHEETS = ("print/print.css",)  # the yearly report's print styles
UNAVAILABLE = ("The agenda cannot be published just now because the job queue that makes its "
               "pack is not answering. Nothing was changed: try again in a few minutes.")


def pack_queue(pack_ids):
    """Queue the packs' jobs once the transaction commits; refused (Unavailable, the caller's
    transaction rolls back) when the queue cannot be reached."""
    if not queue_reachable():
        raise Unavailable(UNAVAILABLE)
    task = celery_app.tasks[PACK_TASK]

    def send():
        for pk in pack_ids:
            try:
                task.delay(pk)
            except (KombuError, OSError):
                logger.exception("Agenda pack %s: the job could not be queued", pk)

    transaction.on_commit(send)


QUEUED_STALE = datetime.timedelta(minutes=5)  # a message normally starts within seconds
RENDERING_STALE = datetime.timedelta(minutes=15)  # past the task's hard limit (660 s)


def pack_requeue_stale(now=None):
    """Queue again the packs whose job was lost: queued for QUEUED_STALE without starting,
    or rendering for RENDERING_STALE (its worker died without the message coming back).
    Returns how many were queued again."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(AgendaPack.objects.select_for_update(skip_locked=True).filter(
            Q(status=PackStatus.QUEUED, queued_at__lt=now - QUEUED_STALE)
            | Q(status=PackStatus.RENDERING, started_at__lt=now - RENDERING_STALE)))
        if not stale or not queue_reachable():
            return 0
        AgendaPack.objects.filter(pk__in=[pack.pk for pack in stale]).update(
            status=PackStatus.QUEUED, queued_at=now)
        task = celery_app.tasks[PACK_TASK]
        transaction.on_commit(lambda: [task.delay(pack.pk) for pack in stale])
    return len(stale)


def _claim(pack_id):
    """The pack, claimed for this run, or None when there is nothing to do."""
    with transaction.atomic():
        pack = AgendaPack.objects.select_for_update().filter(pk=pack_id).first()
        if pack is None or pack.status in (PackStatus.READY, PackStatus.FAILED):
            return None
        pack.status, pack.reason, pack.started_at = PackStatus.RENDERING, "", timezone.now()
        pack.save(update_fields=["status", "reason", "started_at"])
    return AgendaPack.objects.select_related("meeting__group__partnership").get(pk=pack_id)


def _paper_pdf(paper):
    """The paper's PDF (a PdfReader) if it is a readable PDF, else None."""
    if paper.content_type != "application/pdf":
        return None
    try:
        with paper.file.open("rb") as handle:
            data = handle.read()
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return reader if len(reader.pages) else None
    except Exception:  # a damaged or missing file is listed, not merged
        logger.warning("Agenda pack: paper %s could not be read as a PDF", paper.pk,
                       exc_info=True)
        return None


def build_pdf(pack):
    """The pack's PDF (bytes): front sheet and agenda, then each readable PDF paper."""
    meeting = pack.meeting
    items = selectors.pack_items(pack)
    merged = []
    for item in items:
        for paper in item.current:
            paper.reader = _paper_pdf(paper)
            if paper.reader is not None:
                merged.append(paper)
    html = render_to_string("governance/packs/document.html", {
        "pack": pack, "meeting": meeting, "group": meeting.group,
        "partnership": meeting.group.partnership, "items": items,
        "published": meeting.agenda_published_at, "merged": merged})
    writer = PdfWriter()
    writer.append(io.BytesIO(render_pdf(html, stylesheets=STYLESHEETS)))
    for paper in merged:
        writer.append(paper.reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _remove(storage, name):
    try:
        storage.delete(name)
    except Exception:
        logger.exception("Agenda pack: the unreferenced file %s could not be removed", name)


def _store(pack, pdf):
    """Save the PDF, then mark the pack ready (under the meeting's row lock, so that of two
    packs finishing at once exactly one sees both ready and sends the e-mail)."""
    storage = pack.file.storage
    name = f"packs/{pack.meeting.group.partnership_id}/{uuid.uuid4().hex}.pdf"
    try:
        name = storage.save(name, ContentFile(pdf))
    except BaseException:
        _remove(storage, name)
        raise
    try:
        with transaction.atomic():
            Meeting.objects.select_for_update().filter(pk=pack.meeting_id).first()
            current = AgendaPack.objects.select_for_update().get(pk=pack.pk)
            if current.status != PackStatus.RENDERING:
                _remove(storage, name)  # another run finished it first
                return current
            current.file.name, current.size = name, len(pdf)
            current.status, current.finished_at = PackStatus.READY, timezone.now()
            current.save(update_fields=["file", "size", "status", "finished_at"])
            siblings = AgendaPack.objects.filter(meeting_id=pack.meeting_id, number=pack.number)
            if not siblings.exclude(status=PackStatus.READY).exists():
                papers_published(pack.meeting_id)
    except BaseException:
        _remove(storage, name)
        raise
    return current


def _fail(pack_id, reason):
    AgendaPack.objects.filter(pk=pack_id, status=PackStatus.RENDERING).update(
        status=PackStatus.FAILED, reason=reason[:1000], finished_at=timezone.now())


def pack_run(pack_id):
    """Make one pack (the Celery task's body). Returns its status after this run, or None
    when there was nothing to do."""
    pack = _claim(pack_id)
    if pack is None:
        return None
    meeting = pack.meeting
    latest = meeting.packs.order_by("-number").values_list("number", flat=True).first()
    if meeting.agenda_published_at is None or pack.number != latest:
        _fail(pack_id, "The agenda was reopened before this pack was made.")
        return PackStatus.FAILED
    try:
        _store(pack, build_pdf(pack))
    except Exception as error:  # recorded for the page
        logger.exception("Agenda pack %s failed", pack_id)
        _fail(pack_id, f"The pack could not be made: {type(error).__name__}")
        return PackStatus.FAILED
    return PackStatus.READY


def papers_published(meeting_id):
    """Tell the group's members who have an account that the meeting's papers are published
    (partnership notifications: in the portal, and by e-mail as each chooses), with a link
    to the pack's page. The message names the group and the meeting's date only: no item, no
    paper."""
    meeting = Meeting.objects.select_related("group__partnership").get(pk=meeting_id)
    group = meeting.group
    members = (GroupMember.objects.active().filter(group=group, user__isnull=False)
               .values_list("user_id", flat=True))
    notify(kind=NotificationKind.PAPERS_PUBLISHED, recipients=list(members),
           message=f"{group.name}: the papers for the meeting on "
                   f"{timezone.localtime(meeting.starts_at):%-d %B %Y} are published.",
           link=reverse("governance:meeting-pack", args=[group.partnership.slug, meeting.pk]),
           partnership=group.partnership)
