"""Bulk writes: grants kept in step, a cycle opened for many agencies, many agencies
designated and many people invited, each in a fixed number of queries however many rows
(absolute counts pinned), and writing exactly what the one-by-one paths write: the same
guardian rows, group memberships, audit entries and e-mails."""

import datetime

import pytest
import time_machine
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache

from agencies.models import AssessmentTemplate, Kind, Request, Return
from agencies.services import cycles
from partnership import permissions
from partnership.errors import Invalid
from partnership.models import (
    AccessSync,
    AgencyGroupObjectPermission,
    AgencyMembership,
    Designation,
    PartnershipGroupObjectPermission,
    PartnershipMembership,
    Sector,
    User,
)
from partnership.services import access, people, structure

from .conftest import at_noon

pytestmark = pytest.mark.django_db

FROZEN_TODAY = TODAY = datetime.date(2026, 6, 10)  # tests/conftest.py freezes the clocks
YESTERDAY = TODAY - datetime.timedelta(days=1)


def agencies_made(tag, n):
    return [structure.agency_create(name=f"{tag} agency {i}", sector=Sector.VOLUNTARY)
            for i in range(n)]


def partnership_made(tag, n, national=()):
    """A partnership with n agencies of its own (and any national ones) designated, a
    manager and a lead for its first agency."""
    partnership = structure.partnership_create(name=f"{tag} partnership", slug=tag)
    agencies = agencies_made(tag, n)
    structure.designations_create(partnership=partnership, designations=[
        {"agency": agency, "kind": Designation.Kind.RELEVANT_AGENCY}
        for agency in [*agencies, *national]])
    for email, role, agency in ((f"manager@{tag}.example", "business_unit_manager", None),
                                (f"lead@{tag}.example", "agency_lead", agencies[0])):
        user = User.objects.create_user(email, full_name=email)
        people.membership_create(user=user, partnership=partnership, role=role, agency=agency)
    return partnership, agencies


def grant_rows(partnership):
    """Every guardian row between the partnership and its agencies: (object's model, group
    name, permission, object id)."""
    return ({("agency", *row) for row in AgencyGroupObjectPermission.objects.filter(
                group__name__startswith=f"p{partnership.pk}:")
                .values_list("group__name", "permission__codename", "content_object_id")}
            | {("partnership", *row) for row in PartnershipGroupObjectPermission.objects.filter(
                content_object=partnership)
                .values_list("group__name", "permission__codename", "content_object_id")})


# Grants


@pytest.mark.parametrize("n", [5, 50])
def test_a_partnerships_grants_sync_takes_the_same_queries_for_5_or_50_agencies(
        n, django_assert_num_queries):
    partnership, agencies = partnership_made("grants", n)
    before = grant_rows(partnership)
    with django_assert_num_queries(8):  # nothing to change: reads only
        access.partnership_grants_sync(partnership)
    assert grant_rows(partnership) == before

    # agency 0's designation ended yesterday (its rows are stale); the others' rows are lost
    Designation.objects.filter(partnership=partnership, agency=agencies[0]).update(
        start_date=YESTERDAY, end_date=YESTERDAY)
    AgencyGroupObjectPermission.objects.filter(
        group__name__startswith=f"p{partnership.pk}:", content_object__in=agencies[1:]).delete()
    with django_assert_num_queries(11):
        access.partnership_grants_sync(partnership)
    ended = {row for row in before if (row[0], row[3]) == ("agency", agencies[0].pk)
             or row[1].startswith(f"a{agencies[0].pk}:")}
    assert ended and grant_rows(partnership) == before - ended


@pytest.mark.parametrize("n", [2, 6])
def test_the_full_sync_takes_the_same_queries_for_2_or_6_partnerships(
        n, django_assert_num_queries):
    national = agencies_made("national", 2)
    made = [partnership_made(f"full{k}", 3, national) for k in range(n)]
    before = {p.pk: grant_rows(p) for p, _ in made}
    members = {u.pk: set(u.groups.values_list("name", flat=True)) for u in User.objects.all()}
    with django_assert_num_queries(22):  # nothing to change
        access.access_sync_all()
    assert {p.pk: grant_rows(p) for p, _ in made} == before

    # every grant and group membership lost: the full sync writes them all back
    AgencyGroupObjectPermission.objects.all().delete()
    PartnershipGroupObjectPermission.objects.all().delete()
    User.groups.through.objects.all().delete()
    with django_assert_num_queries(26):
        access.access_sync_all()
    assert {p.pk: grant_rows(p) for p, _ in made} == before
    assert {u.pk: set(u.groups.values_list("name", flat=True))
            for u in User.objects.all()} == members


