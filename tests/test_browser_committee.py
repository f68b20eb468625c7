"""In Chromium, a meeting from scheduling to approved minutes (issue 18): the business unit
officer schedules a meeting, builds its agenda with a confidential item and publishes it (the
pack is made in the background), marks it held, records attendance with the grid, drafts the
minutes from the record with a Part B for the confidential item, and approves them at the
next meeting once that is held; the scrutineer, who may see the meeting but is not a member,
reads the public minutes only."""

import datetime
import re

from django.utils import timezone

from governance.models import AgendaPack, Attendance, Meeting, MinutesStatus, PackStatus
from governance.services import meetings

from . import cast as cast_module
from .test_browser import assert_accessible_structure, failed_responses, pytestmark, sign_in
from .test_browser_report import background_worker
from .test_browser_reviews import fill_date

__all__ = ["failed_responses", "pytestmark"]

PART_B = "The panel agreed a multi-agency strategy meeting for the child within 48 hours."
PUBLIC = "The board agreed the 2027/28 budget."


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_meeting_from_scheduling_to_approved_minutes(page, live_server, failed_responses):
    cast = cast_module.build(hash_passwords=True)
    today = timezone.localdate()
    day, next_day = today - datetime.timedelta(days=6), today - datetime.timedelta(days=2)
    following = meetings.meeting_create(  # the next meeting, already in the diary
        group=cast.exec_group, starts_at=datetime.datetime.combine(
            next_day, datetime.time(10), tzinfo=timezone.get_current_timezone()))

    sign_in(page, live_server, cast.bu_officer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/groups/{cast.exec_group.pk}/")
    page.get_by_role("link", name="Add a meeting").click()
    assert_accessible_structure(page)
    fill_date(page, "Date", day.day, day.month, day.year)
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Length in minutes").fill("90")
    page.get_by_label("Location").fill("Civic Centre, room 2")
    page.get_by_role("button", name="Add the meeting").click()
    meeting = Meeting.objects.exclude(pk__in=[cast.meeting1.pk, cast.meeting2.pk, following.pk]
                                      ).get(group=cast.exec_group)
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")

    # The agenda: a public item and a confidential one, then published.
    for title, presenter, confidential in (("Budget 2027/28", "Director of finance", False),
                                           ("Child J: rapid review", "Chair", True)):
        page.get_by_role("link", name="Manage the agenda").click()
        page.get_by_role("link", name="Add an agenda item").click()
        assert_accessible_structure(page)
        page.get_by_label("Title").fill(title)
        page.get_by_label("Presenter").fill(presenter)
        page.get_by_label("Time allowed, in minutes").fill("30")
        if confidential:
            page.get_by_label(re.compile("^Confidential")).check()
        page.get_by_role("button", name=re.compile("Add")).click()
        page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Manage the agenda").click()
    assert_accessible_structure(page)
    assert "14:30" in page.locator("main").inner_text()  # the second item's start time
    with background_worker():
        page.get_by_role("link", name="Publish the agenda").click()
        page.get_by_role("button", name="Publish the agenda").click()
        for _ in range(180):  # the packs are made in the background (a real worker in CI)
            if not AgendaPack.objects.filter(meeting=meeting).exclude(
                    status=PackStatus.READY).exists():
                break
            page.wait_for_timeout(500)
    assert set(AgendaPack.objects.filter(meeting=meeting).values_list("status", flat=True)) \
        == {PackStatus.READY}
    with page.expect_download() as info:
        page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/pack/")
        page.get_by_role("link", name=re.compile("Download the agenda pack")).click()
    assert info.value.suggested_filename.endswith(".pdf")

    # The meeting took place: held, then attendance with the grid.
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Mark as held").click()
    page.get_by_role("button", name="Mark as held").click()
    page.get_by_role("link", name="Record attendance").click()
    assert_accessible_structure(page)
    page.get_by_role("button", name="All present").click()
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 4

    # Minutes drafted from the record, then Part A and Part B edited.
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Draft minutes from the record").click()
    assert_accessible_structure(page)
    part_a = page.get_by_label("Part A: the public minutes")
    drafted = part_a.input_value()
    assert "Budget 2027/28" in drafted and "Present" in drafted
    assert "Child J" not in drafted  # the confidential item stays out of Part A
    part_a.fill(drafted + "\n\n" + PUBLIC)
    page.get_by_label("Part B: Child J: rapid review").fill(PART_B)
    page.get_by_role("button", name=re.compile("Save")).click()
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.DRAFT
    assert meeting.confidential_minutes.get().text == PART_B

    # Approved at the next meeting, once it has been held.
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{following.pk}/")
    page.get_by_role("link", name="Mark as held").click()
    page.get_by_role("button", name="Mark as held").click()
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Record approval").click()
    assert_accessible_structure(page)
    page.get_by_label(re.compile(f"{next_day.day} {next_day:%B %Y}")).check()
    page.get_by_label("Corrections agreed at that meeting").fill("Item 2: the date corrected.")
    page.get_by_role("button", name=re.compile("approv", re.I)).click()
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.APPROVED
    assert meeting.minutes_approved_at_id == following.pk
    sign_out(page)

    # The scrutineer reads the public minutes, never Part B or the confidential item.
    sign_in(page, live_server, cast.scrutineer.email)
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/p/{cast.p1.slug}/meetings/{meeting.pk}/")
    assert_accessible_structure(page)
    text = page.locator("main").inner_text()
    assert PUBLIC in text and "Item 2: the date corrected." in text
    assert PART_B not in text and "Child J" not in text
    assert failed_responses == []
