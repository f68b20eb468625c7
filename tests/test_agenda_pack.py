"""The agenda pack (issue 18 item 4) and GET /api/meetings/{id}/pack/: publishing makes two
PDFs in the background (the members' pack with the confidential items, the other without
them), PDF papers merged in and others listed, members e-mailed a link, and each reader gets
the right pack."""

import io

import docx
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from governance.models import AgendaPack, PackStatus
from governance.services import agenda, meetings, packs
from partnership.pdf import render_pdf
from partnership.uploads import check_upload

CONF_PAPER = "CNRY-PACKCONFPAPER"
PUBLIC_PAPER = "PUBLICPAPERTEXT"


def _pdf_upload(name, text):
    content = render_pdf(f"<!DOCTYPE html><html lang='en'><head><title>{name}</title></head>"
                         f"<body><p>{text}</p></body></html>")
    return check_upload(SimpleUploadedFile(name, content, content_type="application/pdf"))


def _docx_upload(name):
    document, out = docx.Document(), io.BytesIO()
    document.add_paragraph("Spreadsheet notes")
    document.save(out)
    return check_upload(SimpleUploadedFile(name, out.getvalue()))


def _text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _read(pack):
    with pack.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def papers(cast):
    meetings.paper_add(item=cast.item_conf, checked=_pdf_upload("case-detail.pdf", CONF_PAPER),
                       title="Case detail", user=cast.bu_officer)
    meetings.paper_add(item=cast.item_public, checked=_pdf_upload("plan.pdf", PUBLIC_PAPER),
                       title="Business plan", user=cast.bu_officer)
    meetings.paper_add(item=cast.item_public, checked=_docx_upload("notes.docx"),
                       title="Budget notes", user=cast.bu_officer)


def _publish(cast, django_capture_on_commit_callbacks, user=None):
    with django_capture_on_commit_callbacks(execute=True):
        agenda.agenda_publish(meeting=cast.meeting1, user=user or cast.bu_officer)


def _api(cast, client_for, who):
    return client_for(cast.users[who]).get(
        reverse("governance:api-meeting-pack", kwargs={"pk": cast.meeting1.pk}))


@pytest.mark.django_db
def test_publishing_makes_both_packs_and_emails_a_link(cast, papers,
                                                       django_capture_on_commit_callbacks):
    mail.outbox.clear()
    _publish(cast, django_capture_on_commit_callbacks)
    made = {pack.members_only: pack for pack in AgendaPack.objects.filter(meeting=cast.meeting1)}
    assert {pack.status for pack in made.values()} == {PackStatus.READY}
    members, others = _text(_read(made[True])), _text(_read(made[False]))
    # Front sheet and agenda in both; the members' pack alone has the confidential item, its
    # title and its PDF paper's text.
    for text in (members, others):
        assert "Executive" in text and "Agenda" in text and "CNRY-ITEM-PUBLIC" in text
        assert PUBLIC_PAPER in text  # the public PDF paper, merged in
        assert "notes.docx" in text and "available in the portal" in text  # listed
    assert "CNRY-CONF-ITEM" in members and CONF_PAPER in members
    assert "CNRY-CONF-ITEM" not in others and CONF_PAPER not in others
    assert "Case detail" not in others
    # One e-mail to each member with an account, with a link and no confidential text.
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.lsp.email, cast.dsp.email, cast.lead_a.email])
    link = reverse("governance:meeting-pack", kwargs={"slug": cast.p1.slug, "pk": cast.meeting1.pk})
    for message in mail.outbox:
        assert link in message.body and not message.attachments
        assert "CNRY-CONF-ITEM" not in message.body + message.subject
        assert CONF_PAPER not in message.body and "Case detail" not in message.body


@pytest.mark.django_db
def test_the_api_gives_each_reader_their_pack(cast, papers, client_for,
                                              django_capture_on_commit_callbacks):
    for who in ("lsp", "scrutineer", "outsider", "lead_x"):
        assert _api(cast, client_for, who).status_code == 404, who  # not published yet
    _publish(cast, django_capture_on_commit_callbacks)
    member = _api(cast, client_for, "lsp")
    assert member.status_code == 200 and member["Content-Type"] == "application/pdf"
    assert CONF_PAPER in _text(b"".join(member.streaming_content))
    other = _api(cast, client_for, "scrutineer")  # sees the meeting, not its confidential items
    assert other.status_code == 200
    assert "CNRY-ITEM-PUBLIC" in (text := _text(b"".join(other.streaming_content)))
    assert CONF_PAPER not in text and "CNRY-CONF-ITEM" not in text
    for who in ("outsider", "lead_x", "lead_police"):  # may not see the meeting
        assert _api(cast, client_for, who).status_code == 404, who
    anon = client_for(cast.users["anon"]).get(
        reverse("governance:api-meeting-pack", kwargs={"pk": cast.meeting1.pk}))
    assert anon.status_code == 401


