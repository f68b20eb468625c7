"""The events governance and reviews tell people about (issue 17, item 9): an action
assigned (to its owner, or its agency's leads), due and overdue (the daily job, escalating
to the agency's leads, once each); a meeting's papers published (to the group's members);
a rapid review summary asked for and overdue (to the agency's leads). Messages name the
record, never a child."""

import datetime

import pytest

from governance.services import actions, agenda, meetings, packs
from governance.services import reminders as action_reminders
from governance.tasks import action_reminders_send
from partnership.models import Notification, NotificationKind
from partnership.services import structure
from reviews.services import rapid
from reviews.services import reminders as review_reminders

pytestmark = pytest.mark.django_db

D = datetime.date
K = NotificationKind


def received(kind):
    """{recipient's e-mail: [messages]} of the notifications of `kind`."""
    found = {}
    for email, message in (Notification.objects.filter(kind=kind).order_by("pk")
                           .values_list("recipient__email", "message")):
        found.setdefault(email, []).append(message)
    return found


def new_action(cast, owner=None, due_on=None, by=None):
    due_on = due_on or D(2026, 3, 16)
    return actions.action_create(
        partnership=cast.p1, source="other", description="Child A's plan CNRY-X",
        owner_agency=cast.police, owner=owner, due_on=due_on, created_by=by or cast.bu_officer)


def test_an_action_is_assigned_to_its_owner(cast):
    Notification.objects.all().delete()
    action = new_action(cast, owner=cast.lead_police)
    assert received(K.ACTION_ASSIGNED) == {cast.lead_police.email: [
        f"Action {action.code} is assigned to you, due on 16 March 2026."]}
    row = Notification.objects.get(kind=K.ACTION_ASSIGNED)
    assert row.link == f"/p/p1/actions/{action.pk}/" and row.partnership == cast.p1


def test_without_an_owner_the_agency_leads_are_told_but_not_who_made_it(cast):
    Notification.objects.all().delete()
    action = new_action(cast)
    assert received(K.ACTION_ASSIGNED) == {cast.lead_police.email: [
        f"Action {action.code} is assigned to Shires Police, due on 16 March 2026."]}
    Notification.objects.all().delete()
    new_action(cast, owner=cast.lead_police, by=cast.lead_police)  # their own action
    assert received(K.ACTION_ASSIGNED) == {}


def test_reassigning_tells_the_new_owner_only_when_it_changes(cast):
    action = new_action(cast)
    Notification.objects.all().delete()
    actions.action_update(action=action, due_on=D(2026, 4, 1))
    assert received(K.ACTION_ASSIGNED) == {}
    actions.action_update(action=action, owner=cast.dsp)
    assert list(received(K.ACTION_ASSIGNED)) == [cast.dsp.email]


def test_due_then_overdue_once_each_escalating_to_the_agency_lead(cast):
    action = new_action(cast, owner=cast.dsp, due_on=D(2026, 3, 16))  # a Monday
    Notification.objects.all().delete()
    assert action_reminders.action_reminders_send(today=D(2026, 3, 13)) == 0  # Friday before
    assert action_reminders.action_reminders_send(today=D(2026, 3, 16)) == 1
    assert received(K.ACTION_DUE) == {cast.dsp.email: [
        f"Action {action.code} (Shires Police) is due on 16 March 2026."]}
    assert action_reminders.action_reminders_send(today=D(2026, 3, 16)) == 0
    assert action_reminders.action_reminders_send(today=D(2026, 3, 17)) == 1
    overdue = received(K.ACTION_OVERDUE)
    assert set(overdue) == {cast.dsp.email, cast.lead_police.email}
    assert overdue[cast.dsp.email] == [f"Action {action.code} (Shires Police) is overdue: it "
                                       "was due on 16 March 2026."]
    assert action_reminders.action_reminders_send(today=D(2026, 3, 18)) == 0
    assert Notification.objects.filter(kind=K.ACTION_OVERDUE).count() == 2


def test_a_due_date_on_a_closed_day_is_said_the_working_day_before(cast):
    action = new_action(cast, due_on=D(2026, 3, 14))  # a Saturday
    Notification.objects.all().delete()
    assert action_reminders.action_reminders_send(today=D(2026, 3, 14)) == 0  # not a working day
    assert action_reminders.action_reminders_send(today=D(2026, 3, 13)) == 1
    assert received(K.ACTION_DUE) == {cast.lead_police.email: [
        f"Action {action.code} (Shires Police) is due on 14 March 2026."]}


