"""Grants object permissions to role groups and puts people in the groups of the roles
they hold. The only module that writes django-guardian rows.

- Each partnership and each agency has one group per role (created with it).
- A partnership role group holds its role's `partnership_perms` on the partnership and its
  `agency_perms` on every agency designated in the partnership today.
- An agency role group holds its role's `agency_perms` on the agency and its
  `partnership_perms` on every partnership the agency is designated in today.
- A person is in the group of every membership they hold today.

Every sync works in bulk: for a set of (partnership, agency) pairs, or of people, it reads
what holds and what should hold in a few queries, then deletes the stale rows in one query
and writes the missing ones in one `bulk_create`, a chunk of CHUNK agencies (or people) at
a time. So a change writes only the rows it changes, in a number of queries that does not
grow with the number of agencies, partnerships or people.

Dates take effect the day they arrive, with no scheduled job having run: the first request
of each day (AccessSyncMiddleware) runs `access_sync_due`, which applies only the
designations and memberships that started or ended since the last sync, under a lock so
that requests arriving meanwhile wait for it. Every function here is idempotent: running it
again changes nothing.
"""

import datetime
from collections import defaultdict

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

CHUNK = 2000  # agencies, or people, brought in line per round of queries


def _chunks(ids):
    ids = sorted(ids)
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _permission_ids():
    """{(codename, model): id} for the core app's permissions. Read per call, not cached:
    permission rows are recreated when a test database is flushed."""
    return {
        (codename, model): pk
        for pk, codename, model in Permission.objects.filter(
            content_type__app_label="partnership"
        ).values_list("pk", "codename", "content_type__model")
    }


def _group_names(partnership_ids, agency_ids):
    """{group name: (scope model, object id, role)} of every role group of these objects."""
    names = {}
    for model, ids, scope_roles in (("partnership", partnership_ids, roles.PARTNERSHIP_ROLES),
                                    ("agency", agency_ids, roles.AGENCY_ROLES)):
        cls = Partnership if model == "partnership" else Agency
        for pk in ids:
            for role in scope_roles:
                names[roles.group_name(cls(pk=pk), role)] = (model, pk, role)
    return names


def _groups(names):
    """{group name: group id} for these names, creating the missing groups."""
    found = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
    missing = Group.objects.bulk_create(Group(name=name) for name in names if name not in found)
    return found | {group.name: group.pk for group in missing}


def _wanted(names, groups, perms, active):
    """{model: {(group id, permission id, object id)}}: each group's rows on its own
    partnership or agency, and across every designation in `active`."""
    wanted = {"partnership": set(), "agency": set()}
    ids = {(model, pk, role.code): groups[name] for name, (model, pk, role) in names.items()}
    for name, (model, pk, role) in names.items():
        own = role.partnership_perms if model == "partnership" else role.agency_perms
        wanted[model] |= {(groups[name], perms[(codename, model)], pk) for codename in own}
    for partnership_id, agency_id in active:
        for role in roles.PARTNERSHIP_ROLES:
            group = ids[("partnership", partnership_id, role.code)]
            wanted["agency"] |= {(group, perms[(c, "agency")], agency_id) for c in role.agency_perms}
        for role in roles.AGENCY_ROLES:
            group = ids[("agency", agency_id, role.code)]
            wanted["partnership"] |= {(group, perms[(c, "partnership")], partnership_id)
                                      for c in role.partnership_perms}
    return wanted


def _in_scope(model, pairs, names_by_group):
    """Whether a row (group id, object id) is one this sync decides: a group's row on its own
    partnership or agency, or one across a pair being synced."""
    def decides(group_id, object_id):
        scope, pk, _ = names_by_group[group_id]
        if scope == model:
            return pk == object_id
        return (pk, object_id) in pairs if scope == "partnership" else (object_id, pk) in pairs
    return decides


def _rows_sync(model, table, object_ids, groups, names, pairs, wanted):
    """Delete this table's stale rows in scope (one query) and add the missing (one)."""
    if not object_ids:
        return
    names_by_group = {groups[name]: spec for name, spec in names.items()}
    decides = _in_scope(model, pairs, names_by_group)
    existing = {}
    for pk, group_id, permission_id, object_id in table.objects.filter(
            content_object_id__in=object_ids, group_id__in=names_by_group).values_list(
            "pk", "group_id", "permission_id", "content_object_id"):
        if decides(group_id, object_id):
            existing[(group_id, permission_id, object_id)] = pk
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        table.objects.filter(pk__in=stale).delete()
    table.objects.bulk_create(
        table(group_id=g, permission_id=p, content_object_id=o)
        for g, p, o in wanted - existing.keys())


def _chunk_sync(perms, pairs, partnership_ids, agency_ids):
    active = set()
    if pairs:
        active = pairs & set(Designation.objects.active().filter(
            agency_id__in=agency_ids, partnership_id__in=partnership_ids,
        ).order_by().values_list("partnership_id", "agency_id"))
    names = _group_names(partnership_ids, agency_ids)
    groups = _groups(names)
    wanted = _wanted(names, groups, perms, active)
    _rows_sync("agency", AgencyGroupObjectPermission, agency_ids, groups, names, pairs,
               wanted["agency"])
    _rows_sync("partnership", PartnershipGroupObjectPermission, partnership_ids, groups, names,
               pairs, wanted["partnership"])


