"""The action register: numbering, RAG, progress with evidence, who may update what, the
owners' home page, and a register whose query count does not grow with rows."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import selectors as governance
from governance.models import Action, ActionUpdate
from governance.services import actions

from .test_queries import count_queries


def _action(cast, **fields):
    return actions.action_create(**{
        "partnership": cast.p1, "source": "other", "description": "Do it",
        "owner_agency": cast.agency_a, "due_on": datetime.date(2030, 1, 1),
        "created_by": cast.bu_officer, **fields})


@pytest.mark.django_db
def test_actions_are_numbered_within_their_partnership(cast):
    assert [cast.action_a.reference, cast.action_police.reference, cast.action_x.reference] == [1, 2, 1]
    assert _action(cast).code == "A3"


@pytest.mark.django_db
def test_owner_agency_must_be_in_the_partnership(cast):
    with pytest.raises(ValidationError) as error:
        _action(cast, owner_agency=cast.agency_x)
    assert "is not part of" in str(error.value)


@pytest.mark.django_db
def test_rag_from_due_date_and_status_in_working_days(cast):
    action = _action(cast, due_on=datetime.date(2026, 1, 16))  # a Friday
    rag = lambda day: governance.with_rag([action], cast.p1, on=day)[0].rag  # noqa: E731
    # Ten working days before 16 January 2026 is 2 January (1 January is a bank holiday).
    assert rag(datetime.date(2025, 12, 31)) == "green"
    assert rag(datetime.date(2026, 1, 2)) == "amber"
    assert rag(datetime.date(2026, 1, 16)) == "amber"
    assert rag(datetime.date(2026, 1, 17)) == "red"
    actions.progress_record(action=action, author=cast.lead_a, status="completed",
                            evidence="Training delivered to 40 staff")
    action.refresh_from_db()
    assert rag(datetime.date(2026, 2, 1)) == "blue"
    assert action.completed_on is not None


@pytest.mark.django_db
def test_completing_or_closing_needs_evidence_and_changes_nothing_without(cast):
    for status in ("completed", "closed"):
        with pytest.raises(ValidationError) as error:
            actions.progress_record(action=cast.action_a, author=cast.lead_a, status=status,
                                    note="Done")
        assert "evidence that the action is complete" in str(error.value)
    cast.action_a.refresh_from_db()
    assert cast.action_a.status == "open" and not cast.action_a.updates.exists()
    with pytest.raises(ValidationError):
        actions.progress_record(action=cast.action_a, author=cast.lead_a, status="open")


@pytest.mark.django_db
def test_agency_lead_records_progress_with_an_evidence_file(cast, client_for):
    client = client_for(cast.lead_a)
    url = reverse("governance:action-progress", args=[cast.p1.slug, cast.action_a.pk])
    response = client.post(url, {"status": "completed", "evidence": "Policy adopted",
                                 "evidence_file": SimpleUploadedFile("policy.exe", b"MZ")})
    assert "must be a PDF, Word, Excel or OpenDocument file" in response.content.decode()
    assert not ActionUpdate.objects.filter(action=cast.action_a).exists()
    response = client.post(url, {"status": "completed", "evidence": "Policy adopted",
                                 "evidence_file": SimpleUploadedFile("policy.pdf", b"%PDF-1.4")})
    assert response.status_code == 302
    update = ActionUpdate.objects.get(action=cast.action_a)
    download = client.get(reverse("governance:action-evidence", args=[cast.p1.slug, cast.action_a.pk,
                                                           update.pk]))
    assert download.status_code == 200
    assert client_for(cast.lead_police).get(
        reverse("governance:action-evidence", args=[cast.p1.slug, cast.action_a.pk, update.pk])
    ).status_code == 404


@pytest.mark.django_db
def test_agency_lead_cannot_close_or_touch_another_agencys_action(cast, client_for):
    client = client_for(cast.lead_a)
    other = reverse("governance:action-progress", args=[cast.p1.slug, cast.action_police.pk])
    assert client.post(other, {"status": "in_progress", "note": "Mine now"}).status_code == 404
    assert client.get(reverse("governance:action-detail", args=[cast.p1.slug, cast.action_police.pk])
                      ).status_code == 404
    own = reverse("governance:action-progress", args=[cast.p1.slug, cast.action_a.pk])
    response = client.post(own, {"status": "closed", "evidence": "Done"})
    assert "Choose one of the statuses" in response.content.decode()
    assert Action.objects.get(pk=cast.action_a.pk).status == "open"


@pytest.mark.django_db
def test_business_unit_adds_an_action_from_a_meeting(cast, client_for):
    client = client_for(cast.bu_officer)
    url = reverse("governance:action-create", args=[cast.p1.slug]) + f"?meeting={cast.meeting1.pk}"
    response = client.post(url, {"description": "Audit referrals", "owner_agency": cast.police.pk,
                                 "due_on_0": "31", "due_on_1": "3", "due_on_2": "2030"})
    assert response.status_code == 302
    action = Action.objects.get(description="Audit referrals")
    assert action.meeting == cast.meeting1 and action.source == "meeting"
    assert action.source_label == str(cast.meeting1)


@pytest.mark.django_db
def test_owners_see_their_open_actions_on_the_home_page(cast, client_for):
    home = client_for(cast.lead_a).get(reverse("home")).content.decode()
    assert "A1: CNRY-ACTION-A" in home and "Was due 1 July 2025" in home
    assert "CNRY-ACTION-POLICE" not in home
    assert "CNRY-ACTION-POLICE" in client_for(cast.lead_police).get(reverse("home")).content.decode()
    assert "Overdue actions in the register" in client_for(cast.bu_manager).get(
        reverse("home")).content.decode()
    actions.progress_record(action=cast.action_a, author=cast.lead_a, status="completed",
                            evidence="Done")
    assert "CNRY-ACTION-A" not in client_for(cast.lead_a).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_register_filters(cast, client_for):
    client = client_for(cast.bu_manager)
    url = reverse("governance:action-list", args=[cast.p1.slug])
    page = client.get(url + "?overdue=1").content.decode()
    assert "CNRY-ACTION-A" in page and "CNRY-ACTION-POLICE" not in page
    assert re.search(r'<input[^>]*name="overdue"[^>]*checked', page)
    for unticked in ("0", "false"):  # shown unticked, as it filters nothing
        page = client.get(url + f"?overdue={unticked}").content.decode()
        assert not re.search(r'<input[^>]*name="overdue"[^>]*checked', page)
    page = client.get(url + f"?agency={cast.police.pk}").content.decode()
    assert "CNRY-ACTION-A" not in page and "CNRY-ACTION-POLICE" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bu_manager", "lead_a"])
def test_register_queries_do_not_grow(cast, client_for, who):
    client = client_for(cast.users[who])
    url = reverse("governance:action-list", args=[cast.p1.slug])
    for _ in range(3):
        _action(cast, owner=cast.lead_a)
    client.get(url)
    few, _ = count_queries(client, url)
    for _ in range(30):
        _action(cast, owner=cast.lead_a)
    many, response = count_queries(client, url)
    assert few == many
    expected = {"bu_manager": 35, "lead_a": 34}[who]  # agency A's only, for its lead
    assert f"{expected} actions" in response.content.decode()