def test_done_and_long_overdue_actions_are_left_alone(cast):
    old = new_action(cast, due_on=D(2026, 1, 5))
    done = new_action(cast, due_on=D(2026, 3, 16))
    actions.progress_record(action=done, author=cast.bu_officer, status="completed",
                            evidence="Done")
    Notification.objects.all().delete()
    action_reminders_send.delay()  # the daily task, today: nothing of these
    assert action_reminders.action_reminders_send(today=D(2026, 3, 16)) == 0
    assert not Notification.objects.filter(kind__in=[K.ACTION_DUE, K.ACTION_OVERDUE],
                                           link__contains=f"/{old.pk}/").exists()


def test_published_papers_tell_the_groups_members(cast, django_capture_on_commit_callbacks):
    meetings.item_add(meeting=cast.meeting2, title="Budget")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        agenda.agenda_publish(meeting=cast.meeting2, user=cast.bu_officer)
    made = received(K.PAPERS_PUBLISHED)
    assert set(made) == {cast.lsp.email, cast.dsp.email, cast.lead_a.email}
    assert made[cast.lsp.email] == ["Executive: the papers for the meeting on 2 September 2025 "
                                    "are published."]
    row = Notification.objects.filter(kind=K.PAPERS_PUBLISHED).first()
    assert row.link == f"/p/p1/meetings/{cast.meeting2.pk}/pack/"
    # A second run of a made pack tells no one again.
    for pack in cast.meeting2.packs.all():
        packs.pack_run(pack.pk)
    assert Notification.objects.filter(kind=K.PAPERS_PUBLISHED).count() == 3


def test_a_summary_asked_for_tells_the_agency_leads(cast):
    agency = structure.agency_create(name="Northshire Hospitals", sector="health")
    structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency")
    Notification.objects.all().delete()
    rapid.summaries_request(review=cast.review1, agencies=[cast.police, cast.agency_a],
                            requested_on=D(2026, 1, 5))
    assert received(K.SUMMARY_REQUESTED) == {}  # both were asked already
    [summary] = rapid.summaries_request(review=cast.review1, agencies=[agency, cast.agency_a],
                                        requested_on=D(2026, 1, 5))
    assert received(K.SUMMARY_REQUESTED) == {}  # the new agency has no lead yet
    Notification.objects.all().delete()
    cast.summary_police.delete()
    [summary] = rapid.summaries_request(review=cast.review1, agencies=[cast.police],
                                        requested_on=D(2026, 1, 5))
    reference = cast.case1.reference
    assert received(K.SUMMARY_REQUESTED) == {cast.lead_police.email: [
        f"Northshire Safeguarding Children Partnership asks Shires Police for its rapid review "
        f"summary for case {reference}, due on {summary.due_on:%-d %B %Y}."]}
    row = Notification.objects.get(kind=K.SUMMARY_REQUESTED)
    assert row.link == f"/p/p1/reviews/rapid/{cast.review1.pk}/summaries/{summary.pk}/"
    assert "Child A" not in row.message and "CNRY" not in row.message


def test_an_overdue_summary_tells_the_agency_leads_once(cast):
    """In the cast the summaries of agency A and the police are due on Fri 9 Jan 2026."""
    Notification.objects.all().delete()
    review_reminders.reminders_send(today=D(2026, 1, 7))
    assert received(K.SUMMARY_OVERDUE) == {}
    review_reminders.reminders_send(today=D(2026, 1, 13))
    made = received(K.SUMMARY_OVERDUE)
    assert made == {
        cast.lead_a.email: [f"Agency A Academy's rapid review summary for case "
                            f"{cast.case1.reference} is overdue: it was due on 9 January 2026."],
        cast.lead_police.email: [f"Shires Police's rapid review summary for case "
                                 f"{cast.case1.reference} is overdue: it was due on 9 January "
                                 f"2026."]}
    review_reminders.reminders_send(today=D(2026, 1, 14))
    assert Notification.objects.filter(kind=K.SUMMARY_OVERDUE).count() == 2
