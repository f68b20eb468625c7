"""Grants object permissions to role groups and puts people in the groups of the roles
they hold. The only module that writes django-guardian rows.

- Each partnership and each agency has one group per role (created with it).
- A partnership role group holds its role's `partnership_perms` on the partnership and its
  `agency_perms` on every agency designated in the partnership today.
- An agency role group holds its role's `agency_perms` on the agency and its
  `partnership_perms` on every partnership the agency is designated in today.
- A person is in the group of every membership they hold today.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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


def _permission(codename, model):
    # Not cached across calls: permission rows are recreated when a test database is flushed.
    return Permission.objects.get(
        codename=codename, content_type__app_label="partnership", content_type__model=model
    ).pk


def _grant(table, model, group, codename, obj_id):
    table.objects.get_or_create(
        group=group, permission_id=_permission(codename, model), content_object_id=obj_id
    )


def role_group(scope_object, role):
    group, created = Group.objects.get_or_create(name=roles.group_name(scope_object, role))
    if created:
        if role.scope == roles.Scope.PARTNERSHIP:
            for codename in role.partnership_perms:
                _grant(PartnershipGroupObjectPermission, "partnership", group, codename,
                       scope_object.pk)
        else:
            for codename in role.agency_perms:
                _grant(AgencyGroupObjectPermission, "agency", group, codename, scope_object.pk)
    return group


def role_groups_create(scope_object):
    """Create every role group of a new partnership or agency."""
    scope = roles.Scope.PARTNERSHIP if isinstance(scope_object, Partnership) else roles.Scope.AGENCY
    for role in roles.ROLES:
        if role.scope == scope:
            role_group(scope_object, role)


def _set(table, model, group, codename, obj_id, present):
    """Make `group` hold (or not hold) `codename` on one object."""
    if present:
        _grant(table, model, group, codename, obj_id)
    else:
        table.objects.filter(group=group, permission_id=_permission(codename, model),
                             content_object_id=obj_id).delete()


@transaction.atomic
def designation_grants_sync(partnership, agency):
    """Bring the grants between a partnership and one agency in line with whether the
    agency is designated in the partnership today."""
    active = Designation.objects.active().filter(partnership=partnership, agency=agency).exists()
    for role in roles.PARTNERSHIP_ROLES:
        group = role_group(partnership, role)
        for codename in role.agency_perms:
            _set(AgencyGroupObjectPermission, "agency", group, codename, agency.pk, active)
    for role in roles.AGENCY_ROLES:
        group = role_group(agency, role)
        for codename in role.partnership_perms:
            _set(PartnershipGroupObjectPermission, "partnership", group, codename,
                 partnership.pk, active)


def partnership_grants_sync(partnership):
    """The same for every agency that is or was designated in the partnership."""
    for agency in Agency.objects.filter(designations__partnership=partnership).distinct():
        designation_grants_sync(partnership, agency)


@transaction.atomic
def user_groups_sync(user):
    """Put a person in the groups of the roles they hold today, and out of the others."""
    wanted = {
        roles.group_name(m.partnership, m.role_def)
        for m in PartnershipMembership.objects.active().filter(user=user).select_related("partnership")
    } | {
        roles.group_name(m.agency, m.role_def)
        for m in AgencyMembership.objects.active().filter(user=user).select_related("agency")
    }
    if not user.is_active:
        wanted = set()
    current = {g.name: g for g in user.groups.filter(name__regex=r"^[pa][0-9]+:")}
    user.groups.remove(*[g for name, g in current.items() if name not in wanted])
    user.groups.add(*Group.objects.filter(name__in=wanted - set(current)))


def access_sync_all():
    """Nightly: apply designations and memberships that started or ended."""
    for partnership in Partnership.objects.all():
        partnership_grants_sync(partnership)
    users = (
        set(PartnershipMembership.objects.values_list("user_id", flat=True))
        | set(AgencyMembership.objects.values_list("user_id", flat=True))
    )
    for user in User.objects.filter(pk__in=users):
        user_groups_sync(user)