@transaction.atomic
def grants_sync(pairs=(), partnership_ids=(), agency_ids=()):
    """Bring in line the grants between each (partnership id, agency id) pair with whether
    the agency is designated in the partnership today, and the role groups (with their own
    permissions) of those partnerships and agencies and of `partnership_ids` and
    `agency_ids`. A bounded number of queries per CHUNK agencies."""
    pairs = set(pairs)
    by_agency = defaultdict(set)
    for partnership_id, agency_id in pairs:
        by_agency[agency_id].add(partnership_id)
    extra = set(partnership_ids)
    perms = _permission_ids()
    for chunk in _chunks(set(agency_ids) | set(by_agency)) or [[]]:
        chunk_pairs = {(p, a) for a in chunk for p in by_agency[a]}
        _chunk_sync(perms, chunk_pairs, {p for p, _ in chunk_pairs} | extra, chunk)
        extra = set()


def role_groups_create(scope_object):
    """Create every role group of a new partnership or agency, with exactly the
    permissions their roles hold on the partnership or agency itself."""
    if isinstance(scope_object, Partnership):
        grants_sync(partnership_ids=[scope_object.pk])
    else:
        grants_sync(agency_ids=[scope_object.pk])


def designation_grants_sync(partnership, agency):
    """Bring the grants between a partnership and one agency in line with whether the
    agency is designated in the partnership today."""
    grants_sync({(partnership.pk, agency.pk)})


def _designation_pairs(designations):
    return set(designations.order_by().values_list("partnership_id", "agency_id").distinct())


def partnership_grants_sync(partnership):
    """The same for every agency that is or was designated in the partnership."""
    grants_sync(_designation_pairs(Designation.objects.filter(partnership=partnership)),
                partnership_ids=[partnership.pk])


def users_groups_sync(user_ids):
    """Put each of these people in the groups of the roles they hold today, and out of the
    others. A bounded number of queries per CHUNK people."""
    with transaction.atomic():
        for chunk in _chunks(set(user_ids)):
            _users_chunk_sync(chunk)


def _users_chunk_sync(user_ids):
    active = set(User.objects.filter(pk__in=user_ids, is_active=True).order_by()
                 .values_list("pk", flat=True))
    wanted = defaultdict(set)
    if active:
        for model, scope, cls in ((PartnershipMembership, "partnership", Partnership),
                                  (AgencyMembership, "agency", Agency)):
            for user_id, scope_id, role in model.objects.active().filter(
                    user_id__in=active).order_by().values_list("user_id", f"{scope}_id", "role"):
                wanted[user_id].add(roles.group_name(cls(pk=scope_id), roles.get(role)))
    through = User.groups.through
    current = {(user_id, name): pk for pk, user_id, name in through.objects.filter(
        user_id__in=user_ids, group__name__regex=r"^[pa][0-9]+:").values_list(
        "pk", "user_id", "group__name")}
    stale = [pk for (user_id, name), pk in current.items() if name not in wanted[user_id]]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    missing = {(user_id, name) for user_id, names in wanted.items() for name in names} - set(current)
    if missing:
        groups = dict(Group.objects.filter(name__in={name for _, name in missing})
                      .values_list("name", "pk"))
        through.objects.bulk_create(through(user_id=user_id, group_id=groups[name])
                                    for user_id, name in missing if name in groups)


def user_groups_sync(user):
    """Put a person in the groups of the roles they hold today, and out of the others."""
    users_groups_sync([user.pk])


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
    if cache.get(SYNCED_KEY, "") >= day.isoformat():  # ISO dates sort as the days do
        return 0
    with transaction.atomic():
        state, created = AccessSync.objects.select_for_update().get_or_create(
            pk=1, defaults={"synced_on": day})
        done = 0
        if created:
            access_sync_all(day)
        elif state.synced_on < day:
            crossed = _crossed(state.synced_on, day)
            pairs = _designation_pairs(Designation.objects.filter(crossed))
            user_ids = set(PartnershipMembership.objects.filter(crossed).order_by()
                           .values_list("user_id", flat=True))
            user_ids |= set(AgencyMembership.objects.filter(crossed).order_by()
                            .values_list("user_id", flat=True))
            if pairs:
                grants_sync(pairs)
            users_groups_sync(user_ids)
            done = len(pairs) + len(user_ids)
            state.synced_on = day
            state.save(update_fields=["synced_on"])
    transaction.on_commit(lambda: cache.set(SYNCED_KEY, day.isoformat(), 24 * 3600))
    return done


def access_sync_all(day=None):
    """After migrations (and when no sync has run yet): apply every designation and
    membership, and role permissions added since the groups were made."""
    grants_sync(_designation_pairs(Designation.objects.all()),
                partnership_ids=Partnership.objects.order_by().values_list("pk", flat=True),
                agency_ids=Agency.objects.order_by().values_list("pk", flat=True))
    users_groups_sync(
        set(PartnershipMembership.objects.order_by().values_list("user_id", flat=True))
        | set(AgencyMembership.objects.order_by().values_list("user_id", flat=True)))
    AccessSync.objects.update_or_create(pk=1, defaults={
        "synced_on": day or datetime.date.today()})