@pytest.mark.django_db
def test_the_pack_page_and_download_for_members_and_others(cast, papers, client_for,
                                                           django_capture_on_commit_callbacks):
    page = reverse("governance:meeting-pack", kwargs={"slug": cast.p1.slug, "pk": cast.meeting1.pk})
    download = reverse("governance:meeting-pack-download",
                       kwargs={"slug": cast.p1.slug, "pk": cast.meeting1.pk})
    assert "has not been published" in client_for(cast.lead_a).get(page).content.decode()
    assert client_for(cast.lead_a).get(download).status_code == 404
    _publish(cast, django_capture_on_commit_callbacks)
    members_page = client_for(cast.lead_a).get(page).content.decode()
    assert "The members' pack" in members_page and "Ready" in members_page
    member = client_for(cast.lead_a).get(download)
    assert CONF_PAPER in _text(b"".join(member.streaming_content))
    other = client_for(cast.chair).get(download)
    assert other.status_code == 200 and CONF_PAPER not in _text(b"".join(other.streaming_content))
    assert client_for(cast.lead_x).get(download).status_code == 404


@pytest.mark.django_db
def test_reopening_and_publishing_again_makes_pack_two(cast, papers, client_for,
                                                       django_capture_on_commit_callbacks):
    _publish(cast, django_capture_on_commit_callbacks)
    agenda.agenda_reopen(meeting=cast.meeting1)
    assert _api(cast, client_for, "lsp").status_code == 404  # nothing published just now
    meetings.item_add(meeting=cast.meeting1, title="Added after reopening")
    mail.outbox.clear()
    _publish(cast, django_capture_on_commit_callbacks)
    latest = AgendaPack.objects.get(meeting=cast.meeting1, members_only=False, number=2)
    assert latest.status == PackStatus.READY
    served = _api(cast, client_for, "scrutineer")
    assert "Added after reopening" in _text(b"".join(served.streaming_content))
    assert len(mail.outbox) == 3  # the members are told again


@pytest.mark.django_db
def test_a_pack_whose_agenda_was_reopened_first_fails_with_its_reason(cast):
    agenda.agenda_publish(meeting=cast.meeting1, user=cast.bu_officer)  # jobs not run yet
    agenda.agenda_reopen(meeting=cast.meeting1)
    pack = AgendaPack.objects.get(meeting=cast.meeting1, members_only=True)
    assert packs.pack_run(pack.pk) == PackStatus.FAILED
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED and "reopened" in pack.reason
    assert packs.pack_run(pack.pk) is None  # a second delivery does nothing


@pytest.mark.django_db
def test_a_damaged_pdf_paper_is_listed_not_merged(cast, django_capture_on_commit_callbacks):
    # The cast's papers are stubs that are not readable PDFs: the pack is still made.
    _publish(cast, django_capture_on_commit_callbacks)
    pack = AgendaPack.objects.get(meeting=cast.meeting1, members_only=True)
    assert pack.status == PackStatus.READY
    text = _text(_read(pack))
    assert "budget.pdf" in text and "case.pdf" in text


@pytest.mark.django_db
def test_a_lost_pack_job_is_queued_again_by_the_sweep(cast, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    """A message that never started (queued past QUEUED_STALE) or whose worker died
    (rendering past RENDERING_STALE) is sent again; a recent one is left alone."""
    sent = []
    monkeypatch.setattr(packs.celery_app.tasks[packs.PACK_TASK], "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        agenda.agenda_publish(meeting=cast.meeting1, user=cast.bu_officer)
    members, others = (AgendaPack.objects.get(meeting=cast.meeting1, members_only=flag)
                       for flag in (True, False))
    sent.clear()
    now = members.queued_at
    with django_capture_on_commit_callbacks(execute=True):
        assert packs.pack_requeue_stale(now=now + packs.QUEUED_STALE / 2) == 0
    assert sent == []
    AgendaPack.objects.filter(pk=others.pk).update(status=PackStatus.RENDERING, started_at=now)
    later = now + packs.QUEUED_STALE + packs.QUEUED_STALE / 10
    with django_capture_on_commit_callbacks(execute=True):
        assert packs.pack_requeue_stale(now=later) == 1  # the queued one; the other is rendering
    assert sent == [members.pk]
    dead = now + packs.RENDERING_STALE + packs.QUEUED_STALE / 10
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # the dead render, and the members' job, still not started since it was sent again
        assert packs.pack_requeue_stale(now=dead) == 2
    assert sorted(sent) == sorted([members.pk, others.pk])
    assert AgendaPack.objects.get(pk=others.pk).status == PackStatus.QUEUED
    packs.pack_run(others.pk)  # the redelivered job makes it
    assert AgendaPack.objects.get(pk=others.pk).status == PackStatus.READY


@pytest.mark.django_db
def test_a_cancelled_meeting_has_no_agenda_to_publish(cast):
    from governance.services import lifecycle
    from partnership.errors import WrongState

    meeting = meetings.meeting_create(group=cast.meeting1.group,
                                      starts_at=cast.meeting1.starts_at.replace(year=2030))
    meetings.item_add(meeting=meeting, title="Budget")
    lifecycle.meeting_cancel(meeting=meeting, reason="Not quorate")
    with pytest.raises(WrongState, match="cancelled"):
        agenda.agenda_publish(meeting=meeting, user=cast.bu_officer)
    assert not AgendaPack.objects.filter(meeting=meeting).exists()
