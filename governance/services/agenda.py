"""Writes to a meeting's agenda: moving and removing items, removing and replacing papers,
and publishing the agenda (which freezes it and queues the agenda pack) or reopening it.

Every step locks the meeting's row first, so two officers working on the same agenda queue
one behind the other, and checks there that the agenda is still open: once published, items
and papers change only after the agenda is reopened."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.files import file_save
from partnership.services.common import locked

from ..models import AgendaItem, AgendaPack, MeetingStatus, Paper

FROZEN = ("The agenda has been published, so its items and papers can no longer be changed. "
          "Reopen the agenda to change it, then publish it again.")


def require_open(meeting):
    """Lock the meeting's row and refuse (WrongState) while its agenda is published."""
    locked(meeting)
    if meeting.agenda_published_at is not None:
        raise WrongState(FROZEN)
    return meeting


def _renumber(meeting):
    """Positions 1..n in the agenda's order (the meeting's row is locked by the caller)."""
    items = list(meeting.items.order_by("position", "pk"))
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])
    return items


@transaction.atomic
def item_move(*, item, direction):
    """Move an item one place up or down the agenda. Moving the first item up or the last
    down changes nothing."""
    if direction not in ("up", "down"):
        raise Invalid("Choose whether to move the item up or down")
    meeting = require_open(item.meeting)
    items = _renumber(meeting)
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        raise WrongState("The item is no longer on the agenda")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for number, each in enumerate(items, start=1):
            if each.position != number:
                each.position = number
                each.save(update_fields=["position"])
    return AgendaItem.objects.get(pk=item.pk)


@transaction.atomic
def item_remove(*, item):
    """Take an item off an unpublished agenda, with its papers (decisions and declarations
    recorded against it stay, no longer tied to an item)."""
    meeting = require_open(item.meeting)
    # Newest versions first: a paper that replaced another protects the one it replaced.
    for paper in Paper.objects.filter(item=item).order_by("-pk"):
        paper.delete()
    item.delete()
    _renumber(meeting)
    return meeting


def _current(paper):
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    if paper.removed_at is not None:
        raise WrongState("This paper has already been removed")
    if Paper.objects.filter(replaces=paper).exists():
        raise WrongState("This paper has already been replaced by a newer version")
    return paper


@transaction.atomic
def paper_remove(*, paper, user):
    """Take a paper off the agenda; its file is kept (the record shows who removed it)."""
    require_open(paper.item.meeting)
    paper = _current(paper)
    paper.removed_at, paper.removed_by = timezone.now(), user
    paper.save(update_fields=["removed_at", "removed_by"])
    return paper


@transaction.atomic
def paper_replace(*, paper, checked, title, user):
    """A new version of a paper (an upload passed through uploads.check_upload). The old
    version stays downloadable as a previous version but leaves the agenda and the pack."""
    require_open(paper.item.meeting)
    old = _current(paper)
    new = Paper(item=old.item, title=title or old.title, filename=checked.filename,
                content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
                uploaded_by=user, replaces=old)
    file_save(new.file, checked)
    new.save()
    return new


@transaction.atomic
def agenda_publish(*, meeting, user):
    """Publish the agenda: it is frozen, and the agenda pack (number n, once for the members
    and once for everyone else) is made in the background once this commits."""
    from . import packs  # packs queues its task by name; imported here to keep this light

    locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise WrongState("The meeting was cancelled: its agenda cannot be published")
    if meeting.agenda_published_at is not None:
        raise WrongState("The agenda has already been published")
    if not meeting.items.exists():
        raise WrongState("Add at least one item before publishing the agenda")
    meeting.agenda_published_at, meeting.agenda_published_by = timezone.now(), user
    meeting.save(update_fields=["agenda_published_at", "agenda_published_by", "updated_at"])
    number = (meeting.packs.aggregate(n=Max("number"))["n"] or 0) + 1
    made = [AgendaPack.objects.create(meeting=meeting, number=number, members_only=members,
                                      queued_at=timezone.now())
            for members in (True, False)]
    packs.pack_queue([pack.pk for pack in made])
    return meeting


@transaction.atomic
def agenda_reopen(*, meeting):
    """Clear the publication so the agenda can be changed and published again (as a new
    pack). Packs already made are kept."""
    locked(meeting)
    if meeting.agenda_published_at is None:
        raise WrongState("The agenda is not published")
    meeting.agenda_published_at, meeting.agenda_published_by = None, None
    meeting.save(update_fields=["agenda_published_at", "agenda_published_by", "updated_at"])
    return meeting
