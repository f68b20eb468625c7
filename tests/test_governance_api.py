"""The governance API: groups, meetings (attendance, quorum, what each person may see of
the agenda and minutes, the calendar file) and the action register with its writes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from governance.models import Action, ActionUpdate, Meeting
from governance.services import actions, groups, meetings, minutes

from .cast import START, pdf

pytestmark = pytest.mark.django_db


def get(client_for, user, name, query=None, **kwargs):
    return client_for(user).get(reverse(name, kwargs=kwargs or None), query or {})


def post(client_for, user, name, data, **kwargs):
    return client_for(user).post(reverse(name, kwargs=kwargs or None), data,
                                 content_type="application/json")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Groups ----------------------------------------------------------------------------

def test_group_list_shape(cast, client_for):
    [group] = results(get(client_for, cast.bu_manager, "governance:api-group-list",
                          {"partnership": cast.p1.pk}))
    assert group["id"] == cast.exec_group.pk
    assert group["name"] == "Executive" and group["frequency"] == "quarterly"
    assert group["group_type"] == "executive" and group["reports_to"] is None
    assert group["chair"] == "To be confirmed"
    assert "meeting_minutes" in group
    seats = {m["post"]: m for m in group["members"]}
    assert seats["Chief executive"]["name"] == cast.lsp.full_name
    assert seats["Chief executive"]["is_chair"] is True
    assert seats["Chief executive"]["agency"] == cast.council1.pk
    assert seats["Chief nurse"]["name"] is None
    assert seats["Chief nurse"]["agency"] == cast.icb1.pk
    assert seats["Chief nurse"]["member_type"] == "core"
    assert seats["Chief nurse"]["start_date"] and seats["Chief nurse"]["end_date"] is None


def test_groups_seen_by_each_person(cast, client_for):
    def ids(who, **query):
        return {g["id"] for g in results(get(client_for, cast.users[who], "governance:api-group-list",
                                             query))}

    assert ids("scrutineer") == {cast.exec_group.pk}
    assert ids("lead_a") == {cast.exec_group.pk}  # a seat on the executive
    assert ids("chief_a") == set()  # agency staff without a seat
    assert ids("lead_x") == {cast.group_p2.pk}
    assert ids("outsider") == set()
    # A group shared with P2 shows to P2's business unit, once.
    shared = groups.group_create(partnership=cast.p1, name="Joint CDOP", group_type="panel",
                                 frequency="quarterly", shared_with=[cast.p2],
                                 start_date=datetime.date(2020, 4, 1))
    assert ids("bu_p2") == {cast.group_p2.pk, shared.pk}
    assert ids("bu_p2", partnership=cast.p2.pk) == {cast.group_p2.pk, shared.pk}


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", ""])
def test_partnership_filter_that_is_not_a_number(cast, client_for, value):
    for name in ("governance:api-group-list", "governance:api-meeting-list", "governance:api-action-list"):
        response = get(client_for, cast.bu_manager, name, {"partnership": value})
        assert response.status_code == 400
        assert "whole number" in response.json()["partnership"][0]


def test_partnership_filter_that_is_not_yours_looks_missing(cast, client_for):
    for name in ("governance:api-group-list", "governance:api-meeting-list", "governance:api-action-list"):
        theirs = get(client_for, cast.bu_manager, name, {"partnership": cast.p2.pk})
        missing = get(client_for, cast.bu_manager, name, {"partnership": 987654})
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content


# --- Meetings --------------------------------------------------------------------------

def detail(client_for, user, meeting):
    response = get(client_for, user, "governance:api-meeting-detail", pk=meeting.pk)
    assert response.status_code == 200, response.content
    return response.json()


def test_meeting_list(cast, client_for):
    rows = results(get(client_for, cast.bu_manager, "governance:api-meeting-list",
                       {"partnership": cast.p1.pk}))
    assert [m["id"] for m in rows] == [cast.meeting1.pk, cast.meeting2.pk]
    assert rows[0]["group"] == cast.exec_group.pk and rows[0]["group_name"] == "Executive"
    assert rows[0]["starts_at"].startswith("2025-06-03T")
    assert rows[0]["quorate"] is None  # nothing recorded yet
    assert rows[0]["uid"] == str(cast.meeting1.uid)
    only = results(get(client_for, cast.bu_manager, "governance:api-meeting-list",
                       {"starts_after": "2025-07-01"}))
    assert [m["id"] for m in only] == [cast.meeting2.pk]
    assert results(get(client_for, cast.chief_a, "governance:api-meeting-list")) == []
    assert [m["id"] for m in results(get(client_for, cast.lead_x, "governance:api-meeting-list"))] == [
        cast.meeting_p2.pk]
    bad = get(client_for, cast.bu_manager, "governance:api-meeting-list", {"starts_after": "June"})
    assert bad.status_code == 400 and "starts_after" in bad.json()


def test_confidential_items_and_draft_minutes_only_for_members(cast, client_for):
    for who in ("bu_officer", "lsp", "dsp", "lead_a"):
        body = detail(client_for, cast.users[who], cast.meeting1)
        titles = [item["title"] for item in body["agenda"]]
        assert titles == ["Budget CNRY-ITEM-PUBLIC", "Case CNRY-CONF-ITEM"], who
        assert body["agenda"][1]["confidential"] is True
        assert body["agenda"][1]["papers"][0]["title"] == "Case paper"
        assert body["minutes"]["public"] == "Draft CNRY-DRAFT-MINUTES", who
    for who in ("chair", "scrutineer"):
        response = get(client_for, cast.users[who], "governance:api-meeting-detail", pk=cast.meeting1.pk)
        assert b"CNRY-CONF-ITEM" not in response.content and b"Case paper" not in response.content
        assert b"CNRY-DRAFT-MINUTES" not in response.content
        body = response.json()
        assert [item["title"] for item in body["agenda"]] == ["Budget CNRY-ITEM-PUBLIC"]
        assert body["minutes_status"] == "draft" and body["minutes"]["public"] is None
        assert body["minutes"]["status"] == "draft" and body["minutes"]["confidential"] == []


def test_decisions_on_confidential_items_stay_with_members(cast, client_for):
    meetings.decision_add(meeting=cast.meeting1, text="Agreed the budget")
    meetings.decision_add(meeting=cast.meeting1, text="Secret decision", item=cast.item_conf)
    meetings.declaration_add(meeting=cast.meeting1, person="Dsp", interest="Knows the family",
                             item=cast.item_conf)
    assert [d["text"] for d in detail(client_for, cast.scrutineer, cast.meeting1)[
        "decisions"]] == ["Agreed the budget"]
    assert detail(client_for, cast.scrutineer, cast.meeting1)["declarations"] == []
    member = detail(client_for, cast.dsp, cast.meeting1)
    assert [d["text"] for d in member["decisions"]] == ["Agreed the budget", "Secret decision"]
    assert member["declarations"][0]["interest"] == "Knows the family"


def test_approved_minutes_are_for_everyone_who_sees_the_meeting(cast, client_for):
    Meeting.objects.filter(pk=cast.meeting2.pk).update(status="held")  # approved there
    minutes.minutes_approve(meeting=cast.meeting1, at_meeting=cast.meeting2)
    body = detail(client_for, cast.scrutineer, cast.meeting1)
    assert body["minutes"]["public"] == "Draft CNRY-DRAFT-MINUTES"
    assert body["minutes"]["approved_at_meeting"] == cast.meeting2.pk
    assert body["minutes_status"] == "approved"
    assert body["minutes_approved_at"] == cast.meeting2.pk


def record(cast, meeting, **statuses):
    seats = {"lsp": cast.seat_lsp, "dsp": cast.seat_dsp, "a": cast.seat_a, "icb": cast.seat_icb}
    meetings.attendance_record(meeting=meeting, entries={
        seats[key]: (status, "Deputy Dee" if status == "deputy" else "")
        for key, status in statuses.items()})


def test_attendance_and_quorate(cast, client_for):
    body = detail(client_for, cast.scrutineer, cast.meeting1)
    assert body["quorate"] is None
    assert {row["post"]: row["status"] for row in body["attendance"]} == {
        "Chief executive": None, "Assistant chief constable": None,
        "Designated safeguarding lead": None, "Chief nurse": None}
    # Council, police and the ICB (through a deputy) represented: quorate.
    record(cast, cast.meeting1, lsp="present", dsp="present", a="apologies", icb="deputy")
    body = detail(client_for, cast.scrutineer, cast.meeting1)
    assert body["quorate"] is True
    rows = {row["member"]: row for row in body["attendance"]}
    assert rows[cast.seat_icb.pk]["status"] == "deputy"
    assert rows[cast.seat_icb.pk]["deputy_name"] == "Deputy Dee"
    assert rows[cast.seat_icb.pk]["agency"] == cast.icb1.pk
    assert rows[cast.seat_icb.pk]["name"] is None
    assert rows[cast.seat_lsp.pk]["name"] == cast.lsp.full_name
    assert rows[cast.seat_a.pk]["status"] == "apologies"
    listed = results(get(client_for, cast.scrutineer, "governance:api-meeting-list"))
    assert listed[0]["quorate"] is True
    # The ICB sends apologies: not quorate, and the note says who was missing.
    record(cast, cast.meeting1, icb="apologies")
    body = detail(client_for, cast.scrutineer, cast.meeting1)
    assert body["quorate"] is False
    assert "Northshire ICB" in body["quorum_note"]
    assert results(get(client_for, cast.scrutineer, "governance:api-meeting-list"))[0]["quorate"] is False


def test_meeting_ics_parses_and_has_no_confidential_items(cast, client_for):
    for who in ("bu_manager", "lsp", "scrutineer"):
        response = get(client_for, cast.users[who], "governance:api-meeting-ics", pk=cast.meeting1.pk)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert b"CNRY-CONF-ITEM" not in response.content
        assert b"CNRY-DRAFT-MINUTES" not in response.content
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["uid"]) == str(cast.meeting1.uid)
        assert event.decoded("dtstart") == datetime.datetime(2025, 6, 3, 10, 0,
                                                            tzinfo=datetime.UTC)
        assert str(event["summary"]) == "Executive"
        assert "Budget CNRY-ITEM-PUBLIC" in str(event["description"])
    # Asking for the calendar type works too.
    response = client_for(cast.lsp).get(reverse("governance:api-meeting-ics",
                                                kwargs={"pk": cast.meeting1.pk}),
                                        HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200
    assert get(client_for, cast.chief_a, "governance:api-meeting-ics", pk=cast.meeting1.pk).status_code == 404


def test_meeting_ics_sequence_follows_changes(cast, client_for):
    def event():
        response = get(client_for, cast.bu_manager, "governance:api-meeting-ics", pk=cast.meeting1.pk)
        return Calendar.from_ical(response.content).walk("VEVENT")[0]

    assert event()["sequence"] == 0
    meetings.meeting_update(meeting=cast.meeting1,
                            starts_at=datetime.datetime(2025, 6, 4, 14, 0, tzinfo=datetime.UTC))
    moved = event()
    assert moved["sequence"] == 1
    assert moved.decoded("dtstart") == datetime.datetime(2025, 6, 4, 14, 0, tzinfo=datetime.UTC)
    assert str(moved["uid"]) == str(cast.meeting1.uid)


# --- The action register -----------------------------------------------------------------

def test_action_list_shape_and_rag(cast, client_for):
    rows = results(get(client_for, cast.bu_manager, "governance:api-action-list",
                       {"partnership": cast.p1.pk}))
    by_id = {row["id"]: row for row in rows}
    a = by_id[cast.action_a.pk]
    assert a["owner_agency"] == cast.agency_a.pk and a["owner"] == cast.lead_a.pk
    assert a["due_on"] == "2025-07-01" and a["status"] == "open" and a["rag"] == "red"
    assert a["code"] == f"A{cast.action_a.reference}" and a["partnership"] == cast.p1.pk
    assert a["source"] == "meeting" and a["completed_on"] is None
    assert by_id[cast.action_police.pk]["rag"] == "green"


def test_action_filters(cast, client_for):
    def ids(**query):
        return {row["id"] for row in results(get(client_for, cast.bu_manager, "governance:api-action-list",
                                                 query))}

    assert ids(overdue="true") == {cast.action_a.pk}
    assert ids(owner_agency=cast.police.pk) == {cast.action_police.pk}
    assert ids(status="in_progress") == {cast.action_police.pk}
    assert ids(status="closed") == set()
    bad = get(client_for, cast.bu_manager, "governance:api-action-list", {"owner_agency": "police"})
    assert bad.status_code == 400 and "owner_agency" in bad.json()


def test_agency_staff_see_only_their_agencys_actions(cast, client_for):
    def ids(who):
        return {row["id"] for row in results(get(client_for, cast.users[who],
                                                 "governance:api-action-list"))}

    assert ids("lead_a") == ids("contributor_a") == {cast.action_a.pk}
    assert ids("lead_police") == {cast.action_police.pk}
    assert ids("lead_x") == {cast.action_x.pk}
    assert ids("outsider") == set()


def test_agency_lead_cannot_see_or_update_another_agencys_action(cast, client_for):
    url = {"pk": cast.action_police.pk}
    assert get(client_for, cast.lead_a, "governance:api-action-detail", **url).status_code == 404
    before = list(ActionUpdate.objects.values())
    response = post(client_for, cast.lead_a, "governance:api-action-progress",
                    {"status": "completed", "evidence": "Done"}, **url)
    assert response.status_code == 404
    assert list(ActionUpdate.objects.values()) == before
    cast.action_police.refresh_from_db()
    assert cast.action_police.status == "in_progress"


def test_action_detail_has_its_updates(cast, client_for):
    body = get(client_for, cast.lead_police, "governance:api-action-detail", pk=cast.action_police.pk).json()
    assert body["owner_agency"] == cast.police.pk
    [update] = body["updates"]
    assert update["status"] == "in_progress" and update["note"] == "Started"
    assert update["author_name"] == cast.lead_police.full_name
    assert update["evidence_filename"] == "evidence.pdf"


def test_owner_records_progress_and_completes(cast, client_for):
    url = {"pk": cast.action_a.pk}
    response = post(client_for, cast.lead_a, "governance:api-action-progress",
                    {"status": "in_progress", "note": "Policy drafted"}, **url)
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "in_progress"
    response = post(client_for, cast.lead_a, "governance:api-action-progress",
                    {"status": "completed", "evidence": "Policy published",
                     "evidence_link": "https://example.org/policy"}, **url)
    assert response.status_code == 201, response.json()
    cast.action_a.refresh_from_db()
    assert cast.action_a.status == "completed" and cast.action_a.completed_on is not None
    body = get(client_for, cast.lead_a, "governance:api-action-detail", **url).json()
    assert body["rag"] == "blue" and len(body["updates"]) == 2


@pytest.mark.parametrize("payload,field", [
    ({"status": "completed"}, "evidence"),
    ({"status": "completed", "evidence": "   "}, "evidence"),
    ({"status": "open"}, "note"),
    ({"status": "finished", "note": "x"}, "status"),
    ({"note": "x"}, "status"),
    ({"status": "in_progress", "evidence_link": "not a link"}, "evidence_link"),
])
def test_bad_progress_is_refused_and_changes_nothing(cast, client_for, payload, field):
    before = (list(Action.objects.values()), list(ActionUpdate.objects.values()))
    response = post(client_for, cast.lead_a, "governance:api-action-progress", payload, pk=cast.action_a.pk)
    assert response.status_code == 400
    assert field in response.json()
    assert (list(Action.objects.values()), list(ActionUpdate.objects.values())) == before


def test_only_the_business_unit_closes_an_action(cast, client_for):
    done = {"status": "closed", "evidence": "Policy published"}
    response = post(client_for, cast.lead_a, "governance:api-action-progress", done, pk=cast.action_a.pk)
    assert response.status_code == 403
    assert "business unit" in response.json()["detail"]
    response = post(client_for, cast.bu_officer, "governance:api-action-progress", done, pk=cast.action_a.pk)
    assert response.status_code == 201
    cast.action_a.refresh_from_db()
    assert cast.action_a.status == "closed"


def test_people_who_see_an_action_but_cannot_update_it_get_403(cast, client_for):
    for who in ("chief_a", "contributor_a", "scrutineer", "lsp"):
        response = post(client_for, cast.users[who], "governance:api-action-progress",
                        {"status": "in_progress", "note": "x"}, pk=cast.action_a.pk)
        assert response.status_code == 403, who


def body(cast, **more):
    return {"partnership": cast.p1.pk, "description": "Audit the escalation policy",
            "owner_agency": cast.police.pk, "due_on": "2027-01-29", **more}


def test_business_unit_adds_an_action(cast, client_for):
    response = post(client_for, cast.bu_officer, "governance:api-action-list",
                    body(cast, meeting=cast.meeting2.pk, owner=cast.lead_police.pk))
    assert response.status_code == 201, response.json()
    made = Action.objects.get(pk=response.json()["id"])
    assert made.partnership == cast.p1 and made.owner_agency == cast.police
    assert made.source == "meeting" and made.meeting == cast.meeting2
    assert made.owner == cast.lead_police and made.created_by == cast.bu_officer
    assert response.json()["reference"] == 3 and response.json()["rag"] == "green"
    # And the police lead sees it, in both of the force's partnerships' register.
    ids = {row["id"] for row in results(get(client_for, cast.lead_police, "governance:api-action-list"))}
    assert made.pk in ids
    other = post(client_for, cast.bu_manager, "governance:api-action-list", body(cast, source="scrutiny"))
    assert other.status_code == 201 and other.json()["source"] == "scrutiny"
    assert other.json()["meeting"] is None


def test_only_the_business_unit_adds_actions(cast, client_for):
    count = Action.objects.count()
    for who in ("lsp", "chair", "lead_a", "lead_police"):
        assert post(client_for, cast.users[who], "governance:api-action-list", body(cast)).status_code == 403
    # Another partnership's id is refused like a missing one.
    for pk in (cast.p2.pk, 987654):
        response = post(client_for, cast.bu_manager, "governance:api-action-list", body(cast, partnership=pk))
        assert response.status_code == 400
        assert response.json()["partnership"] == ["Choose one of your partnerships."]
    assert Action.objects.count() == count


@pytest.mark.parametrize("change,field", [
    ({"description": ""}, "description"),
    ({"due_on": "31/01/2027"}, "due_on"),
    ({"owner_agency": "police"}, "owner_agency"),
    ({"owner": 987654}, "owner"),
    ({"source": "gossip"}, "source"),
])
def test_bad_new_actions_are_refused_and_change_nothing(cast, client_for, change, field):
    count = Action.objects.count()
    response = post(client_for, cast.bu_manager, "governance:api-action-list", body(cast, **change))
    assert response.status_code == 400
    assert field in response.json()
    assert Action.objects.count() == count


def test_new_actions_only_refer_to_the_partnerships_own_records(cast, client_for):
    """Agency X, P2's meeting and P2's people are not P1's: refused without naming them."""
    for change, field in (({"owner_agency": cast.agency_x.pk}, "owner_agency"),
                          ({"meeting": cast.meeting_p2.pk}, "meeting"),
                          ({"owner": cast.lead_x.pk}, "owner")):
        response = post(client_for, cast.bu_manager, "governance:api-action-list", body(cast, **change))
        assert response.status_code == 400
        assert field in response.json()
        assert b"Agency X" not in response.content and b"Southshire" not in response.content


