"""Minutes (issue 18, items 1, 2 and 5): a public part (Part A) and a confidential part
(Part B, per confidential item) that only the group's members and business unit see, in the
meeting page, the API, the PDF and the Word document; minutes only for a meeting that took
place, approved only at a later meeting that was held, with the corrections agreed there;
a draft built from the record that never overwrites minutes without confirmation."""

import datetime
import io

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import selectors
from governance.models import ConfidentialMinute, Meeting, MinutesStatus
from governance.services import meetings, minutes
from partnership.errors import WrongState

pytestmark = pytest.mark.django_db

PART_B = "CNRY-PART-B-TEST"
CORRECTION = "CNRY-CORRECTION-TEST"


def _status(meeting, status):
    """A meeting's life is another change's (set on the row here)."""
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.status = status
    return meeting


def _meeting(cast, days, status="held"):
    return _status(meetings.meeting_create(
        group=cast.exec_group,
        starts_at=cast.meeting1.starts_at + datetime.timedelta(days=days)), status)


def _url(name, cast, meeting):
    return reverse(f"governance:meeting-{name}", args=[cast.p1.slug, meeting.pk])


def _pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _docx_text(response):
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    parts = [*document.paragraphs, *document.sections[0].header.paragraphs]
    return "\n".join(p.text for p in parts)


def _approved_with_part_b(cast):
    minutes.minutes_save(meeting=cast.meeting1, text="1. Budget\nThe budget was agreed.",
                         confidential={cast.item_conf: f"Minuted in private {PART_B}"})
    minutes.minutes_approve(meeting=cast.meeting1, at_meeting=_status(cast.meeting2, "held"),
                            corrections=f"Item 1: {CORRECTION}")


def test_part_b_is_for_members_in_the_page_api_pdf_and_word(cast, client_for):
    _approved_with_part_b(cast)
    for who, sees in (("dsp", True), ("lead_a", True), ("bu_officer", True),
                      ("scrutineer", False), ("chair", False)):
        client = client_for(cast.users[who])
        page = client.get(_url("detail", cast, cast.meeting1)).content.decode()
        api = client.get(reverse("governance:api-meeting-detail",
                                 args=[cast.meeting1.pk])).json()["minutes"]
        pdf = _pdf_text(client.get(_url("minutes-pdf", cast, cast.meeting1)))
        word = _docx_text(client.get(_url("minutes-docx", cast, cast.meeting1)))
        for text in (page, pdf, word):
            assert "The budget was agreed." in text, who
            assert CORRECTION in text, who  # the corrections go with the approved minutes
            assert (PART_B in text) is sees, who
            assert ("Part B (confidential)" in text) is sees, who
            assert "DRAFT" not in text.replace("draft", ""), who
        assert api["status"] == "approved" and api["public"].startswith("1. Budget")
        assert api["corrections"] == f"Item 1: {CORRECTION}"
        assert api["approved_at_meeting"] == cast.meeting2.pk
        if sees:
            assert api["confidential"] == [{"item": cast.item_conf.pk,
                                            "title": cast.item_conf.title,
                                            "text": f"Minuted in private {PART_B}"}], who
        else:
            assert api["confidential"] == [], who
            assert PART_B not in str(api), who


def test_draft_minutes_and_their_downloads_are_for_members_only(cast, client_for):
    minutes.minutes_save(meeting=cast.meeting1, text="Draft CNRY-DRAFT-MINUTES",
                         confidential={cast.item_conf: PART_B})
    member = client_for(cast.lsp)
    assert "DRAFT" in _pdf_text(member.get(_url("minutes-pdf", cast, cast.meeting1)))
    word = _docx_text(member.get(_url("minutes-docx", cast, cast.meeting1)))
    assert "DRAFT" in word and PART_B in word
    outsider = client_for(cast.scrutineer)  # sees the meeting, not its draft minutes
    for name in ("minutes-pdf", "minutes-docx"):
        assert outsider.get(_url(name, cast, cast.meeting1)).status_code == 404
    api = outsider.get(reverse("governance:api-meeting-detail", args=[cast.meeting1.pk])).json()
    assert api["minutes"] == {"status": "draft", "public": None, "confidential": [],
                              "approved_at_meeting": None, "corrections": None}
    # Someone who may not see the meeting at all.
    assert client_for(cast.chief_a).get(_url("minutes-pdf", cast, cast.meeting1)).status_code == 404


