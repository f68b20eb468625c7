"""The group pages: the list and reporting lines, a group's page, adding and editing
groups, seats, and generating a year's meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Group, GroupMember
from governance.services import groups, meetings
from partnership.services import people

from .test_queries import count_queries

pytestmark = pytest.mark.django_db


def url(name, cast, slug=None, **kwargs):
    return reverse(name, kwargs={"slug": slug or cast.p1.slug, **kwargs})


def date_parts(name, day):
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def group_data(**changes):
    data = {"name": "Learning and Improvement", "short_name": "L&I", "group_type": "subgroup",
            "purpose": "Learns from reviews", "frequency": "quarterly", "meeting_minutes": "150",
            "length_label": "", "chair": "", "chair_label": "", "reports_to": "",
            "quorum": "none", "quorum_count": "", **date_parts("start_date", None),
            **date_parts("end_date", None)}
    data.update(changes)
    return data


def schedule_data(first, count, start_time="10:00", location="County Hall", **buttons):
    return {**date_parts("first", first), "start_time": start_time, "count": str(count),
            "location": location, **buttons}


def local_days(group):
    tz = timezone.get_current_timezone()
    return sorted(m.starts_at.astimezone(tz).date() for m in group.meetings.all())


def body(response):
    return response.content.decode()


# Schedule generation


def test_quarterly_schedule_gives_four_dates_three_months_apart(cast, client_for):
    client = client_for(cast.bu_officer)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    form = client.get(target)
    assert 'name="count"' in body(form) and 'value="4"' in body(form)  # a year: 4 meetings
    first = datetime.date(2026, 6, 2)
    check = client.post(target, schedule_data(first, 4, preview="1"))
    assert check.status_code == 200
    assert "Check the dates" in body(check)
    assert cast.exec_group.meetings.count() == 2  # nothing added yet
    for text in ("Tuesday 2 June 2026", "Wednesday 2 September 2026", "Wednesday 2 December 2026",
                 "Tuesday 2 March 2027"):
        assert text in body(check)
    done = client.post(target, schedule_data(first, 4, confirm="1"))
    assert done.status_code == 302
    assert done["Location"] == url("governance:group-detail", cast, pk=cast.exec_group.pk)
    new = [d for d in local_days(cast.exec_group) if d.year >= 2026]
    assert new == [datetime.date(2026, 6, 2), datetime.date(2026, 9, 2),
                   datetime.date(2026, 12, 2), datetime.date(2027, 3, 2)]
    made = cast.exec_group.meetings.filter(starts_at__year__gte=2026)
    tz = timezone.get_current_timezone()
    assert {m.starts_at.astimezone(tz).time() for m in made} == {datetime.time(10, 0)}
    assert {m.location for m in made} == {"County Hall"}


def test_non_working_days_move_to_the_next_working_day(cast, client_for):
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    # 31 Aug 2026 is a bank holiday, 28 Feb 2027 a Sunday, 31 May 2027 a bank holiday.
    first = datetime.date(2026, 8, 31)
    check = client.post(target, schedule_data(first, 4, preview="1"))
    text = body(check)
    assert "moved to the next working day" in text
    assert "Moved from Monday 31 August 2026, not a working day" in text
    assert "Moved from Sunday 28 February 2027, not a working day" in text
    client.post(target, schedule_data(first, 4, confirm="1"))
    assert [d for d in local_days(cast.exec_group) if d.year >= 2026] == [
        datetime.date(2026, 9, 1), datetime.date(2026, 11, 30), datetime.date(2027, 3, 1),
        datetime.date(2027, 6, 1)]


def test_days_that_already_have_a_meeting_are_skipped(cast, client_for):
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    first = datetime.date(2025, 6, 3)  # meeting1's day
    check = client.post(target, schedule_data(first, 2, preview="1"))
    assert "The group already meets that day: not added again" in body(check)
    assert "1 meeting will be added" in body(check)
    client.post(target, schedule_data(first, 2, confirm="1"))
    assert local_days(cast.exec_group) == [datetime.date(2025, 6, 3), datetime.date(2025, 9, 2),
                                           datetime.date(2025, 9, 3)]


@pytest.mark.parametrize("count", ["0", "25", "four"])
def test_the_number_of_meetings_is_bounded(cast, client_for, count):
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    for button in ("preview", "confirm"):
        response = client.post(target, {**schedule_data(datetime.date(2026, 6, 2), 4),
                                        "count": count, button: "1"})
        assert response.status_code == 200
        assert "govuk-error-summary" in body(response)
        expected = ("Enter the number of meetings as a whole number" if count == "four"
                    else "Enter a number of meetings between 1 and 24")
        assert expected in body(response)
    assert cast.exec_group.meetings.count() == 2


def test_schedule_errors_are_specific(cast, client_for):
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    response = client.post(target, {**schedule_data(None, 4, start_time="10am"),
                                    **date_parts("first", None), "preview": "1"})
    text = body(response)
    assert "Enter the date of the first meeting" in text
    assert "Enter the start time in hours and minutes, like 14:30" in text
    assert cast.exec_group.meetings.count() == 2


def test_change_the_details_goes_back_to_the_form(cast, client_for):
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    response = client.post(target, schedule_data(datetime.date(2026, 6, 2), 3, change="1"))
    assert "Check the dates" in body(response)  # the button of the form
    assert 'value="3"' in body(response) and 'value="2026"' in body(response)
    assert cast.exec_group.meetings.count() == 2


def test_a_task_and_finish_group_gets_no_meetings_after_it_ends(cast, client_for):
    group = groups.group_create(partnership=cast.p1, name="Neglect strategy", frequency="monthly",
                                group_type="task_and_finish", start_date=datetime.date(2026, 1, 1),
                                end_date=datetime.date(2026, 3, 31))
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=group.pk)
    late = client.post(target, schedule_data(datetime.date(2026, 4, 1), 2, preview="1"))
    assert "The group ends on 31 March 2026" in body(late)
    check = client.post(target, schedule_data(datetime.date(2026, 2, 3), 3, preview="1"))
    assert "After the group ends: not added" in body(check)
    client.post(target, schedule_data(datetime.date(2026, 2, 3), 3, confirm="1"))
    assert local_days(group) == [datetime.date(2026, 2, 3), datetime.date(2026, 3, 3)]


def test_ad_hoc_groups_add_meetings_one_at_a_time(cast, client_for):
    group = groups.group_create(partnership=cast.p1, name="Rapid review panel",
                                group_type="panel", frequency="ad_hoc")
    client = client_for(cast.bu_manager)
    target = url("governance:group-schedule", cast, pk=group.pk)
    page = client.get(target)
    assert "Meetings held as needed cannot be scheduled in advance" in body(page)
    assert reverse("governance:meeting-create", kwargs={"slug": cast.p1.slug, "group_pk": group.pk}) \
        in body(page)
    response = client.post(target, schedule_data(datetime.date(2026, 6, 2), 4, confirm="1"))
    assert response.status_code == 200
    assert not group.meetings.exists()
    detail = body(client.get(url("governance:group-detail", cast, pk=group.pk)))
    assert "Generate a year's meetings" not in detail
    assert "its meetings are added one at a time" in detail


def test_the_chair_may_schedule_but_other_members_may_not(cast, client_for):
    target = url("governance:group-schedule", cast, pk=cast.exec_group.pk)
    data = schedule_data(datetime.date(2026, 6, 2), 1, confirm="1")
    assert client_for(cast.dsp).post(target, data).status_code == 403
    assert client_for(cast.lead_a).post(target, data).status_code == 403
    assert cast.exec_group.meetings.count() == 2
    assert client_for(cast.lsp).post(target, data).status_code == 302  # chairs the executive
    assert cast.exec_group.meetings.count() == 3


# Creating and editing groups


def test_business_unit_adds_a_group(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(url("governance:group-create", cast), group_data(
        chair=str(cast.chair.pk), reports_to=str(cast.exec_group.pk), quorum="core_members",
        quorum_count="3", **date_parts("start_date", datetime.date(2026, 4, 1))))
    group = Group.objects.get(name="Learning and Improvement")
    assert response["Location"] == url("governance:group-detail", cast, pk=group.pk)
    assert (group.partnership, group.chair, group.reports_to, group.quorum_count,
            group.meeting_minutes, group.start_date) == (
        cast.p1, cast.chair, cast.exec_group, 3, 150, datetime.date(2026, 4, 1))
    detail = body(client.get(response["Location"]))
    assert "2 hours 30 minutes" in detail and "At least 3 core members must be present." in detail
    assert "Chair" in detail and cast.chair.full_name in detail
    executive = body(client.get(url("governance:group-detail", cast, pk=cast.exec_group.pk)))
    assert "Learning and Improvement" in executive  # under "Groups reporting to it"


def test_start_date_defaults_to_today_and_quorum_count_is_dropped(cast, client_for):
    client_for(cast.bu_manager).post(url("governance:group-create", cast), group_data(quorum_count="5"))
    group = Group.objects.get(name="Learning and Improvement")
    assert group.start_date == datetime.date.today()
    assert group.quorum_count is None


def test_task_and_finish_group_needs_an_end_date(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(url("governance:group-create", cast), group_data(group_type="task_and_finish"))
    assert response.status_code == 200
    assert "Enter the date the task-and-finish group ends" in body(response)
    assert 'href="#id_end_date_0"' in body(response)
    assert not Group.objects.filter(name="Learning and Improvement").exists()
    ok = client.post(url("governance:group-create", cast), group_data(
        group_type="task_and_finish", **date_parts("end_date", datetime.date(2027, 3, 31))))
    assert ok.status_code == 302


@pytest.mark.parametrize("changes, message", [
    ({"name": ""}, "Enter the group&#x27;s name"),
    ({"name": "Executive"}, "The partnership already has a group with this name"),
    ({"group_type": "committee"}, "Choose one of the types of group"),
    ({"frequency": ""}, "Choose how often the group meets"),
    ({"meeting_minutes": "two hours"}, "Enter the meeting length as a whole number of minutes"),
    ({"quorum": "core_members"}, "Enter how many core members make the meeting quorate"),
    ({**date_parts("start_date", datetime.date(2026, 5, 1)),
      **date_parts("end_date", datetime.date(2026, 4, 1))},
     "The end date must be the same as or after the start date"),
    ({"end_date_0": "31", "end_date_1": "2", "end_date_2": "2027"},
     "The end date must be a real date"),
])
def test_invalid_groups_are_refused_with_a_clear_message(cast, client_for, changes, message):
    before = Group.objects.count()
    response = client_for(cast.bu_manager).post(url("governance:group-create", cast), group_data(**changes))
    assert response.status_code == 200
    assert message in body(response)
    assert Group.objects.count() == before


def test_the_chair_is_someone_with_a_role_in_the_partnership(cast, client_for):
    response = client_for(cast.bu_manager).post(url("governance:group-create", cast),
                                                group_data(chair=str(cast.lead_x.pk)))
    assert "Choose the chair from the list" in body(response)
    assert cast.lead_x.full_name not in body(response)  # P2's people are not offered
    assert not Group.objects.filter(name="Learning and Improvement").exists()


def test_a_group_cannot_report_to_itself_or_in_a_circle(cast, client_for):
    client = client_for(cast.bu_manager)
    child = groups.group_create(partnership=cast.p1, name="Child", group_type="subgroup",
                                frequency="monthly", reports_to=cast.exec_group)
    grandchild = groups.group_create(partnership=cast.p1, name="Grandchild",
                                     group_type="subgroup", frequency="monthly",
                                     reports_to=child)
    edit = url("governance:group-edit", cast, pk=cast.exec_group.pk)
    options = body(client.get(edit)).split('id="id_reports_to"')[1].split("</select>")[0]
    assert "Grandchild" in options and "Executive" not in options  # not offered to itself
    itself = client.post(edit, group_data(name="Renamed", reports_to=str(cast.exec_group.pk)))
    assert "A group cannot report to itself" in body(itself)
    circle = client.post(edit, group_data(name="Renamed", reports_to=str(grandchild.pk)))
    assert "That would make the groups report to each other in a circle" in body(circle)
    assert "Edit Executive" in body(circle)
    cast.exec_group.refresh_from_db()
    assert (cast.exec_group.name, cast.exec_group.reports_to) == ("Executive", None)
    other = client.post(edit, group_data(reports_to=str(cast.group_p2.pk)))
    assert "Choose a group of this partnership from the list" in body(other)


def test_editing_a_group_keeps_what_is_not_changed(cast, client_for):
    client = client_for(cast.bu_manager)
    edit = url("governance:group-edit", cast, pk=cast.exec_group.pk)
    page = body(client.get(edit))
    assert 'value="Executive"' in page and "CNRY-GROUP-EXEC" in page
    response = client.post(edit, group_data(
        name="Executive", group_type="executive", purpose="New terms", quorum="statutory_partners",
        chair_label="Independent chair"))
    assert response.status_code == 302
    cast.exec_group.refresh_from_db()
    assert cast.exec_group.purpose == "New terms"
    assert cast.exec_group.start_date == datetime.date(2020, 4, 1)  # blank keeps the date
    assert cast.exec_group.chair_display == "Independent chair"


def test_sharing_with_partnerships_the_user_also_runs(cast, client_for):
    client = client_for(cast.bu_manager)
    assert "Shared with other partnerships" not in body(client.get(url("governance:group-create", cast)))
    people.membership_create(user=cast.bu_manager, partnership=cast.p2,
                             role="business_unit_manager", start_date=datetime.date(2020, 4, 1))
    form = body(client.get(url("governance:group-create", cast)))
    assert "Shared with other partnerships" in form and cast.p2.name in form
    response = client.post(url("governance:group-create", cast), {
        **group_data(name="Child Death Overview Panel", group_type="cross_partnership"),
        "shared_with": [str(cast.p2.pk)]})
    assert response.status_code == 302
    cdop = Group.objects.get(name="Child Death Overview Panel")
    assert list(cdop.shared_with.all()) == [cast.p2]
    p2_list = body(client_for(cast.bu_p2).get(url("governance:group-list", cast, slug=cast.p2.slug)))
    assert "Child Death Overview Panel" in p2_list and f"Shared from {cast.p1.name}" in p2_list
    p1_list = body(client.get(url("governance:group-list", cast)))
    assert f"Shared with {cast.p2.name}" in p1_list


def test_a_shared_group_is_edited_only_by_its_own_business_unit(cast, client_for):
    cast.group_p2.shared_with.add(cast.p1)
    target = url("governance:group-detail", cast, pk=cast.group_p2.pk)
    page = client_for(cast.bu_manager).get(target)
    assert page.status_code == 200
    assert f"This group belongs to {cast.p2.name}" in body(page)
    assert "Edit the group" not in body(page) and "Add a seat" not in body(page)
    edit = url("governance:group-edit", cast, pk=cast.group_p2.pk)
    assert client_for(cast.bu_manager).post(edit, group_data()).status_code == 403
    assert client_for(cast.bu_manager).post(
        url("governance:group-member-add", cast, pk=cast.group_p2.pk), {"role_label": "X"}).status_code == 403
    own = url("governance:group-edit", cast, slug=cast.p2.slug, pk=cast.group_p2.pk)
    assert client_for(cast.bu_p2).get(own).status_code == 200


# Seats


def test_adding_and_ending_a_seat(cast, client_for):
    client = client_for(cast.bu_manager)
    add = url("governance:group-member-add", cast, pk=cast.exec_group.pk)
    response = client.post(add, {"user": str(cast.chair.pk), "role_label": "Independent chair",
                                 "member_type": "others", "is_chair": "on",
                                 **date_parts("start_date", datetime.date(2026, 1, 5))})
    assert response.status_code == 302
    seat = GroupMember.objects.get(group=cast.exec_group, user=cast.chair)
    assert (seat.member_type, seat.is_chair, seat.start_date) == (
        "others", True, datetime.date(2026, 1, 5))
    detail = body(client.get(url("governance:group-detail", cast, pk=cast.exec_group.pk)))
    assert "Others to consider" in detail and "Core members" in detail
    post_only = client.post(add, {"role_label": "Designated doctor", "agency": str(cast.icb1.pk),
                                  "member_type": "core"})
    assert post_only.status_code == 302
    end = url("governance:group-member-end", cast, pk=cast.exec_group.pk, member_pk=seat.pk)
    early = client.post(end, date_parts("end_date", datetime.date(2025, 12, 31)))
    assert "The last day must be the same as or after the start date, 5 January 2026" \
        in body(early)
    seat.refresh_from_db()
    assert seat.end_date is None
    ended = client.post(end, date_parts("end_date", datetime.date(2026, 3, 31)))
    assert ended.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2026, 3, 31)


@pytest.mark.parametrize("data, message", [
    ({"member_type": "core"}, "Choose a person or enter the post that holds the seat"),
    ({"role_label": "Lead", "agency": "AGENCY_X", "member_type": "core"},
     "Choose one of the partnership&#x27;s agencies"),
    ({"user": "LEAD_X", "member_type": "core"}, "Choose the person from the list"),
    ({"user": "DSP", "member_type": "core"}, "already has a seat on Executive"),
    ({"role_label": "Lead", "member_type": "chief"}, "Choose one of the types of seat"),
])
def test_invalid_seats_are_refused(cast, client_for, data, message):
    values = {"AGENCY_X": str(cast.agency_x.pk), "LEAD_X": str(cast.lead_x.pk),
              "DSP": str(cast.dsp.pk)}
    data = {key: values.get(value, value) for key, value in data.items()}
    before = GroupMember.objects.count()
    response = client_for(cast.bu_manager).post(
        url("governance:group-member-add", cast, pk=cast.exec_group.pk), data)
    assert response.status_code == 200
    assert message in body(response)
    assert GroupMember.objects.count() == before


def test_a_seat_of_another_group_is_not_found(cast, client_for):
    other = url("governance:group-member-end", cast, pk=cast.exec_group.pk, member_pk=cast.seat_x.pk)
    assert client_for(cast.bu_manager).get(other).status_code == 404


def test_the_chair_adds_seats_but_other_members_may_not(cast, client_for):
    add = url("governance:group-member-add", cast, pk=cast.exec_group.pk)
    data = {"role_label": "Head of education safeguarding", "member_type": "others"}
    assert client_for(cast.lead_a).post(add, data).status_code == 403
    assert client_for(cast.dsp).post(add, data).status_code == 403
    assert client_for(cast.lsp).post(add, data).status_code == 302
    assert cast.exec_group.members.filter(role_label=data["role_label"]).count() == 1


# Access


def test_agency_staff_see_only_the_groups_they_sit_on(cast, client_for):
    other = groups.group_create(partnership=cast.p1, name="Education subgroup",
                                group_type="subgroup", frequency="bimonthly",
                                reports_to=cast.exec_group)
    lead_a = client_for(cast.lead_a)
    listing = body(lead_a.get(url("governance:group-list", cast)))
    assert "Executive" in listing and "Education subgroup" not in listing
    assert "The groups of this partnership you have a seat on." in listing
    assert lead_a.get(url("governance:group-detail", cast, pk=other.pk)).status_code == 404
    # The executive's page does not list the subgroup lead_a cannot see.
    assert "Education subgroup" not in body(lead_a.get(url("governance:group-detail", cast,
                                                           pk=cast.exec_group.pk)))
    chief = body(client_for(cast.chief_a).get(url("governance:group-list", cast)))
    assert "Executive" not in chief
    assert "You do not have a seat on any of this partnership" in chief
    scrutineer = body(client_for(cast.scrutineer).get(url("governance:group-list", cast)))
    assert "Executive" in scrutineer and "Education subgroup" in scrutineer
    assert "Add a group" not in scrutineer


def test_another_partnerships_group_is_not_found(cast, client_for):
    for name in ("governance:group-detail", "governance:group-edit", "governance:group-member-add",
                 "governance:group-schedule"):
        target = url(name, cast, pk=cast.group_p2.pk)
        assert client_for(cast.bu_manager).get(target).status_code == 404, name
        assert client_for(cast.bu_p2).get(target).status_code == 404, name  # P1 is not theirs


def test_writes_by_people_outside_the_business_unit_are_refused(cast, client_for):
    for who in ("lsp", "dsp", "chair", "scrutineer", "lead_a"):
        client = client_for(cast.users[who])
        assert client.post(url("governance:group-create", cast), group_data()).status_code == 403, who
        assert client.post(url("governance:group-edit", cast, pk=cast.exec_group.pk),
                           group_data(name="Taken over")).status_code == 403, who
    assert not Group.objects.filter(name__in=("Learning and Improvement", "Taken over")).exists()


def test_list_shows_the_details_and_the_reporting_tree(cast, client_for):
    child = groups.group_create(partnership=cast.p1, name="Practice review group",
                                group_type="subgroup", frequency="monthly", meeting_minutes=120,
                                chair_label="To be confirmed", reports_to=cast.exec_group)
    groups.group_create(partnership=cast.p1, name="Rapid review panel", group_type="panel",
                        frequency="ad_hoc", reports_to=child)
    meetings.meeting_create(group=cast.exec_group,
                            starts_at=timezone.now() + datetime.timedelta(days=40))
    page = body(client_for(cast.bu_manager).get(url("governance:group-list", cast)))
    assert "Executive" in page and "Subgroup" in page and "Panel" in page
    assert "Quarterly" in page and "2 hours" in page and "To be confirmed" in page
    assert "Lsp (Chief executive, Northshire Council)" in page  # the chair's seat
    assert (timezone.now() + datetime.timedelta(days=40)).strftime("%-d %b %Y") in page
    tree = page.split('id="reporting-lines"')[1].split("</main>")[0]
    assert tree.index("Executive") < tree.index("Practice review group") \
        < tree.index("Rapid review panel")
    assert tree.count("<ul") == 3


def test_detail_shows_seats_meetings_and_buttons(cast, client_for):
    manager = body(client_for(cast.bu_manager).get(url("governance:group-detail", cast,
                                                       pk=cast.exec_group.pk)))
    for text in ("CNRY-GROUP-EXEC", "All three statutory partners must be represented.",
                 "Core members", cast.lsp.full_name, "Chief nurse", "Northshire ICB",
                 "Add a seat", "Generate a year's meetings", "Add a meeting", "Edit the group",
                 reverse("governance:meeting-detail", kwargs={"slug": cast.p1.slug, "pk": cast.meeting1.pk}),
                 reverse("governance:meeting-create", kwargs={"slug": cast.p1.slug,
                                                   "group_pk": cast.exec_group.pk})):
        assert text in manager, text
    assert "CNRY-ITEM-PUBLIC" not in manager and "CNRY-DRAFT-MINUTES" not in manager
    member = body(client_for(cast.lead_a).get(url("governance:group-detail", cast, pk=cast.exec_group.pk)))
    assert "Add a seat" not in member and "Edit the group" not in member
    assert "End seat" not in member
    chair = body(client_for(cast.lsp).get(url("governance:group-detail", cast, pk=cast.exec_group.pk)))
    assert "Add a seat" in chair and "Edit the group" not in chair


# Queries


def _grow(cast, start, n):
    for i in range(start, start + n):
        group = groups.group_create(partnership=cast.p1, name=f"Subgroup {i:03d}",
                                    group_type="subgroup", frequency="monthly",
                                    reports_to=cast.exec_group, chair=cast.chair)
        groups.member_add(group=group, user=cast.dsp, agency=cast.police, role_label="ACC")
        groups.member_add(group=cast.exec_group, agency=cast.agency_a, role_label=f"Post {i}",
                          member_type="others")
        meetings.meeting_create(group=cast.exec_group,
                                starts_at=timezone.now() + datetime.timedelta(days=i + 1))
        meetings.meeting_create(group=group,
                                starts_at=timezone.now() - datetime.timedelta(days=i + 1))
    cast.group_p2.shared_with.add(cast.p1)


@pytest.mark.parametrize("name", ["governance:group-list", "governance:group-detail"])
def test_page_queries_do_not_grow_with_rows(cast, client_for, name):
    client = client_for(cast.bu_manager)
    target = url(name, cast) if name == "governance:group-list" else url(name, cast, pk=cast.exec_group.pk)
    _grow(cast, 0, 3)
    client.get(target)
    few, _ = count_queries(client, target)
    _grow(cast, 3, 20)
    many, response = count_queries(client, target)
    assert few == many, f"{few} queries with 3 rows, {many} with 23"
    assert "Subgroup 022" in body(response)
