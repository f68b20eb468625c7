"""The agenda of a meeting: the page where the business unit or the chair orders it, removes
items, removes and replaces papers and publishes it (or reopens it), and the agenda pack's
page and download for everyone who may see the meeting."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership import permissions as core
from partnership.files import file_response
from partnership.views.common import attempt, bound, submit

from .. import permissions
from ..forms.agenda import MoveForm, ReplaceForm
from ..models import AgendaItem, PackStatus
from ..selectors import agenda as selectors
from ..services import agenda as services

CONFIRM = "governance/meetings/confirm.html"


def visible_agenda(user, meeting):
    """The items the user may see, in order, with their start times and current papers."""
    return selectors.agenda(meeting, permissions.items_for(user, meeting))


def _meeting(request, slug, pk, run=False):
    """The partnership and a meeting the user may see (404 otherwise); `run`: and may run."""
    partnership = core.partnership_for(request.user, slug)
    meeting = permissions.meeting_for(request.user, partnership, pk)
    if run:
        permissions.require_run_group(request.user, meeting.group)
    return partnership, meeting


def _item(request, meeting, item_pk):
    try:
        return permissions.items_for(request.user, meeting).select_related("meeting").get(
            pk=item_pk)
    except (AgendaItem.DoesNotExist, ValueError):
        raise Http404("No such item") from None


def _agenda_url(partnership, meeting):
    return reverse("governance:meeting-agenda", args=[partnership.slug, meeting.pk])


def _confirm(request, partnership, meeting, write, *, done, title, text, button,
             warning=False):
    """A confirmation page (GET) and its POST: run the write, then back to the agenda page
    with `done`, or with the refusal's message."""
    back = _agenda_url(partnership, meeting)
    if request.method == "POST":
        if attempt(write, request=request).done:
            messages.success(request, done)
        return redirect(back)
    return render(request, CONFIRM, {
        "partnership": partnership, "meeting": meeting, "title": title, "text": text,
        "button": button, "warning": warning, "back": back})


@require_GET
def agenda_page(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    items = visible_agenda(request.user, meeting)
    members = permissions.gets_members_pack(request.user, meeting)
    return render(request, "governance/meetings/agenda.html", {
        "partnership": partnership, "meeting": meeting, "items": items,
        "published": meeting.agenda_published_at is not None,
        "earlier": selectors.earlier_versions([item.pk for item in items]),
        "pack": selectors.latest_pack(meeting, members_only=members)})


@require_POST
def item_move(request, slug, pk, item_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    item = _item(request, meeting, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        direction = form.cleaned_data["direction"]
        if attempt(lambda: services.item_move(item=item, direction=direction),
                   request=request).done:
            messages.success(request, f"‘{item.title}’ moved {direction}.")
    else:
        messages.error(request, "Choose whether to move the item up or down.")
    return redirect(_agenda_url(partnership, meeting))


@require_http_methods(["GET", "POST"])
def item_remove(request, slug, pk, item_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    item = _item(request, meeting, item_pk)
    return _confirm(
        request, partnership, meeting, lambda: services.item_remove(item=item),
        done=f"‘{item.title}’ removed from the agenda.", title=f"Remove ‘{item.title}’?",
        text="The item and its papers leave the agenda. Decisions and declarations already "
             "recorded against it are kept.", button="Remove the item", warning=True)


@require_http_methods(["GET", "POST"])
def paper_remove(request, slug, pk, paper_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    paper = permissions.meeting_paper_for(request.user, meeting, paper_pk)
    return _confirm(
        request, partnership, meeting, lambda: services.paper_remove(paper=paper,
                                                                     user=request.user),
        done=f"‘{paper.title}’ removed from the agenda.", title=f"Remove ‘{paper.title}’?",
        text="The paper leaves the agenda and the agenda pack. Its file is kept, and the "
             "business unit can still download it from the agenda page.",
        button="Remove the paper", warning=True)


@require_http_methods(["GET", "POST"])
def paper_replace(request, slug, pk, paper_pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    paper = permissions.meeting_paper_for(request.user, meeting, paper_pk)
    form = bound(ReplaceForm, request)
    if submit(request, form, lambda: services.paper_replace(
            paper=paper, checked=form.cleaned_data["file"], title=form.cleaned_data["title"],
            user=request.user)):
        messages.success(request, f"New version of ‘{paper.title}’ uploaded. The previous "
                                   "version is kept.")
        return redirect(_agenda_url(partnership, meeting))
    return render(request, "form.html", {
        "partnership": partnership, "meeting": meeting, "form": form, "caption": str(meeting),
        "title": f"Replace ‘{paper.title}’", "button": "Upload the new version",
        "back": _agenda_url(partnership, meeting), "multipart": True})


@require_http_methods(["GET", "POST"])
def agenda_publish(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    return _confirm(
        request, partnership, meeting,
        lambda: services.agenda_publish(meeting=meeting, user=request.user),
        done="Agenda published. The agenda pack is being made; the group's members will be "
             "e-mailed a link when it is ready.",
        title="Publish the agenda?",
        text="Its items and papers are then frozen, and the agenda pack is made: one for the "
             "group's members, with the confidential items, and one without them for everyone "
             "else who may see the meeting. To change the agenda afterwards, reopen it.",
        button="Publish the agenda")


@require_http_methods(["GET", "POST"])
def agenda_reopen(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    return _confirm(
        request, partnership, meeting, lambda: services.agenda_reopen(meeting=meeting),
        done="Agenda reopened. Publish it again when it is ready: that makes a new pack.",
        title="Reopen the agenda?",
        text="Its items and papers can then be changed. The pack already made stops being "
             "offered until the agenda is published again, which makes a new pack.",
        button="Reopen the agenda", warning=True)


@require_GET
def pack_page(request, slug, pk):
    """The members' view of the agenda pack: its status and the download."""
    partnership, meeting = _meeting(request, slug, pk)
    members = permissions.gets_members_pack(request.user, meeting)
    latest = selectors.latest_pack(meeting, members_only=members)
    try:
        ready = permissions.pack_for(request.user, meeting)
    except Http404:
        ready = None
    return render(request, "governance/meetings/pack.html", {
        "partnership": partnership, "meeting": meeting, "members": members,
        "latest": latest if meeting.agenda_published_at else None, "ready": ready,
        "statuses": PackStatus})


@require_GET
def pack_download(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk)
    pack = permissions.pack_for(request.user, meeting)
    return file_response(pack.file, filename=pack_filename(meeting, pack),
                         content_type="application/pdf")


def pack_filename(meeting, pack):
    return f"agenda-pack-{meeting.starts_at:%Y-%m-%d}-{pack.number}.pdf"
