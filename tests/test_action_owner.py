"""An action's named owner belongs to the agency it is assigned to (issue 17, defect 8): the
agency's staff or a safeguarding partner acting for it, or someone who holds a role in the
partnership itself (the business unit, the chair, the scrutineer). Another agency's people
are refused with a field error, in the form and in the API, and the picker groups people by
their agency."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Action
from governance.services import actions

pytestmark = pytest.mark.django_db

DUE = datetime.date(2030, 1, 1)


def create(cast, agency, owner):
    return actions.action_create(partnership=cast.p1, source="other", description="Do it",
                                 owner_agency=agency, owner=owner, due_on=DUE,
                                 created_by=cast.bu_officer)


def test_another_agencys_person_cannot_own_the_action(cast):
    before = Action.objects.count()
    with pytest.raises(ValidationError) as refused:
        create(cast, cast.agency_a, cast.lead_police)
    assert refused.value.message_dict["owner"] == [
        "Lead Police is not one of Agency A Academy's people: choose someone from Agency A "
        "Academy or the business unit, or no named owner"]
    with pytest.raises(ValidationError):
        create(cast, cast.police, cast.lsp)  # the lead partner acts for the council
    assert Action.objects.count() == before


@pytest.mark.parametrize("agency,owner", [
    ("agency_a", "lead_a"), ("agency_a", "contributor_a"), ("police", "dsp"),
    ("council1", "lsp"), ("police", "bu_officer"), ("agency_a", "chair"), ("police", None),
])
def test_the_agencys_people_and_the_partnerships_roles_may_own_it(cast, agency, owner):
    action = create(cast, getattr(cast, agency), cast.users[owner] if owner else None)
    assert action.owner_agency == getattr(cast, agency)


def test_changing_the_agency_or_the_owner_is_checked_too(cast):
    action = cast.action_a  # agency A's, owned by its lead
    with pytest.raises(ValidationError) as refused:
        actions.action_update(action=action, owner_agency=cast.police)
    assert "owner" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.action_update(action=action, owner=cast.lead_police)
    action.refresh_from_db()
    assert (action.owner_agency, action.owner) == (cast.agency_a, cast.lead_a)
    actions.action_update(action=action, owner_agency=cast.police, owner=cast.lead_police)
    action.refresh_from_db()
    assert (action.owner_agency, action.owner) == (cast.police, cast.lead_police)


def test_the_form_refuses_with_a_field_error(cast, client_for):
    client = client_for(cast.bu_officer)
    before = Action.objects.count()
    response = client.post(reverse("governance:action-create", args=[cast.p1.slug]), {
        "description": "Audit the escalation policy", "owner_agency": cast.agency_a.pk,
        "owner": cast.lead_police.pk, "due_on_0": "1", "due_on_1": "1", "due_on_2": "2030"})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert 'href="#id_owner"' in body and "is not one of Agency A Academy&#x27;s people" in body
    assert Action.objects.count() == before


def optgroups(body):
    """{group label: [option texts]} of the owner picker, in page order."""
    select = re.search(r'<select name="owner".*?</select>', body, re.S).group(0)
    return {html.unescape(label): re.findall(r"<option[^>]*>([^<]*)</option>", options)
            for label, options in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>',
                                               select, re.S)}


def test_the_picker_offers_people_by_their_agency(cast, client_for):
    client = client_for(cast.bu_officer)
    groups = optgroups(client.get(reverse("governance:action-create",
                                          args=[cast.p1.slug])).content.decode())
    assert groups["Agency A Academy"] == ["Chief A", "Contributor A", "Lead A"]
    assert groups["Shires Police"] == ["Dsp", "Lead Police"]
    assert set(groups["The partnership's business unit, chair and scrutiny"]) == {
        "Bu Manager", "Bu Officer", "Chair", "Scrutineer"}
    assert not any("Lead Police" in people for label, people in groups.items()
                   if label != "Shires Police")
    # Changing agency A's action: its agency's people come first.
    edit = client.get(reverse("governance:action-edit", args=[cast.p1.slug, cast.action_a.pk]))
    assert next(iter(optgroups(edit.content.decode()))) == "Agency A Academy"


def test_the_api_refuses_naming_the_owner(cast, client_for):
    before = Action.objects.count()
    response = client_for(cast.bu_officer).post(reverse("governance:api-action-list"), {
        "partnership": cast.p1.pk, "description": "Audit the escalation policy",
        "owner_agency": cast.agency_a.pk, "owner": cast.lead_police.pk, "due_on": "2030-01-01",
    }, content_type="application/json")
    assert response.status_code == 400
    assert "is not one of Agency A Academy's people" in response.json()["owner"][0]
    assert Action.objects.count() == before
