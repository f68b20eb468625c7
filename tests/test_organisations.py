"""Organisations change; history stays true: an agency renamed or merged into another from
a day (domain.md, corrections of 2 December 2026, item 8)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.urls import reverse

from funding.models import Contribution
from partnership import permissions
from partnership.errors import Invalid
from partnership.models import (
    Agency,
    AgencyMembership,
    AgencyName,
    Designation,
    PartnershipMembership,
)
from partnership.services import organisations, people, structure

pytestmark = pytest.mark.django_db

D = datetime.date


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def rename_url(cast, agency):
    return reverse("agency-rename", kwargs={"slug": cast.p1.slug, "pk": agency.pk})


def merge_url(cast, agency):
    return reverse("agency-merge", kwargs={"slug": cast.p1.slug, "pk": agency.pk})


def test_the_business_unit_renames_an_agency_from_a_day(cast, client_for):
    manager = client_for(cast.bu_manager)
    response = manager.post(rename_url(cast, cast.agency_a), {
        "name": "Agency A Trust", **date_fields("start_date", D(2023, 4, 1))})
    assert response.status_code == 302
    agency = Agency.objects.get(pk=cast.agency_a.pk)
    assert agency.name == "Agency A Trust"
    assert list(agency.former_names.values_list("name", "until")) == [
        ("Agency A Academy", D(2023, 3, 31))]
    assert agency.name_on(D(2023, 3, 31)) == "Agency A Academy"
    assert agency.name_on(D(2023, 4, 1)) == "Agency A Trust"
    page = manager.get(response["Location"]).content.decode()
    assert "Formerly Agency A Academy, until 31 March 2023" in page
    assert "Record a new name" in page


@pytest.mark.parametrize(("name", "day", "field", "message"), [
    ("Shires Police", D(2023, 4, 1), "name", "Another agency is called Shires Police"),
    ("Agency A School", D(2023, 4, 1), "name", "already has that name"),
    ("Agency A Trust", datetime.date.today() + datetime.timedelta(days=1), "start_date",
     "today or earlier"),
    ("Agency A Trust", D(2021, 1, 2), "start_date", "must be after 2 January 2021"),
])
def test_a_rename_with_a_wrong_name_or_day_changes_nothing(cast, client_for, name, day, field,
                                                           message):
    organisations.agency_rename(agency=cast.agency_a, name="Agency A School",
                                start_date=D(2021, 1, 2))
    manager = client_for(cast.bu_manager)
    response = manager.post(rename_url(cast, cast.agency_a),
                            {"name": name, **date_fields("start_date", day)})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "govuk-error-summary" in response.content.decode()
    assert Agency.objects.get(pk=cast.agency_a.pk).name == "Agency A School"
    assert AgencyName.objects.filter(agency=cast.agency_a).count() == 1


def test_an_agency_serving_several_partnerships_is_renamed_by_the_platform(cast, client_for):
    """The police serve P1 and P2: neither business unit renames them alone (403)."""
    for user in (cast.bu_manager, cast.bu_p2):
        slug = cast.p1.slug if user == cast.bu_manager else cast.p2.slug
        url = reverse("agency-rename", kwargs={"slug": slug, "pk": cast.police.pk})
        assert client_for(user).post(url, {"name": "Shires Constabulary"}).status_code == 403
    page = client_for(cast.bu_manager).get(
        reverse("agency-detail", kwargs={"slug": cast.p1.slug, "pk": cast.police.pk}))
    assert "Record a new name" not in page.content.decode()
    assert Agency.objects.get(pk=cast.police.pk).name == "Shires Police"


def test_merging_into_a_new_agency_moves_designation_people_and_access(cast, client_for):
    day = D(2022, 7, 1)
    manager = client_for(cast.bu_manager)
    response = manager.post(merge_url(cast, cast.agency_a), {
        "into": "new", "new_name": "Agency B Trust", "new_sector": "education",
        **date_fields("merged_on", day)})
    assert response.status_code == 302
    successor = Agency.objects.get(name="Agency B Trust")
    merged = Agency.objects.get(pk=cast.agency_a.pk)
    assert (merged.merged_into, merged.merged_on) == (successor, day)
    assert merged.designations.get().end_date == D(2022, 6, 30)
    new = successor.designations.get()
    assert (new.partnership, new.kind, new.start_date) == (cast.p1, "relevant_agency", day)
    # Each person's role ended the day before and the same role started in the successor.
    for user in (cast.lead_a, cast.chief_a, cast.contributor_a):
        old = AgencyMembership.objects.get(user=user, agency=merged)
        moved = AgencyMembership.objects.get(user=user, agency=successor)
        assert (old.end_date, moved.start_date, moved.role) == (D(2022, 6, 30), day, old.role)
        assert list(permissions.agencies_for(user)) == [successor]
    page = manager.get(response["Location"]).content.decode()
    assert "Agency A Academy became part of it on 1 July 2022" in page
    # The merged agency leaves today's lists; its records stay and name it.
    listing = manager.get(reverse("agency-list", kwargs={"slug": cast.p1.slug})).content.decode()
    assert "Agency A Academy" not in listing and "Agency B Trust" in listing
    assert Contribution.objects.get(pk=cast.contribution_a.pk).agency.name == "Agency A Academy"


def test_a_statutory_partner_merges_and_its_partners_act_for_the_successor(cast):
    nurse = people.membership_create(user=cast.chair, partnership=cast.p1,
                                     role="delegated_safeguarding_partner", agency=cast.icb1,
                                     title="Chief Nurse", start_date=D(2020, 4, 1))
    board = structure.agency_create(name="Northshire Integrated Care Board", sector="health")
    organisations.agency_merge(agency=cast.icb1, into=board, merged_on=D(2022, 7, 1))
    assert board in permissions.statutory_partners(cast.p1)
    assert cast.icb1 not in permissions.statutory_partners(cast.p1)
    assert cast.icb1 in permissions.statutory_partners(cast.p1, on=D(2022, 6, 30))
    assert Designation.objects.get(agency=board).kind == "nhs_commissioner"
    moved = PartnershipMembership.objects.active().get(user=cast.chair, agency=board)
    assert (moved.role, moved.title, moved.start_date) == (nurse.role, "Chief Nurse",
                                                           D(2022, 7, 1))


def test_a_successor_taking_part_as_another_kind_is_refused(cast):
    charity = structure.agency_create(name="Northshire Health Charity", sector="voluntary")
    structure.designation_create(partnership=cast.p1, agency=charity, kind="relevant_agency",
                                 start_date=D(2020, 4, 1))
    with pytest.raises(Invalid) as refused:
        organisations.agency_merge(agency=cast.icb1, into=charity, merged_on=D(2022, 7, 1))
    assert "designate it as statutory partner: nhs commissioner" in str(refused.value)
    assert Agency.objects.get(pk=cast.icb1.pk).merged_into is None
    assert Designation.objects.active().filter(agency=cast.icb1).exists()


@pytest.mark.parametrize(("into", "day", "field"), [
    ("", D(2022, 7, 1), "into"),
    ("new", D(2022, 7, 1), "new_name"),
    ("police", datetime.date.today() + datetime.timedelta(days=1), "merged_on"),
    ("police", D(2019, 1, 1), "merged_on"),  # before the roles moved with it started
])
def test_a_wrong_merger_changes_nothing(cast, client_for, into, day, field):
    choice = str(cast.police.pk) if into == "police" else into
    response = client_for(cast.bu_manager).post(merge_url(cast, cast.agency_a), {
        "into": choice, "new_sector": "education", **date_fields("merged_on", day)})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    agency = Agency.objects.get(pk=cast.agency_a.pk)
    assert agency.merged_into is None
    assert AgencyMembership.objects.active().filter(agency=agency).count() == 3


def test_a_merged_agency_cannot_merge_or_be_renamed_again(cast):
    board = structure.agency_create(name="Agency B Trust", sector="education")
    organisations.agency_merge(agency=cast.agency_a, into=board, merged_on=D(2022, 7, 1))
    with pytest.raises(Invalid, match="became part of Agency B Trust"):
        organisations.agency_rename(agency=cast.agency_a, name="Agency C",
                                    start_date=D(2023, 1, 1))
    with pytest.raises(Invalid, match="itself became part of"):
        organisations.agency_merge(agency=cast.agency_x, into=cast.agency_a,
                                   merged_on=D(2023, 1, 1))


def test_records_keep_the_name_of_their_day_through_the_filter(cast):
    organisations.agency_rename(agency=cast.council1, name="Northshire Unitary Council",
                                start_date=D(2023, 4, 1))
    council = Agency.objects.prefetch_related("former_names").get(pk=cast.council1.pk)
    template = Template("{% load agency_names %}{{ a|name_on:old }} / {{ a|name_on:new }} / "
                        "{{ a|name_on:when }} / {{ none|name_on:old }}.")
    text = template.render(Context({
        "a": council, "old": D(2019, 10, 1), "new": D(2026, 1, 1), "none": None,
        "when": datetime.datetime(2023, 3, 31, 23, 30, tzinfo=datetime.UTC)}))
    # 23:30 UTC on 31 March 2023 is 00:30 on 1 April in London (BST): the new name.
    assert text == "Northshire Council / Northshire Unitary Council / " \
                   "Northshire Unitary Council / ."


def test_the_api_shows_former_names_and_merger(cast, client_for, django_assert_max_num_queries):
    organisations.agency_rename(agency=cast.council1, name="Northshire Unitary Council",
                                start_date=D(2023, 4, 1))
    organisations.agency_rename(agency=cast.agency_a, name="Agency A Trust",
                                start_date=D(2023, 4, 1))
    client = client_for(cast.bu_manager)
    url = reverse("api-agency-list") + f"?partnership={cast.p1.pk}"
    client.get(url)
    with django_assert_max_num_queries(12):
        rows = {a["name"]: a for a in client.get(url).json()["results"]}
    assert rows["Northshire Unitary Council"]["former_names"] == [
        {"name": "Northshire Council", "until": "2023-03-31"}]
    assert rows["Shires Police"]["former_names"] == []
    assert rows["Shires Police"]["merged_into"] is None
    assert {"id", "name", "sector", "designation", "designations"} <= set(rows["Shires Police"])


def test_platform_staff_rename_and_merge_an_agency_serving_several_partnerships(cast):
    out = io.StringIO()
    call_command("agency_rename", "Shires Police", "Shires Constabulary", "2024-04-01",
                 stdout=out)
    call_command("agency_merge", "Northshire ICB", "Shires ICB", "2022-07-01",
                 "--new-sector", "health", stdout=out)
    assert "Shires Police is called Shires Constabulary from 1 April 2024." in out.getvalue()
    police = Agency.objects.get(pk=cast.police.pk)
    assert police.name_on(D(2024, 3, 31)) == "Shires Police"
    assert Agency.objects.get(pk=cast.icb1.pk).merged_into.name == "Shires ICB"
    with pytest.raises(CommandError, match="already has that name"):
        call_command("agency_rename", "Shires Constabulary", "Shires Constabulary", "2025-01-01")


def test_a_merged_partners_seats_and_later_attendance_pass_to_its_successor(cast):
    """Quorums after a merger count the successor: the merged agency's open seats end the
    day before, the same seats start for the successor, and attendance already recorded at
    later meetings moves with them (governance's merger handler, partnership.registry)."""
    from django.utils import timezone

    from governance.models import Attendance, Group, GroupMember, Meeting

    group = Group.objects.create(partnership=cast.p1, name="Merger board", group_type="executive",
                                 frequency="monthly", start_date=D(2020, 4, 1))
    seat = GroupMember.objects.create(group=group, role_label="Chief Nurse", agency=cast.icb1,
                                      start_date=D(2020, 4, 1))

    def meeting(day):
        held = Meeting.objects.create(group=group, starts_at=timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(10))), status="held")
        return Attendance.objects.create(meeting=held, member=seat, agency=cast.icb1,
                                         status="present")

    before, after = meeting(D(2022, 6, 15)), meeting(D(2022, 9, 15))
    board = structure.agency_create(name="Northshire Integrated Care Board", sector="health")
    organisations.agency_merge(agency=cast.icb1, into=board, merged_on=D(2022, 7, 1))
    seat.refresh_from_db()
    assert seat.end_date == D(2022, 6, 30)
    successor = GroupMember.objects.get(group=group, agency=board)
    assert (successor.role_label, successor.start_date, successor.end_date) == (
        "Chief Nurse", D(2022, 7, 1), None)
    before.refresh_from_db(), after.refresh_from_db()
    assert (before.member, before.agency) == (seat, cast.icb1)  # history as it was
    assert (after.member, after.agency) == (successor, board)


def test_a_merged_agencys_unwritten_summaries_and_open_actions_pass_to_its_successor(cast):
    """Work outstanding passes on (reviews' and governance's merger handlers): a summary not
    yet submitted is the successor's to write, an open action the successor's to finish."""
    from governance.models import Action
    from governance.services import actions
    from reviews.models import AgencySummary

    done = actions.action_create(
        partnership=cast.p1, source="meeting", meeting=cast.meeting1, description="Done",
        owner_agency=cast.agency_a, due_on=D(2025, 7, 1), created_by=cast.bu_officer)
    Action.objects.filter(pk=done.pk).update(status="completed")
    school = structure.agency_create(name="Northshire Academy Trust", sector="education")
    organisations.agency_merge(agency=cast.agency_a, into=school, merged_on=D(2025, 9, 1))
    assert AgencySummary.objects.get(pk=cast.summary_a.pk).agency == school
    assert Action.objects.get(pk=cast.action_a.pk).owner_agency == school
    assert Action.objects.get(pk=done.pk).owner_agency == cast.agency_a  # history as it was