def test_the_minutes_page_edits_part_a_and_part_b_per_confidential_item(cast, client_for):
    client = client_for(cast.bu_officer)
    url = _url("minutes", cast, cast.meeting1)
    page = client.get(url).content.decode()
    assert f"Part B: {cast.item_conf.title}" in page and "Part B: Budget" not in page
    response = client.post(url, {"text": "1. Budget\nAgreed.",
                                 f"item-{cast.item_conf.pk}": PART_B})
    assert response.status_code == 302
    assert ConfidentialMinute.objects.get(meeting=cast.meeting1, item=cast.item_conf).text == PART_B
    client.post(url, {"text": "1. Budget\nAgreed.", f"item-{cast.item_conf.pk}": ""})
    assert not ConfidentialMinute.objects.filter(meeting=cast.meeting1).exists()


def test_a_runner_who_may_not_see_confidential_items_leaves_part_b_alone(cast, client_for):
    minutes.minutes_save(meeting=cast.meeting1, text="x", confidential={cast.item_conf: PART_B})
    type(cast.exec_group).objects.filter(pk=cast.exec_group.pk).update(chair=cast.chair)
    client = client_for(cast.chair)  # runs the group's meetings as its named chair, no seat
    url = _url("minutes", cast, cast.meeting1)
    page = client.get(url).content.decode()
    assert page.count("Part B") == 0 and PART_B not in page
    assert client.post(url, {"text": "Rewritten"}).status_code == 302
    assert ConfidentialMinute.objects.get(meeting=cast.meeting1).text == PART_B


def test_minutes_only_for_a_meeting_that_took_place(cast):
    for status in ("planned", "cancelled"):
        meeting = _meeting(cast, 10, status)
        with pytest.raises(WrongState):
            minutes.minutes_save(meeting=meeting, text="Minutes")
        with pytest.raises(WrongState):
            minutes.minutes_draft(meeting=meeting)
    adjourned = _meeting(cast, 11, "adjourned")
    assert minutes.minutes_save(meeting=adjourned, text="Adjourned at 11:00").minutes_status == \
        MinutesStatus.DRAFT


def test_approval_only_at_a_later_held_meeting_of_the_group(cast, client_for):
    with pytest.raises(WrongState):  # no draft yet
        minutes.minutes_approve(meeting=cast.meeting2, at_meeting=cast.meeting1)
    earlier = _meeting(cast, -30)
    planned = _meeting(cast, 30, "planned")
    cancelled = _meeting(cast, 31, "cancelled")
    adjourned = _meeting(cast, 32, "adjourned")
    elsewhere = _status(cast.meeting_p2, "held")
    for at, words in ((earlier, "later meeting"), (cast.meeting1, "later meeting"),
                      (elsewhere, "same group"), (planned, "planned"),
                      (cancelled, "cancelled"), (adjourned, "adjourned")):
        with pytest.raises(ValidationError) as error:
            minutes.minutes_approve(meeting=cast.meeting1, at_meeting=at)
        assert words in " ".join(error.value.message_dict["at_meeting"]), at
    cast.meeting1.refresh_from_db()
    assert cast.meeting1.minutes_status == MinutesStatus.DRAFT
    # The page offers only later meetings that were held, and records the corrections.
    held = _meeting(cast, 60)
    client = client_for(cast.bu_officer)
    url = _url("minutes-approve", cast, cast.meeting1)
    page = client.get(url).content.decode()
    assert f'value="{held.pk}"' in page and f'value="{planned.pk}"' not in page
    refused = client.post(url, {"at_meeting": planned.pk, "corrections": "x"})
    assert refused.status_code == 200 and "was held" in refused.content.decode()
    assert client.post(url, {"at_meeting": held.pk, "corrections": CORRECTION}).status_code == 302
    cast.meeting1.refresh_from_db()
    assert (cast.meeting1.minutes_status, cast.meeting1.minutes_approved_at,
            cast.meeting1.minutes_corrections) == (MinutesStatus.APPROVED, held, CORRECTION)
    detail = client_for(cast.scrutineer).get(_url("detail", cast, cast.meeting1)).content.decode()
    assert "Corrections agreed at approval" in detail and CORRECTION in detail
    # Approved minutes no longer change.
    for write in (lambda: minutes.minutes_save(meeting=cast.meeting1, text="Rewritten"),
                  lambda: minutes.minutes_draft(meeting=cast.meeting1, replace=True),
                  lambda: minutes.minutes_approve(meeting=cast.meeting1, at_meeting=held)):
        with pytest.raises(WrongState):
            write()


