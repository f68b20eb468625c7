"""Meetings: quorum, confidential items and papers, uploads checked by
content, and pages whose query count does not grow with rows."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import selectors as governance
from governance.models import Attendance, Meeting, Paper
from governance.services import groups, meetings
from partnership.uploads import check_upload

from .cast import pdf
from .test_queries import count_queries


def _held(meeting):
    """Meetings record attendance and decisions once they took place (set on the row here)."""
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    meeting.status = "held"
    return meeting


def _record(meeting, entries):
    meetings.attendance_record(meeting=meeting, entries=entries)
    rows = list(Attendance.objects.filter(meeting=meeting).select_related("member"))
    return governance.quorum(meeting, rows, governance.statutory_partners(meeting.group.partnership))


@pytest.mark.django_db
def test_executive_is_quorate_only_with_all_three_statutory_partners(cast):
    state = _record(cast.meeting1, {cast.seat_lsp: ("present", ""), cast.seat_dsp: ("present", ""),
                                    cast.seat_icb: ("apologies", ""), cast.seat_a: ("present", "")})
    assert state.quorate is False
    assert "Northshire ICB" in state.explanation
    state = _record(cast.meeting1, {cast.seat_icb: ("deputy", "Deputy chief nurse")})
    assert state.quorate is True  # a deputy represents the agency


@pytest.mark.django_db
def test_quorum_of_core_members_and_unknown_before_attendance(cast):
    group = groups.group_create(partnership=cast.p1, name="Learning", group_type="subgroup",
                                frequency="monthly", quorum="core_members", quorum_count=2)
    one = groups.member_add(group=group, user=cast.bu_officer, role_label="Officer")
    two = groups.member_add(group=group, role_label="Head of service", agency=cast.council1)
    other = groups.member_add(group=group, role_label="Observer", member_type="observer")
    meeting = _held(meetings.meeting_create(group=group, starts_at=cast.meeting1.starts_at))
    assert governance.quorum(meeting, [], []).quorate is None
    assert _record(meeting, {one: ("present", ""), other: ("present", "")}).quorate is False
    assert _record(meeting, {two: ("deputy", "Deputy head")}).quorate is True


@pytest.mark.django_db
def test_quorum_rule_needs_a_count(cast):
    with pytest.raises(ValidationError) as error:
        groups.group_create(partnership=cast.p1, name="X", group_type="subgroup",
                            frequency="monthly", quorum="core_members")
    assert "how many core members" in str(error.value)


@pytest.mark.django_db
def test_deputy_needs_a_name_and_nothing_is_recorded(cast):
    with pytest.raises(ValidationError) as error:
        meetings.attendance_record(meeting=cast.meeting1, entries={
            cast.seat_lsp: ("present", ""), cast.seat_icb: ("deputy", " ")})
    assert "name of the deputy" in str(error.value)
    assert not Attendance.objects.filter(meeting=cast.meeting1).exists()


@pytest.mark.django_db
def test_attendance_page_records_at_a_held_meeting(cast, client_for):
    client = client_for(cast.bu_officer)
    url = reverse("governance:meeting-attendance", args=[cast.p1.slug, cast.meeting1.pk])
    response = client.post(url, {f"status-{cast.seat_lsp.pk}": "present",
                                 f"status-{cast.seat_icb.pk}": "deputy",
                                 f"deputy-{cast.seat_icb.pk}": ""})
    assert response.status_code == 200
    assert "Enter the name of the deputy sent by Chief nurse" in response.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(url, {f"status-{cast.seat_lsp.pk}": "present",
                                 f"status-{cast.seat_dsp.pk}": "present",
                                 f"status-{cast.seat_a.pk}": "apologies",
                                 f"status-{cast.seat_icb.pk}": "deputy",
                                 f"deputy-{cast.seat_icb.pk}": "A. Deputy"})
    assert response.status_code == 302
    page = client.get(reverse("governance:meeting-detail", args=[cast.p1.slug, cast.meeting1.pk]))
    assert "Quorate: all three statutory partners were represented." in page.content.decode()


@pytest.mark.django_db
def test_confidential_items_papers_and_their_decisions_hidden_from_non_members(cast, client_for):
    meetings.decision_add(meeting=cast.meeting1, item=cast.item_conf, text="Secret decision")
    meetings.decision_add(meeting=cast.meeting1, text="Open decision")
    url = reverse("governance:meeting-detail", args=[cast.p1.slug, cast.meeting1.pk])
    outsider_view = client_for(cast.scrutineer).get(url).content.decode()
    member_view = client_for(cast.lead_a).get(url).content.decode()
    assert "CNRY-CONF-ITEM" not in outsider_view and "Secret decision" not in outsider_view
    assert "Open decision" in outsider_view and "CNRY-ITEM-PUBLIC" in outsider_view
    assert "CNRY-CONF-ITEM" in member_view and "Secret decision" in member_view
    paper = reverse("governance:paper-download", args=[cast.p1.slug, cast.paper_conf.pk])
    assert client_for(cast.scrutineer).get(paper).status_code == 404
    response = client_for(cast.lead_a).get(paper)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _ods():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content", [
    ("paper.pdf", b"%PDF-1.7\n..."), ("paper.docx", _docx()), ("sheet.ods", _ods()),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
])
def test_accepted_uploads(settings, name, content):
    checked = check_upload(SimpleUploadedFile(name, content))
    assert checked.filename == name and len(checked.sha256) == 64


@pytest.mark.parametrize("name, content, message", [
    ("virus.pdf", b"MZ\x90\x00 executable", "content does not match its name"),
    ("report.docx", _ods(), "content does not match its name"),
    ("fake.xlsx", b"PK\x03\x04 not really a zip", "content does not match its name"),
    ("run.exe", b"MZ\x90\x00", "must be a PDF, Word, Excel or OpenDocument file"),
    ("notes.txt", b"hello", "must be a PDF, Word, Excel or OpenDocument file"),
    ("empty.pdf", b"", "is empty"),
])
def test_refused_uploads(settings, name, content, message):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert message in str(error.value)


@pytest.mark.django_db
def test_paper_upload_page_refuses_large_and_disguised_files(cast, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client = client_for(cast.bu_officer)
    url = reverse("governance:meeting-paper-add", args=[cast.p1.slug, cast.meeting1.pk, cast.item_public.pk])
    before = Paper.objects.count()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    response = client.post(url, {"title": "Big", "file": big})
    assert "The selected file must be smaller than 1MB" in response.content.decode()
    renamed = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00\x03 this is a program")
    response = client.post(url, {"title": "Renamed", "file": renamed})
    assert "content does not match its name" in response.content.decode()
    assert Paper.objects.count() == before
    response = client.post(url, {"title": "Agenda pack", "file": SimpleUploadedFile(
        "pack.docx", _docx())})
    assert response.status_code == 302
    paper = Paper.objects.latest("pk")
    assert paper.title == "Agenda pack" and paper.filename == "pack.docx"
    assert "pack.docx" not in paper.file.name  # stored under a random name


def _more_meetings(cast, n):
    for i in range(n):
        meeting = _held(meetings.meeting_create(
            group=cast.exec_group, starts_at=cast.meeting1.starts_at + datetime.timedelta(days=i + 1)))
        meetings.item_add(meeting=meeting, title=f"Item {i}")
        meetings.attendance_record(meeting=meeting, entries={cast.seat_lsp: ("present", "")})


@pytest.mark.django_db
def test_meeting_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:meeting-list", args=[cast.p1.slug]) + "?when=past"
    _more_meetings(cast, 3)
    client.get(url)
    few, _ = count_queries(client, url)
    _more_meetings(cast, 20)
    many, response = count_queries(client, url)
    assert few == many
    assert response.content.decode().count("/meetings/") >= 23


@pytest.mark.django_db
def test_meeting_detail_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:meeting-detail", args=[cast.p1.slug, cast.meeting1.pk])

    def grow(n):
        for i in range(n):
            seat = groups.member_add(group=cast.exec_group, role_label=f"Post {i}-{n}",
                                     agency=cast.council1)
            item = meetings.item_add(meeting=cast.meeting1, title=f"Item {i}-{n}")
            meetings.paper_add(item=item, checked=pdf(f"p{i}.pdf"), title=f"P{i}", user=None)
            meetings.attendance_record(meeting=cast.meeting1, entries={seat: ("present", "")})
            meetings.decision_add(meeting=cast.meeting1, item=item, text=f"Decision {i}")

    grow(2)
    client.get(url)
    few, _ = count_queries(client, url)
    grow(10)
    many, response = count_queries(client, url)
    assert few == many
    assert "Decision 9" in response.content.decode()


@pytest.mark.django_db
def test_meeting_time_change_bumps_the_calendar_sequence(cast):
    meeting = Meeting.objects.get(pk=cast.meeting2.pk)
    meetings.meeting_update(meeting=meeting, location="Room 2")
    meetings.meeting_update(meeting=meeting, location="Room 2")
    assert meeting.sequence == 1


@pytest.mark.django_db
def test_decisions_log_hides_confidential_decisions_from_non_members(cast, client_for):
    meetings.decision_add(meeting=cast.meeting1, item=cast.item_conf, text="Secret decision")
    meetings.decision_add(meeting=cast.meeting1, item=cast.item_public, text="Open decision")
    url = reverse("governance:decision-list", args=[cast.p1.slug])
    for who, sees_secret in (("scrutineer", False), ("chair", False), ("lead_a", True),
                             ("bu_officer", True)):
        page = client_for(cast.users[who]).get(url).content.decode()
        assert "Open decision" in page
        assert ("Secret decision" in page) is sees_secret, who
    assert "Open decision" not in client_for(cast.lead_police).get(url).content.decode()


@pytest.mark.django_db
def test_decisions_log_queries_do_not_grow(cast, client_for):
    client = client_for(cast.lsp)
    url = reverse("governance:decision-list", args=[cast.p1.slug])
    _more_meetings(cast, 2)
    for meeting in Meeting.objects.filter(status="held"):
        meetings.decision_add(meeting=meeting, text="A decision")
    client.get(url)
    few, _ = count_queries(client, url)
    _more_meetings(cast, 15)
    for meeting in Meeting.objects.filter(status="held"):
        meetings.decision_add(meeting=meeting, text="Another decision", item=meeting.items.first())
    many, _ = count_queries(client, url)
    assert few == many
