"""Reads for the agenda: each item's start time, the papers on it now and their earlier
versions, and an agenda's packs. Callers pass what the user may see (governance/permissions.py)."""

import datetime

from django.db.models import Prefetch

from ..models import AgendaItem, AgendaPack, Paper


def current_papers():
    """Papers on the agenda: not removed and not replaced by a newer version."""
    return Paper.objects.filter(removed_at__isnull=True, replaced_by__isnull=True).order_by("pk")


def with_times(meeting, items):
    """Set `starts_at` on each item (in agenda order): the meeting's start plus the time
    allowed for the items before it, over the whole agenda (confidential items take time
    too), or None after an item with no time allowed. Returns `items`."""
    start = meeting.starts_at
    times = {}
    for pk, minutes in meeting.items.order_by("position", "pk").values_list("pk", "duration_minutes"):
        times[pk] = start
        if start is not None:
            start = start + datetime.timedelta(minutes=minutes) if minutes else None
    for item in items:
        item.starts_at = times.get(item.pk)
    return items


def agenda(meeting, items):
    """The items (a queryset the user may see) in order, each with its current papers
    (`current`), the earlier versions of papers replaced since (`previous`, newest first)
    and start time."""
    items = items.select_related("owner").prefetch_related(
        Prefetch("papers", queryset=current_papers(), to_attr="current"),
        Prefetch("papers", queryset=Paper.objects.filter(replaced_by__isnull=False)
                 .order_by("-pk"), to_attr="previous"))
    return with_times(meeting, list(items.order_by("position", "pk")))


def earlier_versions(items):
    """Papers of these items that are no longer on the agenda (replaced or removed), newest
    first, with what replaced them."""
    return (Paper.objects.filter(item__in=items)
            .exclude(removed_at__isnull=True, replaced_by__isnull=True)
            .select_related("item", "replaced_by", "removed_by").order_by("item__position", "-pk"))


def latest_pack(meeting, *, members_only):
    """The newest pack of the meeting's kind for the reader, any status (None before any)."""
    return (AgendaPack.objects.filter(meeting=meeting, members_only=members_only)
            .order_by("-number").first())


def pack_items(pack):
    """The items that go into a pack: every item for the members' pack, the public ones
    otherwise."""
    items = AgendaItem.objects.filter(meeting=pack.meeting)
    if not pack.members_only:
        items = items.filter(confidential=False)
    return agenda(pack.meeting, items)
