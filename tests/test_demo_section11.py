"""load_demo's Section 11 data (agencies/demo.py): North Yorkshire's 2019 audit with
returns in every state (CAFCASS and Probation among them), City of York's overlapping
audit sharing the police's signed-off return, moderation by each partnership, a 2021
audit for year-on-year change, and the current 2026 audit in which the police's return waits
for its chief officer. The demo is loaded once for the module, inside a
transaction rolled back at the end."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies import demo as s11_demo
from agencies import permissions
from agencies import selectors_sign_off as sign_off
from agencies.models import (
    Cycle,
    Extension,
    ExtensionStatus,
    Moderation,
    PlanItem,
    Request,
    Return,
    ReturnVersion,
    Status,
)
from agencies.services import returns
from governance.models import Action
from partnership.models import Notification, NotificationKind, Partnership, User

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

MODELS = (Cycle, Request, Return, ReturnVersion, PlanItem, Moderation, Extension, Action)


@pytest.fixture(scope="module")
def s11_loaded(demo_data, django_db_blocker):
    """The demo, with the Section 11 loader run if load_demo did not run it (before the
    lead registers it). Yields (load_demo's output, this loader's output)."""
    out = io.StringIO()
    with django_db_blocker.unblock():
        if not Partnership.objects.get(slug="north-yorkshire").assessment_cycles.exists():
            s11_demo.load(out)
    return demo_data, out.getvalue()


@pytest.fixture
def ny(s11_loaded, db):
    return Partnership.objects.get(slug="north-yorkshire")


@pytest.fixture
def york(s11_loaded, db):
    return Partnership.objects.get(slug="city-of-york")


def audit(partnership, name="2019 Section 11 audit"):
    return Cycle.objects.get(partnership=partnership, name=name)


def return_of(cycle, agency_name):
    return Request.objects.get(cycle=cycle, agency__name=agency_name).assessment


def test_the_2019_audit(ny):
    cycle = audit(ny)
    assert (cycle.opens_on.isoformat(), cycle.closes_on.isoformat()) == ("2019-09-01",
                                                                         "2019-11-29")
    assert cycle.template.partnership is None and cycle.template.kind == "section_11"
    names = set(cycle.requests.values_list("agency__name", flat=True))
    assert {"CAFCASS", "National Probation Service", "North Yorkshire Police"} <= names
    assert len(names) >= 6
    statuses = {return_of(cycle, name).status for name in names}
    assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.SIGNED_OFF, Status.RETURNED}


def test_every_state(ny):
    cycle = audit(ny)
    cafcass = return_of(cycle, "CAFCASS")
    assert cafcass.status == Status.DRAFT and cafcass.answers.exists()
    assert returns.missing(cafcass)  # still incomplete: the demo lead can try to submit it
    probation = return_of(cycle, "National Probation Service")
    assert probation.status == Status.SUBMITTED and probation.signed_off_at is None
    returned = Return.objects.get(requests__cycle=cycle, status=Status.RETURNED)
    assert returned.returned_comment
    not_started = [r.assessment for r in cycle.requests.select_related("assessment")
                   if r.assessment.started_at is None]
    assert len(not_started) == 1 and not_started[0].status == Status.DRAFT
    today = timezone.localdate()
    overdue = cycle.requests.filter(due_on__lt=today, assessment__status__in=(Status.DRAFT,
                                                                              Status.RETURNED))
    assert overdue.count() >= 2
    assert Extension.objects.filter(request__cycle=cycle, status=ExtensionStatus.PENDING,
                                    request__agency__name="CAFCASS").exists()
    signed = Return.objects.filter(requests__cycle=cycle, status=Status.SIGNED_OFF)
    assert signed.count() >= 3
    for assessment in signed:
        assert not returns.missing(assessment)
        assert assessment.signed_off_by.agency_memberships.filter(
            role="agency_chief_officer", agency=assessment.agency).exists()


def test_plans_join_the_action_register(ny):
    items = PlanItem.objects.filter(assessment__requests__cycle=audit(ny),
                                    assessment__status=Status.SIGNED_OFF)
    assert items.exists()
    for item in items:
        assert item.register_actions.filter(partnership=ny, source="section_11").exists()


def test_the_police_return_is_shared_with_york_and_signed_off(ny, york):
    police = return_of(audit(ny), "North Yorkshire Police")
    assert return_of(audit(york), "North Yorkshire Police") == police
    assert police.status == Status.SIGNED_OFF
    chief = User.objects.get(email=s11_demo.POLICE_CHIEF)
    assert police.signed_off_by == chief
    assert chief.check_password(DEMO_PASSWORD)
    assert {r.cycle.partnership for r in police.requests.all()} == {ny, york}
    # Each partnership moderates it on its own, and its plan is on both registers.
    assert set(Moderation.objects.filter(assessment=police).values_list(
        "partnership__slug", flat=True)) == {"north-yorkshire", "city-of-york"}
    for item in police.plan_items.all():
        assert {a.partnership for a in item.register_actions.all()} == {ny, york}


def test_demo_people_see_what_they_should(ny, york):
    lead = User.objects.get(email="lead.cafcass@nyscp.example")
    mine = permissions.returns_for(lead, ny)
    assert set(mine.values_list("agency__name", flat=True)) == {"CAFCASS"}
    scrutineer = User.objects.get(email="scrutineer@nyscp.example")
    assert not permissions.returns_for(scrutineer, ny).filter(status=Status.DRAFT).exists()
    york_manager = User.objects.get(email="manager@york.example")
    police = return_of(audit(ny), "North Yorkshire Police")
    assert permissions.returns_for(york_manager, york).filter(pk=police.pk).exists()
    chief = User.objects.get(email=s11_demo.POLICE_CHIEF)
    assert permissions.returns_for(chief, ny).filter(pk=police.pk).exists()


def test_year_on_year(ny):
    later = audit(ny, "2021 Section 11 audit")
    agencies = set(later.requests.values_list("agency__name", flat=True))
    assert "North Yorkshire Police" in agencies and len(agencies) >= 2
    for request in later.requests.select_related("assessment"):
        assert request.assessment.status == Status.SIGNED_OFF
        assert request.assessment.carried_from is not None
        earlier = return_of(audit(ny), request.agency.name)
        assert earlier.status == Status.SIGNED_OFF and earlier != request.assessment


def test_the_current_audit_waits_for_the_police_chief_officer(ny, client):
    """A fresh demo has a current cycle in which the police's return, submitted by its
    lead, waits for its chief officer, who can sign it off or send it back."""
    cycle = audit(ny, "2026 Section 11 audit")
    assert (cycle.opens_on.isoformat(), cycle.closes_on.isoformat()) == ("2026-10-01",
                                                                         "2027-01-29")
    police = return_of(cycle, "North Yorkshire Police")
    assert police.status == Status.SUBMITTED and police.carried_from is not None
    assert police.submitted_by.email == "lead.police@nyscp.example"
    assert not returns.missing(police)
    chief = User.objects.get(email=s11_demo.POLICE_CHIEF)
    assert permissions.can_sign_off(chief, police) and permissions.can_send_back(chief, police)
    client.force_login(chief, backend="django.contrib.auth.backends.ModelBackend")
    detail = client.get(reverse("s11:return", args=[ny.slug, police.pk])).content.decode()
    assert "Send back to the agency's lead" in detail and "Karen Lister" in detail
    response = client.post(reverse("s11:return-amend", args=[ny.slug, police.pk]),
                           {"reason": "Standard 8: attach the information-sharing protocol"})
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.status == Status.RETURNED
    assert Notification.objects.filter(kind=NotificationKind.RETURN_SENT_BACK,
                                       recipient__email="lead.police@nyscp.example").exists()


def test_cafcass_has_no_chief_officer_and_submitting_says_so(ny):
    cafcass = return_of(audit(ny), "CAFCASS").agency
    assert sign_off.signatories(cafcass) == []
    assert sign_off.who_signs(cafcass, []).startswith("No chief officer is recorded for CAFCASS")


def test_second_load_changes_nothing(s11_loaded, db):
    before = {model: model.objects.count() for model in MODELS}
    chief = User.objects.get(email=s11_demo.POLICE_CHIEF)
    out = io.StringIO()
    s11_demo.load(out)
    assert {model: model.objects.count() for model in MODELS} == before
    assert "left as it is" in out.getvalue()
    assert User.objects.get(email=s11_demo.POLICE_CHIEF).password == chief.password