@pytest.mark.parametrize("name,query", [
    ("governance:api-meeting-list", {"group": "9" * 40}),
    ("governance:api-action-list", {"owner_agency": "9" * 40}),
    ("governance:api-group-list", {"partnership": "\u00b2"}),
    ("governance:api-action-list", {"overdue": "maybe"}),
    ("governance:api-meeting-list", {"status": "postponed"}),
])
def test_odd_filters_are_refused_not_crashing(cast, client_for, name, query):
    response = get(client_for, cast.bu_manager, name, query)
    assert response.status_code == 400
    assert set(response.json()) <= {*query, "partnership"}


@pytest.mark.parametrize("payload", [[1, 2], "text", {"partnership": 9 ** 40}])
def test_odd_bodies_are_refused_not_crashing(cast, client_for, payload):
    assert post(client_for, cast.bu_manager, "governance:api-action-list", payload).status_code == 400
    assert post(client_for, cast.bu_manager, "governance:api-action-progress", payload,
                pk=cast.action_a.pk).status_code == 400


# --- Query counts -------------------------------------------------------------------------

def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def add_meetings(cast, n, start):
    for i in range(n):
        meeting = meetings.meeting_create(
            group=cast.exec_group,
            starts_at=datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC)
            + datetime.timedelta(days=start + i))
        Meeting.objects.filter(pk=meeting.pk).update(status="held")  # it took place
        record(cast, meeting, lsp="present", dsp="present", icb="deputy")


