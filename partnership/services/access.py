"""Grants object permissions to role groups and puts people in the groups of the roles
they hold. The only module that writes django-guardian rows.

- Each partnership and each agency has one group per role (created with it).
- A partnership role group holds its role's `partnership_perms` on the partnership and its
  `agency_perms` on every agency designated in the partnership today.
- An agency role group holds its role's `agency_perms` on the agency and its
  `partnership_perms` on every partnership the agency is designated in today.
- A person is in the group of every membership they hold today.

Dates take effect the day they arrive, with no scheduled job having run: the first request
of each day (AccessSyncMiddleware) runs `access_sync_due`, which applies only the
designations and memberships that started or ended since the last sync, under a lock so
that requests arriving meanwhile wait for it. Every function here is idempotent: running it
again changes nothing.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from .. import roles
from ..models import (
    AccessSync,
    Agency,
    AgencyGroupObjectPermission,
    AgencyMembership,
    Designation,
    Partnership,
    PartnershipGroupObjectPermission,
    PartnershipMembership,
    User,
)

_TABLES = {"partnership": PartnershipGroupObjectPermission, "agency": AgencyGroupObjectPermission}


def _permission_ids():
    """{(codename, model): id} for the core app's permissions. Read per call, not cached:
    permission rows are recreated when a test database is flushed."""
    return {
        (codename, model): pk
        for pk, codename, model in Permission.objects.filter(
            content_type__app_label="partnership"
        ).values_list("pk", "codename", "content_type__model")
    }


def _sync_rows(model, obj_id, group_ids, wanted):
    """Make exactly the (group, permission) pairs in `wanted` hold on one object, among the
    rows of the groups in `group_ids`."""
    table = _TABLES[model]
    rows = table.objects.filter(content_object_id=obj_id, group_id__in=group_ids)
    existing = set(rows.values_list("group_id", "permission_id"))
    stale = existing - wanted
    if stale:
        rows.filter(
            Q(*[Q(group_id=g, permission_id=p) for g, p in stale], _connector=Q.OR)
        ).delete()
    table.objects.bulk_create(
        table(group_id=g, permission_id=p, content_object_id=obj_id) for g, p in wanted - existing
    )


def _own_scope(role):
    return ("partnership", role.partnership_perms) if role.scope == roles.Scope.PARTNERSHIP \
        else ("agency", role.agency_perms)


def role_groups(scope_object, perms=None):
    """{role code: group} for a partnership or an agency, creating missing groups, with
    exactly the permissions their roles hold on the partnership or agency itself."""
    scope = roles.Scope.PARTNERSHIP if isinstance(scope_object, Partnership) else roles.Scope.AGENCY
    wanted = {roles.group_name(scope_object, role): role for role in roles.ROLES
              if role.scope == scope}
    groups = {g.name: g for g in Group.objects.filter(name__in=wanted)}
    for name in wanted:
        if name not in groups:
            groups[name] = Group.objects.create(name=name)
    perms = perms or _permission_ids()
    model = "partnership" if scope == roles.Scope.PARTNERSHIP else "agency"
    _sync_rows(model, scope_object.pk, [g.pk for g in groups.values()], {
        (groups[name].pk, perms[(codename, model)])
        for name in wanted for codename in _own_scope(wanted[name])[1]
    })
    return {wanted[name].code: group for name, group in groups.items()}


def role_groups_create(scope_object):
    """Create every role group of a new partnership or agency."""
    role_groups(scope_object)


@transaction.atomic
def designation_grants_sync(partnership, agency):
    """Bring the grants between a partnership and one agency in line with whether the
    agency is designated in the partnership today."""
    active = Designation.objects.active().filter(partnership=partnership, agency=agency).exists()
    perms = _permission_ids()
    partnership_groups = role_groups(partnership, perms)
    agency_groups = role_groups(agency, perms)
    _sync_rows("agency", agency.pk, [g.pk for g in partnership_groups.values()], {
        (partnership_groups[role.code].pk, perms[(codename, "agency")])
        for role in roles.PARTNERSHIP_ROLES for codename in role.agency_perms
    } if active else set())
    _sync_rows("partnership", partnership.pk, [g.pk for g in agency_groups.values()], {
        (agency_groups[role.code].pk, perms[(codename, "partnership")])
        for role in roles.AGENCY_ROLES for codename in role.partnership_perms
    } if active else set())


def partnership_grants_sync(partnership):
    """The same for every agency that is or was designated in the partnership."""
    for agency in Agency.objects.filter(designations__partnership=partnership).distinct():
        designation_grants_sync(partnership, agency)


@transaction.atomic
def user_groups_sync(user):
    """Put a person in the groups of the roles they hold today, and out of the others."""
    wanted = set()
    if user.is_active:
        wanted = {
            roles.group_name(m.partnership, m.role_def)
            for m in PartnershipMembership.objects.active().filter(user=user)
            .select_related("partnership")
        } | {
            roles.group_name(m.agency, m.role_def)
            for m in AgencyMembership.objects.active().filter(user=user).select_related("agency")
        }
    current = {g.name: g for g in user.groups.filter(name__regex=r"^[pa][0-9]+:")}
    user.groups.remove(*[g for name, g in current.items() if name not in wanted])
    user.groups.add(*Group.objects.filter(name__in=wanted - set(current)))


SYNCED_KEY = "access-synced-on"


def _crossed(since, day):
    """Dated rows whose start or end took effect after `since`, up to and including `day`:
    started on a day in (since, day], or ended (their last day) in [since, day)."""
    return (Q(start_date__gt=since, start_date__lte=day)
            | Q(end_date__gte=since, end_date__lt=day))


def access_sync_due(day=None):
    """Bring the permission rows in line with today's dates: only what started or ended
    since the last sync (everything when there was none). Returns the number of designations
    and people brought in line. The lock on the one AccessSync row makes concurrent callers
    wait for the first, then find nothing to do."""
    day = day or datetime.date.today()
    if cache.get(SYNCED_KEY) == day.isoformat():
        return 0
    with transaction.atomic():
        state, created = AccessSync.objects.select_for_update().get_or_create(
            pk=1, defaults={"synced_on": day})
        done = 0
        if created:
            access_sync_all(day)
        elif state.synced_on < day:
            crossed = _crossed(state.synced_on, day)
            for designation in Designation.objects.filter(crossed).select_related(
                    "partnership", "agency"):
                designation_grants_sync(designation.partnership, designation.agency)
                done += 1
            user_ids = set(PartnershipMembership.objects.filter(crossed)
                           .values_list("user_id", flat=True))
            user_ids |= set(AgencyMembership.objects.filter(crossed)
                            .values_list("user_id", flat=True))
            for user in User.objects.filter(pk__in=user_ids):
                user_groups_sync(user)
                done += 1
            state.synced_on = day
            state.save(update_fields=["synced_on"])
    transaction.on_commit(lambda: cache.set(SYNCED_KEY, day.isoformat(), 24 * 3600))
    return done


def access_sync_all(day=None):
    """After migrations (and when no sync has run yet): apply every designation and
    membership, and role permissions added since the groups were made."""
    for partnership in Partnership.objects.all():
        partnership_grants_sync(partnership)
    for agency in Agency.objects.filter(designations__isnull=True):
        role_groups(agency)
    users = (
        set(PartnershipMembership.objects.values_list("user_id", flat=True))
        | set(AgencyMembership.objects.values_list("user_id", flat=True))
    )
    for user in User.objects.filter(pk__in=users):
        user_groups_sync(user)
    AccessSync.objects.update_or_create(pk=1, defaults={
        "synced_on": day or datetime.date.today()})
