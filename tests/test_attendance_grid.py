"""Attendance at speed (issue 18, items 2 and 6): records only at a meeting that took place,
the grid of every seat with "All present", and the members absent three meetings running
(for the chair's attention and the attendance indicator's drill-down)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Attendance, Meeting
from governance.models.groups import Group
from governance.selectors.attendance import absent_running
from governance.services import meetings

pytestmark = pytest.mark.django_db


def _meeting(cast, days, status="held"):
    meeting = meetings.meeting_create(
        group=cast.exec_group, starts_at=cast.meeting1.starts_at + datetime.timedelta(days=days))
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.status = status
    return meeting


def _grid(cast):
    return reverse("governance:meeting-attendance", args=[cast.p1.slug, cast.meeting1.pk])


@pytest.mark.parametrize("status", ["planned", "cancelled"])
def test_nothing_is_recorded_at_a_meeting_that_did_not_take_place(cast, status):
    meeting = _meeting(cast, 10, status)
    for record in (
        lambda: meetings.attendance_record(meeting=meeting, entries={cast.seat_lsp: ("present", "")}),
        lambda: meetings.decision_add(meeting=meeting, text="Agreed"),
        lambda: meetings.declaration_add(meeting=meeting, person="A", interest="B"),
    ):
        with pytest.raises(ValidationError) as error:
            record()
        assert "Mark the meeting as held first" in str(error.value)
    assert not meeting.attendance.exists() and not meeting.decisions.exists()
    assert not meeting.declarations.exists()
    meeting.refresh_from_db()
    assert meeting.status == status  # recording no longer marks a meeting held


def test_an_adjourned_meeting_took_place(cast):
    meeting = _meeting(cast, 10, "adjourned")
    meetings.decision_add(meeting=meeting, text="Agreed before the adjournment")
    assert meeting.decisions.count() == 1


def test_the_grid_page_of_a_planned_meeting_says_mark_it_held(cast, client_for):
    meeting = _meeting(cast, 10, "planned")
    client = client_for(cast.bu_officer)
    url = reverse("governance:meeting-attendance", args=[cast.p1.slug, meeting.pk])
    page = client.get(url).content.decode()
    assert "mark the meeting as held first" in page and "attendance-grid" not in page
    response = client.post(url, {"all_present": "1"})
    assert response.status_code == 200
    assert "Mark the meeting as held first" in response.content.decode()
    assert not meeting.attendance.exists()


def test_the_grid_shows_every_seat_prefilled_and_the_quorum(cast, client_for):
    meetings.attendance_record(meeting=cast.meeting1, entries={
        cast.seat_icb: ("deputy", "Deputy nurse")})
    page = client_for(cast.bu_officer).get(_grid(cast)).content.decode()
    for seat in (cast.seat_lsp, cast.seat_dsp, cast.seat_a, cast.seat_icb):
        assert f'name="status-{seat.pk}"' in page and f'name="deputy-{seat.pk}"' in page
    assert '<option value="deputy" selected>' in page and 'value="Deputy nurse"' in page
    assert "All three statutory partners must be represented." in page
    assert 'name="all_present"' in page


def test_the_grid_records_every_seat_in_one_post(cast, client_for):
    client = client_for(cast.bu_officer)
    statuses = {cast.seat_lsp: "present", cast.seat_dsp: "apologies", cast.seat_a: "absent",
                cast.seat_icb: "deputy"}
    data = {f"status-{seat.pk}": status for seat, status in statuses.items()}
    response = client.post(_grid(cast), {**data, f"deputy-{cast.seat_icb.pk}": ""})
    assert "Enter the name of the deputy sent by Chief nurse" in response.content.decode()
    response = client.post(_grid(cast), {**data, f"status-{cast.seat_a.pk}": ""})
    assert "Choose whether" in response.content.decode()
    assert not Attendance.objects.filter(meeting=cast.meeting1).exists()
    response = client.post(_grid(cast), {**data, f"deputy-{cast.seat_icb.pk}": "A. Deputy"})
    assert response.status_code == 302
    recorded = {a.member_id: (a.status, a.deputy_name)
                for a in Attendance.objects.filter(meeting=cast.meeting1)}
    assert recorded == {seat.pk: (status, "A. Deputy" if status == "deputy" else "")
                        for seat, status in statuses.items()}


def test_all_present_records_every_seat_present(cast, client_for):
    meetings.attendance_record(meeting=cast.meeting1, entries={cast.seat_dsp: ("absent", "")})
    response = client_for(cast.lsp).post(_grid(cast), {
        "all_present": "1", f"status-{cast.seat_dsp.pk}": "nonsense"})
    assert response.status_code == 302
    rows = Attendance.objects.filter(meeting=cast.meeting1)
    assert rows.count() == 4 and {a.status for a in rows} == {"present"}


def _absences(cast, *rows):
    """One held meeting per row of statuses for (dsp, a), ten days apart."""
    for n, (dsp, a) in enumerate(rows):
        meeting = _meeting(cast, 10 * (n + 1))
        meetings.attendance_record(meeting=meeting, entries={
            cast.seat_lsp: ("present", ""), cast.seat_dsp: (dsp, "Deputy" if dsp == "deputy" else ""),
            cast.seat_a: (a, "Deputy" if a == "deputy" else "")})
    return meeting


def test_absent_three_meetings_running(cast, client_for):
    group = Group.objects.filter(pk=cast.exec_group.pk)
    _absences(cast, ("absent", "present"), ("apologies", "absent"))
    assert absent_running(group) == []  # two meetings only
    last = _absences(cast, ("present", "present"), ("absent", "absent"), ("apologies", "absent"),
                     ("absent", "deputy"))
    # dsp: absent, apologies, absent at the last three; agency A sent a deputy to the last one.
    assert [seat.pk for seat in absent_running(group)] == [cast.seat_dsp.pk]
    assert absent_running(group, agency=cast.agency_a) == []
    # Up to the meeting before the last: agency A was absent at the three before it too.
    before = last.starts_at - datetime.timedelta(days=1)
    assert {s.pk for s in absent_running(group, until=before)} == {cast.seat_dsp.pk, cast.seat_a.pk}
    for url in (reverse("governance:group-detail", args=[cast.p1.slug, cast.exec_group.pk]),
                reverse("governance:meeting-attendance", args=[cast.p1.slug, last.pk])):
        page = client_for(cast.lsp).get(url).content.decode()
        assert "For the chair&#x27;s attention" in page or "For the chair's attention" in page
        assert "Assistant chief constable" in page.split('id="absent-running"')[1].split("</div>")[0]


def test_a_meeting_that_did_not_take_place_does_not_count(cast):
    group = Group.objects.filter(pk=cast.exec_group.pk)
    _absences(cast, ("absent", "present"), ("absent", "present"), ("absent", "present"))
    cancelled = _meeting(cast, 45, "cancelled")
    Attendance.objects.create(meeting=cancelled, member=cast.seat_dsp, status="present")
    assert [seat.pk for seat in absent_running(group)] == [cast.seat_dsp.pk]


def test_the_attendance_indicator_counts_members_absent_three_running(cast, client_for):
    _absences(cast, ("absent", "present"), ("absent", "present"), ("absent", "present"))
    url = reverse("scrutiny:indicator", args=[cast.p1.slug, "attendance_all"]) + "?period=2025"
    page = client_for(cast.bu_manager).get(url).content.decode()
    notes = page.split('id="record-notes"')[1].split("</ul>")[0]
    assert "1 member was not represented at any of their group&#x27;s last three" in notes
    assert "Executive: 1" in notes