def test_meeting_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:api-meeting-list") + f"?partnership={cast.p1.pk}"
    add_meetings(cast, 3, 0)
    client.get(url)
    few, _ = count_queries(client, url)
    add_meetings(cast, 20, 10)
    many, response = count_queries(client, url)
    assert few == many
    assert response.json()["count"] == 25
    assert response.json()["results"][-1]["quorate"] is True


def test_meeting_detail_queries_do_not_grow(cast, client_for):
    client = client_for(cast.lead_a)
    url = reverse("governance:api-meeting-detail", kwargs={"pk": cast.meeting1.pk})
    # One decision and one declaration from the start: their corrections are read once
    # there are any.
    meetings.decision_add(meeting=cast.meeting1, text="First decision")
    meetings.declaration_add(meeting=cast.meeting1, person="First", interest="Declared")
    client.get(url)
    few, _ = count_queries(client, url)
    for i in range(10):
        item = meetings.item_add(meeting=cast.meeting1, title=f"Item {i}", owner=cast.lsp)
        meetings.paper_add(item=item, checked=pdf(f"paper{i}.pdf"), title=f"Paper {i}",
                           user=cast.bu_officer)
        meetings.decision_add(meeting=cast.meeting1, text=f"Decision {i}", item=item)
        groups.member_add(group=cast.exec_group, role_label=f"Adviser {i}", agency=cast.icb1,
                          member_type="others", start_date=START)
    record(cast, cast.meeting1, lsp="present", dsp="present", icb="present", a="present")
    many, response = count_queries(client, url)
    assert few == many
    assert len(response.json()["agenda"]) == 12 and len(response.json()["attendance"]) == 14


def test_action_list_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:api-action-list")

    def add(n):
        for i in range(n):
            actions.action_create(partnership=cast.p1, source="other", description=f"Do {i}",
                                  owner_agency=cast.police if i % 2 else cast.agency_a,
                                  owner=cast.lead_a if i % 2 == 0 else None,
                                  due_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
                                  created_by=cast.bu_officer)

    add(3)
    client.get(url)
    few, _ = count_queries(client, url)
    add(30)
    many, response = count_queries(client, url)
    assert few == many
    assert response.json()["count"] == 35
