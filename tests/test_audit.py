"""Changes are in the audit history with the acting person; reads of sensitive records
can be recorded as access events."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from partnership.models import AccessEvent
from partnership.services.audit import access_event_record

pytestmark = pytest.mark.django_db


def test_an_agency_edit_is_in_the_history_with_its_actor(cast, client_for):
    url = reverse("agency-edit", kwargs={"slug": cast.p1.slug, "pk": cast.agency_a.pk})
    client_for(cast.bu_manager).post(url, {"name": "Agency A Free School", "sector": "education"})
    entry = LogEntry.objects.get_for_object(cast.agency_a).latest("timestamp")
    assert entry.actor == cast.bu_manager
    assert entry.changes_dict["name"] == ["Agency A Academy", "Agency A Free School"]


def test_every_core_model_is_audited():
    from auditlog.registry import auditlog

    from partnership import models

    for model in (models.User, models.Partnership, models.Agency, models.Designation,
                  models.PartnershipMembership, models.AgencyMembership,
                  models.LocalAuthorityArea):
        assert auditlog.contains(model), model


def test_passwords_never_reach_the_history(cast):
    cast.outsider.set_password("a brand new passphrase")
    cast.outsider.save()
    for entry in LogEntry.objects.get_for_object(cast.outsider):
        assert "password" not in (entry.changes_dict or {})


def test_access_events_record_who_read_what(cast):
    event = access_event_record(user=cast.scrutineer, obj=cast.agency_a, partnership=cast.p1,
                                path="/p/p1/agencies/4/")
    assert AccessEvent.objects.get() == event
    assert event.object_repr == "Agency A Academy"
    assert event.object_id == str(cast.agency_a.pk)
    assert event.action == "view"
