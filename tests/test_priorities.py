"""Priorities and the work plan: services and their checks, the pages, access, queries and
the demo."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.demo import priorities as demo_priorities
from governance.models import Group, Priority, WorkPlanItem
from governance.selectors import reports
from governance.services import actions, groups, priorities
from partnership.services import structure

pytestmark = pytest.mark.django_db

FY2019 = (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))
# tests/conftest.py freezes every clock on this day for the whole module, its cast included.
FROZEN_TODAY = datetime.date(2027, 2, 15)  # in a financial year that began the calendar year before
FY2026 = (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))  # the year it is in


def make_priority(partnership, title="Children are safe from exploitation", heading="Safe",
                  period=None):
    start, end = period or FY2026
    return priorities.priority_create(partnership=partnership, title=title, heading=heading,
                                      period_start=start, period_end=end)


def date_data(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


# Financial years


def test_financial_years_run_april_to_march():
    assert reports.financial_year_of(datetime.date(2020, 3, 31)) == 2019
    assert reports.financial_year_of(datetime.date(2020, 4, 1)) == 2020
    assert reports.financial_year(2019) == FY2019
    assert reports.financial_year_label(2019) == "2019/20"
    assert reports.financial_year_label(2099) == "2099/00"


# Services


def test_priority_period_must_be_in_order(cast):
    with pytest.raises(ValidationError) as error:
        priorities.priority_create(partnership=cast.p1, title="Backwards",
                                   period_start=datetime.date(2026, 4, 1),
                                   period_end=datetime.date(2026, 3, 31))
    assert error.value.message_dict == {
        "period_end": ["The end of the period must be on or after its start"]}
    with pytest.raises(ValidationError, match="Enter the priority"):
        priorities.priority_create(partnership=cast.p1, title="  ", period_start=FY2019[0],
                                   period_end=FY2019[1])
    assert not Priority.objects.exists()


def test_priority_update_checks_the_period_too(cast):
    priority = make_priority(cast.p1, period=FY2019)
    with pytest.raises(ValidationError, match="on or after its start"):
        priorities.priority_update(priority=priority, period_end=datetime.date(2019, 1, 1))
    priority.refresh_from_db()
    assert priority.period_end == FY2019[1]
    priorities.priority_update(priority=priority, title=" Safe at home ", heading="Safe")
    priority.refresh_from_db()
    assert priority.title == "Safe at home"


def test_work_plan_item_links_only_the_partnerships_own_records(cast):
    priority = make_priority(cast.p1)
    cases = [
        ({"group": cast.group_p2}, "group", "Southshire Executive is not a group of Northshire"),
        ({"lead_agency": cast.agency_x}, "lead_agency",
         "Agency X Charity is not part of Northshire"),
        ({"actions": [cast.action_x]}, "actions",
         "A1 is not on the action register of Northshire"),
        ({"progress": "at_risk"}, "progress_note", "Enter why the item is at risk"),
        ({"progress": "off_track", "progress_note": "  "}, "progress_note",
         "Enter why the item is off track"),
        ({"progress": "sideways"}, "progress", "Choose how the item is progressing"),
        ({"title": ""}, "title", "Enter what will be done"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ValidationError) as error:
            priorities.work_plan_item_create(priority=priority, **{"title": "Item", **fields})
        assert message in error.value.message_dict[field][0], fields
    assert not WorkPlanItem.objects.exists()


def test_work_plan_item_with_a_shared_group_actions_and_progress(cast):
    priority = make_priority(cast.p1)
    cdop = groups.group_create(partnership=cast.p2, name="Joint CDOP", group_type="panel",
                               frequency="quarterly", shared_with=[cast.p1])
    item = priorities.work_plan_item_create(
        priority=priority, title="Learn from child deaths", group=cdop, lead_agency=cast.police,
        due_on=datetime.date(2027, 1, 31), actions=[cast.action_a, cast.action_police])
    assert item.progress == "not_started"
    assert set(item.actions.all()) == {cast.action_a, cast.action_police}
    priorities.work_plan_item_update(item=item, progress="at_risk",
                                     progress_note="Waiting for the police report")
    item.refresh_from_db()
    assert (item.progress, item.progress_note) == ("at_risk", "Waiting for the police report")
    assert item.actions.count() == 2  # actions=None leaves the links alone
    priorities.work_plan_item_update(item=item, actions=[cast.action_police])
    assert list(item.actions.all()) == [cast.action_police]


# Pages


def test_business_unit_adds_a_priority_and_an_item(cast, client_for):
    client = client_for(cast.bu_officer)
    url = reverse("governance:priority-create", kwargs={"slug": "p1"})
    start, end = FY2026
    page = client.get(url).content.decode()
    assert f'value="{start.year}"' in page  # the current financial year is suggested
    response = client.post(url, {"title": "Children are safe online", "heading": "Safe",
                                 **date_data("period_start", start),
                                 **date_data("period_end", end)})
    priority = Priority.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?year={start.year}#priority-{priority.pk}")
    item_url = reverse("governance:work-plan-item-create", kwargs={"slug": "p1", "pk": priority.pk})
    form = client.get(item_url).content.decode()
    assert 'type="checkbox"' in form and "A1: CNRY-ACTION-A" in form
    assert "CNRY-ACTION-X" not in form and "Southshire Executive" not in form
    response = client.post(item_url, {
        "title": "Online safety training for schools", "group": cast.exec_group.pk,
        "lead_agency": cast.agency_a.pk, **date_data("due_on", end), "progress": "on_track",
        "actions": [cast.action_a.pk, cast.action_police.pk]})
    assert response.status_code == 302
    item = WorkPlanItem.objects.get()
    assert (item.group, item.lead_agency, item.due_on) == (cast.exec_group, cast.agency_a, end)
    assert set(item.actions.all()) == {cast.action_a, cast.action_police}


def test_invalid_priority_shows_the_message_and_saves_nothing(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(reverse("governance:priority-create", kwargs={"slug": "p1"}), {
        "title": "Backwards", **date_data("period_start", datetime.date(2026, 4, 1)),
        **date_data("period_end", datetime.date(2026, 3, 1))})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The end of the period must be on or after its start" in body
    assert "<title>Error: " in body
    response = client.post(reverse("governance:priority-create", kwargs={"slug": "p1"}), {
        "title": "", "period_start_0": "31", "period_start_1": "2", "period_start_2": "2026"})
    body = response.content.decode()
    assert "Enter the priority" in body and "The start of the period must be a real date" in body
    assert "Enter the end of the period" in body
    assert not Priority.objects.exists()


def test_item_edit_updates_progress_and_links(cast, client_for):
    priority = make_priority(cast.p1)
    item = priorities.work_plan_item_create(priority=priority, title="Audit",
                                            actions=[cast.action_a])
    client = client_for(cast.bu_manager)
    url = reverse("governance:work-plan-item-edit", kwargs={"slug": "p1", "pk": item.pk})
    page = client.get(url).content.decode()
    assert f'value="{cast.action_a.pk}" checked' in page
    response = client.post(url, {"title": "Audit", "progress": "off_track"})
    assert "Enter why the item is off track and what is being done" in response.content.decode()
    item.refresh_from_db()
    assert item.progress == "not_started" and item.actions.count() == 1
    response = client.post(url, {"title": "Audit", "progress": "off_track",
                                 "progress_note": "The audit tool is late",
                                 "actions": [cast.action_police.pk]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.progress == "off_track" and list(item.actions.all()) == [cast.action_police]
    response = client.post(url, {"title": "Audit", "progress": "complete",
                                 "actions": [cast.action_x.pk]})
    assert "Choose actions from the list" in response.content.decode()


def test_priority_list_groups_by_heading_with_the_work_plan(cast, client_for):
    safe = make_priority(cast.p1, "Children are safe from exploitation", "Safe")
    happy = make_priority(cast.p1, "Children are heard", "Happy")
    make_priority(cast.p1, "Another safe priority", "Safe")
    make_priority(cast.p1, "Old priority", "Safe", period=FY2019)
    priorities.work_plan_item_create(
        priority=safe, title="Map exploitation in every locality", group=cast.exec_group,
        lead_agency=cast.police, due_on=datetime.date(2027, 2, 28), progress="at_risk",
        progress_note="Mapping is late", actions=[cast.action_a, cast.action_police])
    priorities.work_plan_item_create(priority=happy, title="Youth voice reports")
    body = client_for(cast.scrutineer).get(
        reverse("governance:priority-list", kwargs={"slug": "p1"})).content.decode()
    # headings in the order their first priority was added, each priority under its own
    assert body.index(">Safe<") < body.index("Another safe priority") < body.index(">Happy<")
    assert "Old priority" not in body
    for text in ("Map exploitation in every locality", "Executive", "Shires Police",
                 "28 Feb 2027", "govuk-tag--yellow\">At risk", "Mapping is late", ">A1<",
                 "govuk-tag--red\">Overdue", ">A2<", "govuk-tag--green\">On track",
                 "Youth voice reports", "Not started"):
        assert text in body, text
    assert "Add a priority" not in body and "Update" not in body  # the scrutineer reads
    manager = client_for(cast.bu_manager).get(reverse("governance:priority-list", kwargs={"slug": "p1"}))
    assert "Add a priority" in manager.content.decode()


def test_priority_list_chooses_the_year(cast, client_for):
    make_priority(cast.p1, "Launch the partnership", period=FY2019)
    client = client_for(cast.lsp)
    url = reverse("governance:priority-list", kwargs={"slug": "p1"})
    body = client.get(url).content.decode()
    assert "No priorities are recorded for 2026/27" in body
    assert f'href="{url}?year=2019">2019/20</a>' in body
    body = client.get(url + "?year=2019").content.decode()
    assert "Launch the partnership" in body and "Priorities and work plan 2019/20" in body
    body = client.get(url + "?year=1066").content.decode()
    assert "Choose a year from the list" in body and "There is a problem" in body


def test_agency_staff_and_other_partnerships_do_not_see_priorities(cast, client_for):
    priority = make_priority(cast.p1, "CNRY-PRIORITY")
    url = reverse("governance:priority-list", kwargs={"slug": "p1"})
    for who in ("lead_a", "lead_police", "bu_p2", "outsider"):
        assert client_for(cast.users[who]).get(url).status_code == 404, who
    edit = reverse("governance:priority-edit", kwargs={"slug": "p2", "pk": priority.pk})
    assert client_for(cast.bu_p2).get(edit).status_code == 404
    p2_list = client_for(cast.bu_p2).get(reverse("governance:priority-list", kwargs={"slug": "p2"}))
    assert "CNRY-PRIORITY" not in p2_list.content.decode()


def test_priority_list_queries_do_not_grow_with_rows(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:priority-list", kwargs={"slug": "p1"})

    def add(n):
        for i in range(n):
            agency = structure.agency_create(name=f"Lead agency {n}-{i}", sector="other")
            structure.designation_create(partnership=cast.p1, agency=agency,
                                         kind="relevant_agency")
            group = groups.group_create(partnership=cast.p1, name=f"Group {n}-{i}",
                                        group_type="subgroup", frequency="quarterly")
            action = actions.action_create(
                partnership=cast.p1, source="other", description=f"Action {n}-{i}",
                owner_agency=agency, due_on=datetime.date(2027, 1, 1), created_by=cast.bu_manager)
            priority = make_priority(cast.p1, f"Priority {n}-{i}", f"Heading {i % 3}")
            for j in range(2):
                priorities.work_plan_item_create(
                    priority=priority, title=f"Item {n}-{i}-{j}", group=group, lead_agency=agency,
                    actions=[action, cast.action_a])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    add(2)
    client.get(url)
    few, _ = queries()
    add(12)
    many, body = queries()
    assert few == many, f"{few} queries for 2 priorities, {many} for 14"
    assert "Item 12-11-1" in body


# Demo


def test_demo_priorities_for_north_yorkshire_load_once(db):
    call_command("load_demo", "--password", "irrelevant passphrase", stdout=io.StringIO())
    out = io.StringIO()
    demo_priorities.load(out)
    ny = Priority.objects.filter(partnership__slug="north-yorkshire")
    first_year = ny.filter(period_start=datetime.date(2019, 4, 1),
                           period_end=datetime.date(2020, 3, 31))
    assert set(first_year.values_list("heading", flat=True)) == {
        "Safe", "Happy", "Healthy", "Achieving"}
    items = WorkPlanItem.objects.filter(priority__in=first_year)
    assert items.count() >= 8 and items.filter(lead_agency__isnull=True).count() == 0
    assert {i.progress for i in items} >= {"complete", "at_risk", "off_track"}
    if Group.objects.filter(partnership__slug="north-yorkshire").exists():  # governance demo
        assert items.filter(group__isnull=True).count() == 0
    counts = (ny.count(), WorkPlanItem.objects.count(),
              WorkPlanItem.actions.through.objects.count())
    demo_priorities.load(io.StringIO())
    call_command("load_demo", "--password", "irrelevant passphrase", stdout=io.StringIO())
    assert counts == (ny.count(), WorkPlanItem.objects.count(),
                      WorkPlanItem.actions.through.objects.count())
    assert "priorities" in out.getvalue()
