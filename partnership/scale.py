"""A deployment N times the demo, for the benchmark (`manage.py generate_scale`): the
partnerships, agencies, designations and people, and the grants access.py would write for
them, written in bulk. The records (returns, meetings, actions...) are in scale_records.py.

At N=100: 150 partnerships, ~41,500 agencies (~20,000 schools). CAFCASS and the
Probation Service are designated in every partnership; a police force, an NHS integrated
care board and NHS trusts each serve several. Every agency has a lead; every partnership a
manager, an officer, a scrutineer and three lead safeguarding partners.
"""

import datetime
import math
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from . import roles
from .models import (
    AccessSync,
    Agency,
    AgencyGroupObjectPermission,
    AgencyMembership,
    Designation,
    LocalAuthorityArea,
    Partnership,
    PartnershipGroupObjectPermission,
    PartnershipMembership,
    User,
)
from .models import Sector as S

BATCH = 5000
YEARS = 10
EMAIL = "@scale.example"
# The benchmark's three people (scripts/bench signs in as them).
PERSONAS = {
    "manager": "manager.area-001" + EMAIL,
    "national_lead": "lead.cafcass" + EMAIL,
    "scrutineer": "scrutineer.area-001" + EMAIL,
}
NATIONAL = ("CAFCASS", "Probation Service")
OTHER_KINDS = [("GP practice", S.HEALTH), ("Voluntary organisation", S.VOLUNTARY),
               ("Early years provider", S.EDUCATION), ("Housing provider", S.PUBLIC_SERVICES),
               ("Youth service", S.LOCAL_GOVERNMENT), ("Faith group", S.FAITH_SPORT),
               ("Sports club", S.FAITH_SPORT), ("Fire and rescue station", S.PUBLIC_SERVICES)]
K = Designation.Kind


@dataclass(frozen=True)
class Plan:
    partnerships: int
    police: int
    icbs: int
    trusts: int
    local: int  # agencies of one partnership alone, its council included
    schools: int

    @classmethod
    def of(cls, factor, partnerships=None):
        count = partnerships or max(1, round(1.5 * factor))
        police = icbs = max(1, math.ceil(count / 3.5))
        trusts = max(1, math.ceil(count / 2))
        local = max(6, round((415 * factor - 2 - police - icbs - trusts) / count))
        return cls(count, police, icbs, trusts, local, round(local * 0.48))


def first_year(today=None):
    """The first of the ten financial years (April to March), the last being this one."""
    today = today or datetime.date.today()
    return (today.year if today.month >= 4 else today.year - 1) - YEARS + 1


def bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=BATCH)


class Timer:
    def __init__(self, stdout):
        self.stdout, self.start = stdout, time.perf_counter()

    def step(self, message):
        now = time.perf_counter()
        self.stdout.write(f"  {now - self.start:7.1f} s  {message}")
        self.stdout.flush()


def structure(plan, start):
    """Partnerships, agencies and designations. Returns [(partnership, {kind: [agency]})]."""
    shared = {
        "national": bulk(Agency, [Agency(name=n, sector=S.POLICE_JUSTICE) for n in NATIONAL]),
        "police": bulk(Agency, [Agency(name=f"Police Force {i + 1:02d}", sector=S.POLICE_JUSTICE)
                                for i in range(plan.police)]),
        "icb": bulk(Agency, [Agency(name=f"NHS Integrated Care Board {i + 1:02d}",
                                    sector=S.HEALTH) for i in range(plan.icbs)]),
        "trust": bulk(Agency, [Agency(name=f"NHS Foundation Trust {i + 1:03d}", sector=S.HEALTH)
                               for i in range(plan.trusts)]),
    }
    partnerships = bulk(Partnership, [
        Partnership(name=f"Area {i + 1:03d} Safeguarding Children Partnership",
                    short_name=f"A{i + 1:03d}SCP", slug=f"area-{i + 1:03d}")
        for i in range(plan.partnerships)])
    areas = bulk(LocalAuthorityArea, [LocalAuthorityArea(name=f"Area {p.slug[5:]}")
                                      for p in partnerships])
    Partnership.local_authority_areas.through.objects.bulk_create([
        Partnership.local_authority_areas.through(partnership=p, localauthorityarea=a)
        for p, a in zip(partnerships, areas, strict=True)])
    local = []
    for p in partnerships:
        area = p.name.split(" Safeguarding")[0]
        local.append(Agency(name=f"{area} Council", sector=S.LOCAL_GOVERNMENT))
        local += [Agency(name=f"{area} School {j + 1:03d}", sector=S.EDUCATION)
                  for j in range(plan.schools)]
        for j in range(plan.local - plan.schools - 1):
            kind, sector = OTHER_KINDS[j % len(OTHER_KINDS)]
            local.append(Agency(name=f"{area} {kind} {j + 1:03d}", sector=sector))
    local = iter(bulk(Agency, local))
    layout, designations = [], []
    for i, p in enumerate(partnerships):
        mine = {"council": [next(local)], "school": [next(local) for _ in range(plan.schools)],
                "other": [next(local) for _ in range(plan.local - plan.schools - 1)],
                "police": [shared["police"][i % plan.police]],
                "icb": [shared["icb"][i % plan.icbs]], "national": shared["national"],
                "trust": list({shared["trust"][(i + k) % plan.trusts].pk:
                               shared["trust"][(i + k) % plan.trusts] for k in range(3)}.values())}
        layout.append((p, mine))
        kinds = {"council": (K.LOCAL_AUTHORITY, "Statutory partner"),
                 "police": (K.POLICE, "Statutory partner"),
                 "icb": (K.NHS_COMMISSIONER, "Statutory partner"),
                 "national": (K.RELEVANT_AGENCY, "Criminal Justice"),
                 "trust": (K.RELEVANT_AGENCY, "Health"), "school": (K.EDUCATION, "Schools"),
                 "other": (K.RELEVANT_AGENCY, "Local services")}
        for key, (kind, category) in kinds.items():
            designations += [Designation(partnership=p, agency=a, kind=kind, start_date=start,
                                         local_category=category) for a in mine[key]]
    bulk(Designation, designations)
    return layout


