"""Grants object permissions to role groups and puts people in the groups of the roles
they hold. The only module that writes django-guardian rows.

- Each partnership and each agency has one group per role (created with it).
- A partnership role group holds its role's `partnership_perms` on the partnership and its
  `agency_perms` on every agency designated in the partnership today.
- An agency role group holds its role's `agency_perms` on the agency and its
  `partnership_perms` on every partnership the agency is designated in today.
- A person is in the group of every membership they hold today.

Every function here is idempotent: running it again changes nothing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .. import roles
from ..models import (
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


def access_sync_all():
    """Nightly, and after migrations: apply designations and memberships that started or
    ended, and role permissions added since the groups were made."""
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
