"""Grants follow designations and memberships, including their dates; global permissions
and superuser status never open a partnership's records."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse

from partnership import permissions
from partnership.models import AccessSync, Agency, AgencyGroupObjectPermission, Partnership
from partnership.services import access, people, structure

from .conftest import at_noon

pytestmark = pytest.mark.django_db

# tests/conftest.py freezes every clock on this day for the whole module, its cast included.
FROZEN_TODAY = TODAY = datetime.date(2026, 6, 10)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


def visible(user, partnership=None):
    return set(permissions.agencies_for(user, partnership).values_list("name", flat=True))


def test_partnership_roles_see_every_agency_designated_in_their_partnership(cast):
    assert visible(cast.scrutineer) == {"Northshire Council", "Northshire ICB", "Shires Police",
                                        "Agency A Academy"}
    assert visible(cast.bu_p2) == {"Southshire Council", "Southshire ICB", "Shires Police",
                                   "Agency X Charity"}


def test_agency_staff_see_only_their_own_agency(cast):
    assert visible(cast.lead_a) == {"Agency A Academy"}
    assert visible(cast.contributor_a) == {"Agency A Academy"}
    assert visible(cast.lead_police) == {"Shires Police"}


def test_an_agency_serving_two_partnerships_reaches_both(cast):
    assert set(permissions.partnerships_for(cast.lead_police)) == {cast.p1, cast.p2}
    assert set(permissions.partnerships_for(cast.lead_a)) == {cast.p1}
    assert set(permissions.partnerships_for(cast.outsider)) == set()


def test_ending_a_designation_takes_the_agency_out_of_view(cast):
    designation = cast.agency_a.designations.get()
    structure.designation_end(designation=designation, end_date=YESTERDAY)
    assert "Agency A Academy" not in visible(cast.bu_manager)
    assert cast.p1 not in permissions.partnerships_for(cast.lead_a)


def test_a_new_designation_gives_access_at_once(cast):
    structure.designation_create(partnership=cast.p2, agency=cast.agency_a,
                                 kind="relevant_agency")
    assert "Agency A Academy" in visible(cast.bu_p2)
    assert set(permissions.partnerships_for(cast.lead_a)) == {cast.p1, cast.p2}


def test_ending_a_membership_removes_access(cast):
    people.membership_end(membership=cast.lead_a_membership, end_date=YESTERDAY)
    assert visible(cast.lead_a) == set()
    assert list(permissions.partnerships_for(cast.lead_a)) == []


def test_a_membership_ending_today_lasts_until_the_end_of_the_day(cast):
    people.membership_end(membership=cast.lead_a_membership, end_date=TODAY)
    assert visible(cast.lead_a) == {"Agency A Academy"}


def test_a_membership_starting_later_gives_nothing_until_then(cast):
    newcomer = cast_user("later@cast.example")
    people.membership_create(user=newcomer, partnership=cast.p1, role="business_unit_officer",
                             start_date=TOMORROW)
    assert visible(newcomer) == set()


def test_the_nightly_sync_applies_dates_that_have_passed(cast):
    membership = cast.lead_a_membership
    membership.end_date = YESTERDAY  # as if it had been set with a future date long ago
    membership.save()
    designation = cast.agency_x.designations.get()
    designation.end_date = YESTERDAY
    designation.save()
    assert visible(cast.lead_a) == {"Agency A Academy"}  # not yet applied
    from partnership.tasks import access_sync_due

    last_synced(YESTERDAY)  # when both still held
    access_sync_due.delay()
    assert visible(cast.lead_a) == set()
    assert "Agency X Charity" not in visible(cast.bu_p2)


def test_deactivated_people_lose_everything(cast):
    people.user_deactivate(user=cast.bu_manager)
    assert visible(cast.bu_manager) == set()
    assert not permissions.can_manage_members(cast.bu_manager, cast.p1)


def test_global_permissions_and_superusers_get_nothing_extra(cast):
    cast.lead_a.user_permissions.add(
        Permission.objects.get(codename="view_agency"),
        Permission.objects.get(codename="view_partnership"),
        Permission.objects.get(codename="manage_members"),
    )
    cast.outsider.is_superuser = True
    cast.outsider.save()
    assert visible(cast.lead_a) == {"Agency A Academy"}
    assert visible(cast.outsider) == set()
    assert not permissions.can_manage_members(cast.lead_a, cast.p1)


def test_permissions_go_to_groups_never_to_single_users(cast):
    from partnership.models import AgencyUserObjectPermission, PartnershipUserObjectPermission

    assert not AgencyUserObjectPermission.objects.exists()
    assert not PartnershipUserObjectPermission.objects.exists()
    assert AgencyGroupObjectPermission.objects.filter(content_object=cast.police).exists()


def test_deleting_an_agency_deletes_its_grants(cast):
    agency = structure.agency_create(name="Short-lived", sector="other")
    structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency")
    pk = agency.pk
    Agency.objects.filter(pk=pk).delete()
    assert not AgencyGroupObjectPermission.objects.filter(content_object_id=pk).exists()


def test_partner_roles_must_act_for_a_statutory_partner(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        people.membership_create(user=cast.outsider, partnership=cast.p1,
                                 role="delegated_safeguarding_partner", agency=cast.agency_a)
    assert "statutory partner" in str(error.value)
    assert not permissions.partnerships_for(cast.outsider).exists()


def test_holding_a_role_twice_is_refused(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already holds"):
        people.membership_create(user=cast.lead_a, partnership=cast.p1, role="agency_lead",
                                 agency=cast.agency_a)


def test_grant_sync_is_idempotent(cast):
    before = AgencyGroupObjectPermission.objects.count()
    for partnership in Partnership.objects.all():
        access.partnership_grants_sync(partnership)
    access.access_sync_all()
    assert AgencyGroupObjectPermission.objects.count() == before


def last_synced(day):
    """As if the permission rows were last brought in line with the dates on `day`."""
    AccessSync.objects.update_or_create(pk=1, defaults={"synced_on": day})
    cache.delete(access.SYNCED_KEY)


def agency_page(client, cast):
    return client.get(reverse("agency-detail", kwargs={"slug": cast.p1.slug,
                                                       "pk": cast.agency_a.pk}))


def test_a_role_that_ended_yesterday_grants_nothing_today_with_no_job_run(cast, client_for):
    """The end date was set while it lay in the future; no scheduled job runs, and the first
    request of the next day finds the role gone (make run starts no beat)."""
    people.membership_end(membership=cast.lead_a_membership, end_date=TODAY)
    last_synced(TODAY)
    assert agency_page(client_for(cast.lead_a), cast).status_code == 200
    with time_machine.travel(at_noon(TOMORROW), tick=False):
        cache.delete(access.SYNCED_KEY)
        assert agency_page(client_for(cast.lead_a), cast).status_code == 404
        assert visible(cast.lead_a) == set()
        assert AccessSync.objects.get().synced_on == TOMORROW


def test_a_role_starting_today_grants_access_today_with_no_job_run(cast, client_for):
    newcomer = cast_user("starts@cast.example")
    people.membership_create(user=newcomer, partnership=cast.p1, role="business_unit_officer",
                             start_date=TOMORROW)
    last_synced(TODAY)
    people_page = reverse("people", kwargs={"slug": cast.p1.slug})
    assert client_for(newcomer).get(people_page).status_code == 404
    with time_machine.travel(at_noon(TOMORROW), tick=False):
        cache.delete(access.SYNCED_KEY)
        assert client_for(newcomer).get(people_page).status_code == 200


def test_a_designation_ending_yesterday_closes_the_agency_to_the_partnership(cast, client_for):
    designation = cast.agency_x.designations.get()
    designation.end_date = TODAY  # set long ago
    designation.save()
    last_synced(TODAY)
    with time_machine.travel(at_noon(TOMORROW), tick=False):
        cache.delete(access.SYNCED_KEY)
        client_for(cast.bu_p2).get(reverse("home"))  # the day's first request
        assert "Agency X Charity" not in visible(cast.bu_p2)


def test_the_days_sync_applies_only_what_changed_and_runs_once(cast, django_assert_max_num_queries):
    last_synced(TODAY)
    with time_machine.travel(at_noon(TOMORROW), tick=False):
        assert access.access_sync_due() == 0  # nothing started or ended
        with django_assert_max_num_queries(0):
            cache.set(access.SYNCED_KEY, TOMORROW.isoformat())
            assert access.access_sync_due() == 0


def cast_user(email):
    from partnership.models import User

    return User.objects.create_user(email, "irrelevant-password-1", full_name="Later Person")


def test_superuser_status_grants_nothing_even_through_the_object_checker(cast):
    """guardian's own checker answers yes to a superuser for every permission; the portal's
    checks count roles only (partnership/permissions.py)."""
    from partnership import roles

    cast.outsider.is_superuser = True
    cast.outsider.save()
    assert not permissions.has_perm(cast.outsider, roles.VIEW_PARTNERSHIP, cast.p1)
    assert not permissions.has_perm(cast.outsider, roles.VIEW_SCRUTINY, cast.p1)
    cast.bu_manager.is_superuser = True  # a platform admin who also holds a role keeps it
    cast.bu_manager.save()
    assert permissions.has_perm(cast.bu_manager, roles.VIEW_SCRUTINY, cast.p1)
    assert not permissions.has_perm(cast.bu_manager, roles.VIEW_SCRUTINY, cast.p2)