def people(layout, password, start):
    """Staff and partners of every partnership, a lead for every agency. Returns
    [(membership model, user, scope object, role)]."""
    hashed = make_password(password)
    users, held, seen = [], [], set()

    def person(email, name, role, scope_object, agency=None):
        user = User(email=email, full_name=name, password=hashed,
                    job_title=roles.get(role).label)
        users.append(user)
        held.append((user, role, scope_object, agency))

    for p, mine in layout:
        area = p.slug
        person(f"manager.{area}{EMAIL}", f"Manager {area}", "business_unit_manager", p)
        person(f"officer.{area}{EMAIL}", f"Officer {area}", "business_unit_officer", p)
        person(f"scrutineer.{area}{EMAIL}", f"Scrutineer {area}", "independent_scrutineer", p)
        for key in ("council", "police", "icb"):
            person(f"partner.{key}.{area}{EMAIL}", f"Partner {key} {area}",
                   "lead_safeguarding_partner", p, mine[key][0])
        for agencies in mine.values():
            for agency in agencies:
                if agency.pk not in seen:
                    seen.add(agency.pk)
                    email = (PERSONAS["national_lead"] if agency.name == "CAFCASS"
                             else f"lead.a{agency.pk}{EMAIL}")
                    person(email, f"Lead of {agency.name}", "agency_lead", agency)
    bulk(User, users)
    memberships = []
    for user, role, scope_object, agency in held:
        if isinstance(scope_object, Partnership):
            memberships.append(PartnershipMembership(
                user=user, partnership=scope_object, role=role, agency=agency, start_date=start))
        else:
            memberships.append(AgencyMembership(user=user, agency=scope_object, role=role,
                                                start_date=start))
    bulk(PartnershipMembership, [m for m in memberships if isinstance(m, PartnershipMembership)])
    bulk(AgencyMembership, [m for m in memberships if isinstance(m, AgencyMembership)])
    return held


def grants(layout, held):
    """The groups, object permissions and group memberships access.py writes for today's
    designations and memberships (every one here is active), in bulk."""
    perms = {(c, m): pk for pk, c, m in Permission.objects.filter(
        content_type__app_label="partnership").values_list(
        "pk", "codename", "content_type__model")}
    partnerships = [p for p, _ in layout]
    agencies = {a.pk: a for _, mine in layout for group in mine.values() for a in group}
    scope_objects = partnerships + list(agencies.values())
    groups = {g.name: g for g in bulk(Group, [
        Group(name=roles.group_name(obj, role)) for obj in scope_objects for role in roles.ROLES
        if role.scope == (roles.Scope.PARTNERSHIP if isinstance(obj, Partnership)
                          else roles.Scope.AGENCY)])}

    def group(obj, role):
        return groups[roles.group_name(obj, role)].pk

    on_partnership = [PartnershipGroupObjectPermission(
        group_id=group(p, role), permission_id=perms[(c, "partnership")], content_object=p)
        for p in partnerships for role in roles.PARTNERSHIP_ROLES for c in role.partnership_perms]
    on_agency = [AgencyGroupObjectPermission(
        group_id=group(a, role), permission_id=perms[(c, "agency")], content_object=a)
        for a in agencies.values() for role in roles.AGENCY_ROLES for c in role.agency_perms]
    for p, mine in layout:
        for a in {a.pk: a for group_ in mine.values() for a in group_}.values():
            on_agency += [AgencyGroupObjectPermission(
                group_id=group(p, role), permission_id=perms[(c, "agency")], content_object=a)
                for role in roles.PARTNERSHIP_ROLES for c in role.agency_perms]
            on_partnership += [PartnershipGroupObjectPermission(
                group_id=group(a, role), permission_id=perms[(c, "partnership")],
                content_object=p)
                for role in roles.AGENCY_ROLES for c in role.partnership_perms]
    bulk(PartnershipGroupObjectPermission, on_partnership)
    bulk(AgencyGroupObjectPermission, on_agency)
    through = User.groups.through
    bulk(through, [through(user_id=user.pk, group_id=group(scope_object, roles.get(role)))
                   for user, role, scope_object, _ in held])
    AccessSync.objects.update_or_create(pk=1, defaults={"synced_on": datetime.date.today()})
    return len(groups), len(on_partnership) + len(on_agency)