def _record(cast, meeting):
    public = meetings.item_add(meeting=meeting, title="Annual report",
                               owner_label="Chief nurse, ICB")
    secret = meetings.item_add(meeting=meeting, title="Case SECRET-TITLE", confidential=True,
                               owner_label="Designated doctor")
    meetings.attendance_record(meeting=meeting, entries={
        cast.seat_lsp: ("present", ""), cast.seat_dsp: ("apologies", ""),
        cast.seat_icb: ("deputy", "Dee Deputy"), cast.seat_a: ("absent", "")})
    meetings.declaration_add(meeting=meeting, person="Ann Member", interest="Trustee of "
                             "the charity", item=public)
    meetings.declaration_add(meeting=meeting, person="Bob Member", interest="SECRET-INTEREST",
                             item=secret)
    meetings.decision_add(meeting=meeting, text="Report approved for publication", item=public)
    meetings.decision_add(meeting=meeting, text="SECRET-DECISION", item=secret)
    meetings.decision_add(meeting=meeting, text="Next meeting moved to March")
    return public, secret


def test_drafting_from_the_record(cast, client_for):
    meeting = _meeting(cast, 20)
    public, secret = _record(cast, meeting)
    client = client_for(cast.bu_officer)
    response = client.post(_url("minutes-draft", cast, meeting))
    assert response.status_code == 302 and response["Location"] == _url("minutes", cast, meeting)
    meeting.refresh_from_db()
    text = meeting.minutes
    assert meeting.minutes_status == MinutesStatus.DRAFT
    seats, rows = selectors.meeting_attendance(meeting)
    state = selectors.quorum(meeting, rows, selectors.statutory_partners(cast.p1))
    for words in ("1. Attendance", f"Present: {cast.seat_lsp.display} (chair).",
                  f"Apologies: {cast.seat_dsp.display}.",
                  f"Deputies: Dee Deputy, deputy for {cast.seat_icb.display}.",
                  f"Absent: {cast.seat_a.display}.", f"Quorum: {state.explanation}",
                  "2. Declarations of interest",
                  "Ann Member declared an interest: Trustee of the charity (item: Annual report)",
                  "3. Annual report\nPresented by Chief nurse, ICB.",
                  "Decision: Report approved for publication",
                  "4. Other decisions\nDecision: Next meeting moved to March",
                  "5. Confidential business\n1 confidential item was considered in private"):
        assert words in text, words
    assert "SECRET" not in text  # the confidential item stays out of Part A
    entry = ConfidentialMinute.objects.get(meeting=meeting, item=secret).text
    assert entry == ("Presented by Designated doctor.\nBob Member declared an interest: "
                     "SECRET-INTEREST\nDecision: SECRET-DECISION")
    page = client.get(_url("minutes", cast, meeting)).content.decode()
    assert "SECRET-DECISION" in page and "Dee Deputy" in page  # then the officer edits
    # The public never sees it once approved, in any form.
    minutes.minutes_approve(meeting=meeting, at_meeting=_meeting(cast, 40))
    scrutineer = client_for(cast.scrutineer)
    for name in ("detail", "minutes-pdf", "minutes-docx"):
        body = scrutineer.get(_url(name, cast, meeting))
        text = {"minutes-pdf": _pdf_text, "minutes-docx": _docx_text}.get(
            name, lambda r: r.content.decode())(body)
        assert "Annual report" in text and "SECRET" not in text, name


def test_drafting_never_overwrites_minutes_without_confirmation(cast, client_for):
    meeting = _meeting(cast, 20)
    public, secret = _record(cast, meeting)
    minutes.minutes_save(meeting=meeting, text="Written by hand",
                         confidential={secret: "Part B by hand"})
    client = client_for(cast.bu_officer)
    url = _url("minutes-draft", cast, meeting)
    response = client.post(url, follow=True)
    assert "Confirm that the draft from the record should replace them" in \
        response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes == "Written by hand"
    assert meeting.confidential_minutes.get().text == "Part B by hand"
    assert client.post(url, {"replace": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes.startswith("1. Attendance")
    assert "SECRET-DECISION" in meeting.confidential_minutes.get().text
    # Part A empty, Part B written: the draft fills Part A and keeps the Part B entry.
    other = _meeting(cast, 21)
    item = meetings.item_add(meeting=other, title="Case", confidential=True)
    ConfidentialMinute.objects.create(meeting=other, item=item, text="Kept")
    minutes.minutes_draft(meeting=other)
    assert other.confidential_minutes.get().text == "Kept"


def test_part_b_only_for_the_meetings_confidential_items(cast):
    with pytest.raises(ValidationError) as error:
        minutes.minutes_save(meeting=cast.meeting1, text="x",
                             confidential={cast.item_public: "Not confidential"})
    assert f"item-{cast.item_public.pk}" in error.value.message_dict
    assert not ConfidentialMinute.objects.exists()