def test_the_days_sync_applies_only_the_boundaries_crossed(django_assert_num_queries):
    partnership, agencies = partnership_made("due", 5)
    # The last sync was today (a test that flushed the database may have removed the row the
    # migration made).
    AccessSync.objects.update_or_create(pk=1, defaults={"synced_on": TODAY})
    cache.delete(access.SYNCED_KEY)
    lead = User.objects.get(email="lead@due.example")
    Designation.objects.filter(agency=agencies[1]).update(end_date=TODAY)
    AgencyMembership.objects.filter(user=lead).update(end_date=TODAY)
    tomorrow = TODAY + datetime.timedelta(days=1)
    with time_machine.travel(at_noon(tomorrow), tick=False):
        with django_assert_num_queries(23):
            assert access.access_sync_due(tomorrow) == 2
        assert not lead.groups.exists()
        assert not AgencyGroupObjectPermission.objects.filter(
            group__name__startswith=f"p{partnership.pk}:", content_object=agencies[1]).exists()


# Opening a cycle


@pytest.mark.parametrize("n", [5, 100])
def test_opening_a_cycle_takes_the_same_queries_for_5_or_100_agencies(
        n, django_assert_num_queries):
    partnership, agencies = partnership_made("cycle", n)
    template = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_11)
    cycle = cycles.cycle_create(partnership=partnership, template=template, name="2026",
                                opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=60))
    ContentType.objects.get_for_model(Request)  # warm the content type cache
    ContentType.objects.get_for_model(Return)
    with django_assert_num_queries(9):
        made = cycles.requests_add(cycle=cycle, agencies=agencies)
    assert len(made) == n == cycle.requests.count()
    assert LogEntry.objects.get_for_model(Request).count() == n
    assert LogEntry.objects.get_for_model(Return).count() == n
    with django_assert_num_queries(4):  # asked already: nothing to do
        assert cycles.requests_add(cycle=cycle, agencies=agencies) == []


def test_an_agency_asked_by_an_overlapping_cycle_answers_the_shared_return():
    national = agencies_made("shared", 1)
    template = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_11)
    asked = []
    for tag in ("north", "south"):
        partnership, _ = partnership_made(tag, 2, national)
        cycle = cycles.cycle_create(partnership=partnership, template=template, name=tag,
                                    opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=60))
        asked += cycles.requests_add(cycle=cycle, agencies=national)
    assert asked[0].assessment == asked[1].assessment
    assert Return.objects.filter(agency=national[0]).count() == 1


# Designating many agencies


def designations_of(agencies, reason="Works with children"):
    return [{"agency": agency, "kind": Designation.Kind.RELEVANT_AGENCY, "reason": reason,
             "local_category": "Voluntary sector", "start_date": YESTERDAY}
            for agency in agencies]


@pytest.mark.parametrize("n", [3, 40])
def test_designating_many_agencies_takes_the_same_queries_for_3_or_40(
        n, django_assert_num_queries):
    partnership = structure.partnership_create(name="Many", slug="many")
    agencies = agencies_made("many", n)
    ContentType.objects.get_for_model(Designation)  # warm the content type cache
    with django_assert_num_queries(14):
        made = structure.designations_create(partnership=partnership,
                                             designations=designations_of(agencies))
    assert [d.agency for d in made] == agencies and all(d.pk for d in made)
    assert LogEntry.objects.get_for_model(Designation).count() == n
    manager = User.objects.create_user("manager@many.example", full_name="Manager")
    people.membership_create(user=manager, partnership=partnership, role="business_unit_manager")
    assert set(permissions.agencies_for(manager, partnership)) == set(agencies)


def test_designating_an_agency_already_designated_changes_nothing():
    partnership = structure.partnership_create(name="Twice", slug="twice")
    agencies = agencies_made("twice", 2)
    structure.designation_create(partnership=partnership, agency=agencies[0],
                                 kind=Designation.Kind.RELEVANT_AGENCY)
    with pytest.raises(Invalid, match="Already designated in Twice: twice agency 0"):
        structure.designations_create(partnership=partnership,
                                      designations=designations_of(agencies))
    assert partnership.designations.count() == 1


def normalised(rows, partnership, users=()):
    """Rows with the partnership's (and these people's) own ids and names taken out."""
    text = str(rows)
    for old, new in [(f"p{partnership.pk}:", "p:"), (partnership.name, "P"),
                     *[(u.email, "e-mail") for u in users]]:
        text = text.replace(old, new)
    return text


def grant_shape(partnership):
    """grant_rows with the partnership's own id taken out."""
    return {(model, group.replace(f"p{partnership.pk}:", "p:"), codename,
             "P" if model == "partnership" else object_id)
            for model, group, codename, object_id in grant_rows(partnership)}


def audit(model, pks, partnership, users=(), actor=None):
    entries = LogEntry.objects.get_for_model(model).filter(object_id__in=pks)
    return sorted(normalised((e.action, e.actor == actor, e.object_repr, e.remote_addr, {
        k: v for k, v in e.changes.items() if k not in ("id", "partnership", "agency", "user", "email")}),
        partnership, users) for e in entries)


