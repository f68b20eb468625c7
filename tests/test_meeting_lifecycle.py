"""A meeting's life (issue 18, item 2): planned, then held, cancelled (with its reason) or
adjourned (with its reason), only through its steps; the pages that take them, and the
status as the meeting page, lists and the API show it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from governance.services import lifecycle, meetings
from partnership.errors import Invalid, WrongState

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def make(cast, days):
    return meetings.meeting_create(group=cast.exec_group, starts_at=soon(days))


def url(name, cast, meeting):
    return reverse(f"governance:meeting-{name}", kwargs={"slug": cast.p1.slug, "pk": meeting.pk})


def fresh(meeting):
    return Meeting.objects.get(pk=meeting.pk)


# --- The steps ----------------------------------------------------------------------------

def test_a_meeting_is_held_only_once_it_has_started(cast):
    future, past = make(cast, 3), make(cast, -3)
    with pytest.raises(WrongState, match="not started"):
        lifecycle.meeting_held(meeting=future)
    assert fresh(future).status == "planned" and fresh(future).sequence == 0
    lifecycle.meeting_held(meeting=past)
    assert (fresh(past).status, fresh(past).sequence) == ("held", 1)
    with pytest.raises(WrongState, match="only a planned meeting"):
        lifecycle.meeting_held(meeting=past)


def test_cancelling_needs_a_reason_and_a_planned_meeting(cast):
    meeting = make(cast, 10)
    for blank in ("", "   "):
        with pytest.raises(Invalid) as refused:
            lifecycle.meeting_cancel(meeting=meeting, reason=blank)
        assert "reason" in refused.value.error_dict
    with pytest.raises(Invalid) as refused:
        lifecycle.meeting_cancel(meeting=meeting, reason="x" * 501)
    assert "reason" in refused.value.error_dict
    assert fresh(meeting).status == "planned" and fresh(meeting).sequence == 0
    lifecycle.meeting_cancel(meeting=meeting, reason="  Not quorate  ")
    assert (fresh(meeting).status, fresh(meeting).status_reason, fresh(meeting).sequence) == (
        "cancelled", "Not quorate", 1)
    with pytest.raises(WrongState):
        lifecycle.meeting_cancel(meeting=meeting, reason="Again")
    held = make(cast, -1)
    lifecycle.meeting_held(meeting=held)
    with pytest.raises(WrongState, match="held"):
        lifecycle.meeting_cancel(meeting=held, reason="Too late")
    assert fresh(held).status == "held" and fresh(held).status_reason == ""


def test_adjourning_a_meeting_that_has_begun(cast):
    future, planned, held = make(cast, 5), make(cast, -2), make(cast, -4)
    with pytest.raises(WrongState, match="not started"):
        lifecycle.meeting_adjourn(meeting=future, reason="Fire alarm")
    with pytest.raises(Invalid) as refused:
        lifecycle.meeting_adjourn(meeting=planned, reason="")
    assert "reason" in refused.value.error_dict
    lifecycle.meeting_adjourn(meeting=planned, reason="Fire alarm")
    assert (fresh(planned).status, fresh(planned).status_reason) == ("adjourned", "Fire alarm")
    lifecycle.meeting_held(meeting=held)
    lifecycle.meeting_adjourn(meeting=held, reason="Ran out of time")
    assert (fresh(held).status, fresh(held).sequence) == ("adjourned", 2)
    for done in (planned, held):
        with pytest.raises(WrongState):
            lifecycle.meeting_adjourn(meeting=done, reason="Again")
    cancelled = make(cast, -6)
    lifecycle.meeting_cancel(meeting=cancelled, reason="Snow")
    with pytest.raises(WrongState):
        lifecycle.meeting_adjourn(meeting=cancelled, reason="Snow")


def test_the_services_reexport_the_steps(cast):
    assert meetings.meeting_held is lifecycle.meeting_held
    assert meetings.meeting_cancel is lifecycle.meeting_cancel


def test_the_status_is_not_edited(cast):
    meeting = make(cast, 7)
    with pytest.raises(ValueError, match="status"):
        meetings.meeting_update(meeting=meeting, status="held")
    with pytest.raises(ValueError, match="status"):
        meetings.meeting_create(group=cast.exec_group, starts_at=soon(8), status="cancelled")
    assert fresh(meeting).status == "planned"


def test_a_cancelled_meeting_cannot_be_changed(cast):
    meeting = make(cast, 7)
    lifecycle.meeting_cancel(meeting=meeting, reason="No business")
    with pytest.raises(WrongState, match="cancelled"):
        meetings.meeting_update(meeting=meeting, location="Town Hall")
    assert fresh(meeting).location == "" and fresh(meeting).sequence == 1


# --- Pages --------------------------------------------------------------------------------

def edit_data(meeting, **more):
    local = timezone.localtime(meeting.starts_at)
    return {"date_0": local.day, "date_1": local.month, "date_2": local.year,
            "time": f"{local:%H:%M}", "duration_minutes": "90", "location": "Hall", **more}


def test_the_edit_form_has_no_status(cast, client_for):
    meeting = make(cast, 7)
    client = client_for(cast.bu_officer)
    page = client.get(url("edit", cast, meeting)).content.decode()
    assert 'name="status"' not in page
    response = client.post(url("edit", cast, meeting), edit_data(meeting, status="cancelled"))
    assert response.status_code == 302
    assert (fresh(meeting).status, fresh(meeting).location) == ("planned", "Hall")


def test_a_cancelled_meeting_is_not_edited_through_the_form(cast, client_for):
    meeting = make(cast, 7)
    lifecycle.meeting_cancel(meeting=meeting, reason="No business")
    client = client_for(cast.bu_officer)
    response = client.post(url("edit", cast, meeting), edit_data(meeting))
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()
    assert fresh(meeting).location == ""
    assert url("edit", cast, meeting) not in client.get(url("detail", cast, meeting)).content.decode()


def test_the_officer_walks_a_meeting_through_its_life(cast, client_for):
    meeting = make(cast, -1)
    client = client_for(cast.bu_officer)
    page = client.get(url("detail", cast, meeting)).content.decode()
    for label, name in (("Mark as held", "held"), ("Cancel meeting", "cancel"),
                        ("Adjourn meeting", "adjourn")):
        assert label in page and url(name, cast, meeting) in page
    assert "govuk-tag--blue" in page and "Planned" in page
    confirm = client.get(url("held", cast, meeting))
    assert confirm.status_code == 200 and "Mark as held" in confirm.content.decode()
    response = client.post(url("held", cast, meeting))
    assert response.status_code == 302 and response["Location"] == url("detail", cast, meeting)
    assert fresh(meeting).status == "held"
    page = client.get(url("detail", cast, meeting)).content.decode()
    assert "govuk-tag--green" in page and url("held", cast, meeting) not in page
    assert url("cancel", cast, meeting) not in page and url("adjourn", cast, meeting) in page
    # Adjourning it: the reason is needed, then shown on the page and in the list.
    form = client.get(url("adjourn", cast, meeting)).content.decode()
    assert 'class="govuk-textarea' in form and 'name="reason"' in form
    refused = client.post(url("adjourn", cast, meeting), {"reason": ""})
    assert refused.status_code == 200
    assert "Enter why the meeting was adjourned" in refused.content.decode()
    assert fresh(meeting).status == "held"
    client.post(url("adjourn", cast, meeting), {"reason": "The fire alarm went off"})
    assert fresh(meeting).status == "adjourned"
    page = client.get(url("detail", cast, meeting)).content.decode()
    assert "Adjourned" in page and "The fire alarm went off" in page
    listing = client.get(reverse("governance:meeting-list", kwargs={"slug": cast.p1.slug}),
                         {"when": "past"}).content.decode()
    assert "The fire alarm went off" in listing and "govuk-tag--orange" in listing


def test_cancelling_through_the_page(cast, client_for):
    meeting = make(cast, 20)
    client = client_for(cast.lsp)  # the group's chair runs its meetings too
    page = client.get(url("detail", cast, meeting)).content.decode()
    assert url("cancel", cast, meeting) in page
    assert url("held", cast, meeting) not in page and url("adjourn", cast, meeting) not in page
    refused = client.post(url("cancel", cast, meeting), {"reason": "  "})
    assert "Enter why the meeting was cancelled" in refused.content.decode()
    assert fresh(meeting).status == "planned"
    client.post(url("cancel", cast, meeting), {"reason": "Members unavailable"})
    assert (fresh(meeting).status, fresh(meeting).status_reason) == ("cancelled",
                                                                     "Members unavailable")
    page = client.get(url("detail", cast, meeting)).content.decode()
    assert "govuk-tag--red" in page and "Members unavailable" in page
    listing = client.get(reverse("governance:meeting-list", kwargs={"slug": cast.p1.slug}))
    assert "Members unavailable" in listing.content.decode()
    # Marking a meeting that has not started as held is refused on the page, with its reason.
    other = make(cast, 5)
    refused = client.post(url("held", cast, other))
    assert refused.status_code == 200 and "not started" in refused.content.decode()
    assert fresh(other).status == "planned"


@pytest.mark.parametrize("who, code", [("dsp", 403), ("scrutineer", 403), ("chair", 403),
                                       ("chief_a", 404), ("lead_x", 404), ("outsider", 404)])
def test_others_may_not_take_the_steps(cast, client_for, who, code):
    meeting = make(cast, -1)
    client = client_for(cast.users[who])
    for name in ("held", "cancel", "adjourn"):
        assert client.get(url(name, cast, meeting)).status_code == code
        assert client.post(url(name, cast, meeting), {"reason": "x"}).status_code == code
    assert fresh(meeting).status == "planned"
    if code == 403:  # they see the meeting, its status, and no buttons
        page = client.get(url("detail", cast, meeting)).content.decode()
        assert "Planned" in page and url("held", cast, meeting) not in page


# --- API ------------------------------------------------------------------------------------

def test_the_api_shows_the_status_and_its_reason(cast, client_for):
    meeting = make(cast, 9)
    lifecycle.meeting_cancel(meeting=meeting, reason="Clashes with the inspection")
    client = client_for(cast.scrutineer)
    detail = reverse("governance:api-meeting-detail", kwargs={"pk": meeting.pk})
    body = client.get(detail).json()
    assert (body["status"], body["status_reason"]) == ("cancelled", "Clashes with the inspection")
    listing = client.get(reverse("governance:api-meeting-list"), {"status": "cancelled"}).json()
    assert [row["id"] for row in listing["results"]] == [meeting.pk]
    assert listing["results"][0]["status_reason"] == "Clashes with the inspection"


def test_the_api_does_not_set_the_status(cast, client_for):
    meeting = make(cast, 9)
    client = client_for(cast.bu_manager)
    detail = reverse("governance:api-meeting-detail", kwargs={"pk": meeting.pk})
    for method in (client.patch, client.put):
        response = method(detail, data={"status": "held", "status_reason": "x"},
                          content_type="application/json")
        assert response.status_code == 405
    assert fresh(meeting).status == "planned" and fresh(meeting).status_reason == ""


def test_the_reason_is_a_validation_error_for_pages(cast):
    """Invalid is a ValidationError, so the pages' `attempt` shows it on the reason field."""
    with pytest.raises(ValidationError):
        lifecycle.meeting_cancel(meeting=make(cast, 2), reason="")
