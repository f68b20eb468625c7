"""The agenda (issue 18 item 3): items moved up and down and removed, timings and presenters,
papers removed and replaced with their versions kept, and publication freezing the agenda
until it is reopened."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import AgendaItem, AgendaPack, Paper
from governance.selectors import agenda as selectors
from governance.services import agenda, meetings
from partnership.errors import WrongState

from .cast import pdf


def _url(name, cast, **more):
    return reverse(f"governance:{name}", kwargs={"slug": cast.p1.slug, "pk": cast.meeting1.pk,
                                                 **more})


def _order(meeting):
    return list(meeting.items.order_by("position").values_list("title", "position"))


@pytest.mark.django_db
def test_items_move_up_and_down_with_positions_renumbered(cast, client_for):
    third = meetings.item_add(meeting=cast.meeting1, title="Any other business")
    client = client_for(cast.bu_officer)
    response = client.post(_url("meeting-item-move", cast, item_pk=third.pk), {"direction": "up"})
    assert response.status_code == 302
    assert _order(cast.meeting1) == [("Budget CNRY-ITEM-PUBLIC", 1), ("Any other business", 2),
                                     ("Case CNRY-CONF-ITEM", 3)]
    client.post(_url("meeting-item-move", cast, item_pk=cast.item_public.pk), {"direction": "down"})
    assert [t for t, _ in _order(cast.meeting1)] == [
        "Any other business", "Budget CNRY-ITEM-PUBLIC", "Case CNRY-CONF-ITEM"]
    # The first item moved up, or a direction that is neither, changes nothing.
    client.post(_url("meeting-item-move", cast, item_pk=third.pk), {"direction": "up"})
    client.post(_url("meeting-item-move", cast, item_pk=third.pk), {"direction": "sideways"})
    assert [p for _, p in _order(cast.meeting1)] == [1, 2, 3]
    assert _order(cast.meeting1)[0][0] == "Any other business"
    # Moving is a POST only; the group's other members may not.
    assert client.get(_url("meeting-item-move", cast, item_pk=third.pk)).status_code == 405
    assert client_for(cast.dsp).post(_url("meeting-item-move", cast, item_pk=third.pk),
                                     {"direction": "down"}).status_code == 403


@pytest.mark.django_db
def test_removing_an_item_takes_its_papers_and_renumbers(cast, client_for):
    old = Paper.objects.get(pk=cast.paper_public.pk)
    agenda.paper_replace(paper=old, checked=pdf("budget-v2.pdf"), title="", user=cast.bu_officer)
    client = client_for(cast.bu_manager)
    page = client.get(_url("meeting-item-remove", cast, item_pk=cast.item_public.pk))
    assert page.status_code == 200 and "Remove the item" in page.content.decode()
    response = client.post(_url("meeting-item-remove", cast, item_pk=cast.item_public.pk))
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=cast.item_public.pk).exists()
    assert not Paper.objects.filter(item_id=cast.item_public.pk).exists()
    assert _order(cast.meeting1) == [("Case CNRY-CONF-ITEM", 1)]


@pytest.mark.django_db
def test_timings_and_presenter_give_each_item_its_start_time(cast, client_for):
    client = client_for(cast.bu_officer)
    form = client.get(_url("meeting-item-edit", cast, item_pk=cast.item_public.pk)).content.decode()
    assert "Presenter" in form and "Time allowed, in minutes" in form
    response = client.post(_url("meeting-item-edit", cast, item_pk=cast.item_public.pk), {
        "title": "Budget CNRY-ITEM-PUBLIC", "owner_label": "Treasurer", "duration_minutes": "25"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(pk=cast.item_public.pk)
    assert (item.owner_label, item.duration_minutes) == ("Treasurer", 25)
    third = meetings.item_add(meeting=cast.meeting1, title="Close")
    items = selectors.with_times(cast.meeting1, list(cast.meeting1.items.order_by("position")))
    start = cast.meeting1.starts_at
    assert items[0].starts_at == start
    assert items[1].starts_at == start + datetime.timedelta(minutes=25)
    assert items[2].starts_at is None  # the item before it has no time allowed
    second = timezone.localtime(start + datetime.timedelta(minutes=25))
    # A non-member sees the public item's time and presenter, the confidential item's time
    # counted but not its title.
    page = client_for(cast.scrutineer).get(_url("meeting-detail", cast)).content.decode()
    assert "Presenter: Treasurer" in page and "CNRY-CONF-ITEM" not in page
    assert f"{timezone.localtime(start):%H:%M}" in page
    members_page = client_for(cast.lsp).get(_url("meeting-detail", cast)).content.decode()
    assert f"{second:%H:%M}" in members_page and third.title in members_page
    bad = client.post(_url("meeting-item-edit", cast, item_pk=cast.item_public.pk), {
        "title": "x", "duration_minutes": "-5"})
    assert bad.status_code == 200 and "Enter at least 1 minute" in bad.content.decode()


@pytest.mark.django_db
def test_a_removed_paper_leaves_the_agenda_and_its_file_is_kept(cast, client_for):
    client = client_for(cast.bu_officer)
    url = _url("meeting-paper-remove", cast, paper_pk=cast.paper_public.pk)
    assert client.post(url).status_code == 302
    paper = Paper.objects.get(pk=cast.paper_public.pk)
    assert paper.removed_at is not None and paper.removed_by == cast.bu_officer
    assert paper.file.storage.exists(paper.file.name)
    assert not selectors.current_papers().filter(pk=paper.pk).exists()
    detail = client_for(cast.scrutineer).get(_url("meeting-detail", cast)).content.decode()
    assert "Budget paper" not in detail
    page = client.get(_url("meeting-agenda", cast)).content.decode()
    assert "Removed on" in page and "Budget paper" in page
    with pytest.raises(WrongState):
        agenda.paper_remove(paper=paper, user=cast.bu_officer)


@pytest.mark.django_db
def test_a_replaced_paper_is_kept_as_a_previous_version(cast, client_for):
    client = client_for(cast.bu_officer)
    url = _url("meeting-paper-replace", cast, paper_pk=cast.paper_public.pk)
    upload = SimpleUploadedFile("budget-v2.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
                                content_type="application/pdf")
    response = client.post(url, {"title": "Budget paper v2", "file": upload})
    assert response.status_code == 302
    new = Paper.objects.get(replaces=cast.paper_public)
    assert new.item_id == cast.item_public.pk and new.filename == "budget-v2.pdf"
    assert list(selectors.current_papers().filter(item=cast.item_public)) == [new]
    # Everyone who may see the item can still download the previous version.
    reader = client_for(cast.scrutineer)
    detail = reader.get(_url("meeting-detail", cast)).content.decode()
    assert "Budget paper v2" in detail and "Previous versions" in detail
    old = reverse("governance:paper-download", kwargs={"slug": cast.p1.slug,
                                                       "pk": cast.paper_public.pk})
    assert old in detail and reader.get(old).status_code == 200
    # A version already replaced cannot be replaced or removed again.
    again = client.post(url, {"file": SimpleUploadedFile(
        "x.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")})
    assert again.status_code == 200 and "already been replaced" in again.content.decode()
    # A confidential item's paper is not the scrutineer's to replace or to know of.
    conf = _url("meeting-paper-replace", cast, paper_pk=cast.paper_conf.pk)
    assert client_for(cast.scrutineer).get(conf).status_code in (403, 404)
    assert client_for(cast.lead_a).get(conf).status_code == 403  # a member, not a runner


@pytest.mark.django_db
def test_publishing_freezes_the_agenda_until_it_is_reopened(cast, client_for):
    client = client_for(cast.bu_manager)
    assert "Publish the agenda" in client.get(_url("meeting-agenda-publish", cast)).content.decode()
    assert client.post(_url("meeting-agenda-publish", cast)).status_code == 302
    cast.meeting1.refresh_from_db()
    assert cast.meeting1.agenda_published_by == cast.bu_manager
    assert sorted(AgendaPack.objects.filter(meeting=cast.meeting1).values_list(
        "number", "members_only")) == [(1, False), (1, True)]
    # Every change to items and papers is refused with a clear message, and changes nothing.
    for write in (
        lambda: meetings.item_add(meeting=cast.meeting1, title="Late item"),
        lambda: meetings.item_update(item=cast.item_public, title="Renamed"),
        lambda: meetings.paper_add(item=cast.item_public, checked=pdf("late.pdf"), title="",
                                   user=cast.bu_manager),
        lambda: agenda.item_move(item=cast.item_conf, direction="up"),
        lambda: agenda.item_remove(item=cast.item_conf),
        lambda: agenda.paper_remove(paper=cast.paper_public, user=cast.bu_manager),
        lambda: agenda.paper_replace(paper=cast.paper_public, checked=pdf("v2.pdf"), title="",
                                     user=cast.bu_manager),
    ):
        with pytest.raises(WrongState, match="Reopen the agenda"):
            write()
    response = client.post(_url("meeting-item-remove", cast, item_pk=cast.item_conf.pk),
                           follow=True)
    assert "Reopen the agenda" in response.content.decode()
    edit = client.post(_url("meeting-item-edit", cast, item_pk=cast.item_public.pk),
                       {"title": "Renamed"})
    assert edit.status_code == 200 and "Reopen the agenda" in edit.content.decode()
    assert _order(cast.meeting1) == [("Budget CNRY-ITEM-PUBLIC", 1), ("Case CNRY-CONF-ITEM", 2)]
    assert Paper.objects.filter(item__meeting=cast.meeting1).count() == 2
    page = client.get(_url("meeting-agenda", cast)).content.decode()
    assert "Reopen the agenda" in page and "Move up" not in page
    # Publishing twice is refused; reopening lets the agenda change and be published again,
    # as a new pack.
    with pytest.raises(WrongState, match="already been published"):
        agenda.agenda_publish(meeting=cast.meeting1, user=cast.bu_manager)
    assert client.post(_url("meeting-agenda-reopen", cast)).status_code == 302
    cast.meeting1.refresh_from_db()
    assert cast.meeting1.agenda_published_at is None
    agenda.item_move(item=cast.item_conf, direction="up")
    agenda.agenda_publish(meeting=cast.meeting1, user=cast.bu_officer)
    assert sorted(AgendaPack.objects.filter(meeting=cast.meeting1).values_list(
        "number", flat=True)) == [1, 1, 2, 2]
    with pytest.raises(WrongState):
        agenda.agenda_reopen(meeting=meetings.meeting_create(
            group=cast.exec_group, starts_at=cast.meeting2.starts_at))


@pytest.mark.django_db
def test_an_empty_agenda_is_not_published_and_only_runners_publish(cast, client_for):
    empty = meetings.meeting_create(group=cast.exec_group, starts_at=cast.meeting2.starts_at)
    with pytest.raises(WrongState, match="at least one item"):
        agenda.agenda_publish(meeting=empty, user=cast.bu_manager)
    for who, code in (("dsp", 403), ("scrutineer", 403), ("lead_x", 404)):
        response = client_for(cast.users[who]).post(_url("meeting-agenda-publish", cast))
        assert response.status_code == code, who
    cast.meeting1.refresh_from_db()
    assert cast.meeting1.agenda_published_at is None