def test_designating_in_bulk_writes_what_designating_one_by_one_writes():
    agencies = agencies_made("both", 3)
    one, many = (structure.partnership_create(name=name, slug=name.lower())
                 for name in ("Singly", "Together"))
    actor = User.objects.create_user("actor@both.example", full_name="Actor")
    with set_actor(actor, remote_addr="192.0.2.1"):
        singly = [structure.designation_create(partnership=one, **fields)
                  for fields in designations_of(agencies)]
        together = structure.designations_create(partnership=many,
                                                 designations=designations_of(agencies))
    assert grant_shape(one) == grant_shape(many)
    assert audit(Designation, [d.pk for d in singly], one, actor=actor) == \
        audit(Designation, [d.pk for d in together], many, actor=actor)
    assert len(audit(Designation, [d.pk for d in together], many)) == 3


# Inviting many people


def invitations_of(tag, agencies, n):
    return [{"email": f" Person{i}@{tag.title()}.example ", "full_name": f"Person {i}",
             "job_title": "Safeguarding officer", "role": "agency_contributor",
             "agency": agencies[i % len(agencies)], "title": "Contributor"} for i in range(n)]


@pytest.mark.parametrize("n", [3, 40])
def test_inviting_many_people_takes_the_same_queries_for_3_or_40(
        n, django_assert_num_queries, django_capture_on_commit_callbacks):
    partnership, agencies = partnership_made("invite", 2)
    manager = User.objects.get(email="manager@invite.example")
    lead = User.objects.get(email="lead@invite.example")  # has an account: a new role
    invitations = [*invitations_of("invite", agencies, n), {
        "email": lead.email, "full_name": "", "role": "agency_chief_officer",
        "agency": agencies[1]}]
    for model in (User, AgencyMembership, PartnershipMembership):
        ContentType.objects.get_for_model(model)  # warm the content type cache
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(17):
        made = people.users_invite(invited_by=manager, partnership=partnership,
                                   invitations=invitations)
    assert len(made) == n + 1
    assert User.objects.filter(email__endswith="@invite.example").count() == n + 2
    assert LogEntry.objects.get_for_model(AgencyMembership).count() == n + 2  # and the lead's own
    assert len(mail.outbox) == n + 1
    assert set(lead.groups.values_list("name", flat=True)) == {
        f"a{agencies[0].pk}:agency_lead", f"a{agencies[1].pk}:agency_chief_officer"}


def test_inviting_someone_who_holds_the_role_already_changes_nothing():
    partnership, agencies = partnership_made("again", 1)
    manager = User.objects.get(email="manager@again.example")
    with pytest.raises(Invalid, match="already holds this role"):
        people.users_invite(invited_by=manager, partnership=partnership, invitations=[
            *invitations_of("again", agencies, 2),
            {"email": "LEAD@again.example", "full_name": "", "role": "agency_lead",
             "agency": agencies[0]}])
    assert not User.objects.filter(email__startswith="person").exists()


def test_inviting_in_bulk_writes_what_inviting_one_by_one_writes(
        django_capture_on_commit_callbacks):
    (one, one_agencies), (many, many_agencies) = (partnership_made(tag, 2)
                                                  for tag in ("singly", "together"))
    results = []
    for partnership, tag, agencies, bulk in ((one, "singly", one_agencies, False),
                                             (many, "together", many_agencies, True)):
        manager = User.objects.get(email=f"manager@{tag}.example")
        invitations = [*invitations_of(tag, agencies[:1], 2),
                       {"email": f"lead@{tag}.example", "full_name": "", "role":
                        "agency_chief_officer", "agency": agencies[0]},
                       {"email": f"officer@{tag}.example", "full_name": "Officer",
                        "role": "business_unit_officer"}]
        mail.outbox.clear()
        with set_actor(manager, remote_addr="192.0.2.1"), \
                django_capture_on_commit_callbacks(execute=True):
            if bulk:
                made = people.users_invite(invited_by=manager, partnership=partnership,
                                           invitations=invitations)
            else:
                made = [people.user_invite(invited_by=manager, partnership=partnership, **i)
                        for i in invitations]
        users = [m.user for m in made]
        results.append(normalised([
            sorted(normalised(sorted(u.groups.values_list("name", flat=True)), partnership)
                   .replace(f"a{agencies[0].pk}:", "a:") for u in users),
            audit(User, [u.pk for u in users], partnership, users, manager),
            *[audit(model, [m.pk for m in made if isinstance(m, model)], partnership, users,
                    manager) for model in (AgencyMembership, PartnershipMembership)],
            sorted((m.subject, len(m.to)) for m in mail.outbox),
        ], partnership, users).replace(f"{agencies[0]}", "A").replace(tag.title(), "T"))
    assert results[0] == results[1]
