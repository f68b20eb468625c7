"""Reads of the core app that are more than a `get`. Callers pass what the user may see
(from permissions.py); selectors shape it in a fixed number of queries."""

from collections import defaultdict

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When

from .. import roles
from ..models import (
    Agency,
    AgencyMembership,
    Designation,
    PartnershipMembership,
    Sector,
    User,
)
from ..models.dated import today


def _active_designations(partnership):
    return Designation.objects.active().filter(partnership=partnership)


# The agency list's headings, in order: a statutory partner, a designated childcare or
# education agency, a relevant agency.
STATUTORY, EDUCATION, RELEVANT = 0, 1, 2
PARTICIPATION = {STATUTORY: "Statutory safeguarding partners",
                 EDUCATION: "Designated childcare and education agencies",
                 RELEVANT: "Relevant agencies"}


def with_participation(agencies, partnership):
    """The agencies annotated with `participation` (STATUTORY, EDUCATION or RELEVANT): how
    each takes part in the partnership today, the first of its designations' kinds."""
    rank = Case(When(kind__in=Designation.STATUTORY_KINDS, then=Value(STATUTORY)),
                When(kind=Designation.Kind.EDUCATION, then=Value(EDUCATION)),
                default=Value(RELEVANT), output_field=IntegerField())
    first = (Designation.objects.active().filter(partnership=partnership, agency=OuterRef("pk"))
             .annotate(rank=rank).order_by("rank").values("rank")[:1])
    return agencies.annotate(participation=Subquery(first, output_field=IntegerField()))


def participation_counts(agencies):
    """How many of the agencies (with_participation) come under each heading (one query)."""
    counts = dict.fromkeys(PARTICIPATION, 0)
    counts.update(agencies.order_by().values_list("participation").annotate(n=Count("pk")))
    return counts


def agency_list(*, agencies, partnership):
    """Agencies (a visible queryset) with their designation in `partnership`, statutory
    partners first, then designated childcare and education agencies, then relevant
    agencies (`participation`), by name: a lazy queryset to page through."""
    return with_participation(agencies, partnership).prefetch_related(
        Prefetch("designations", queryset=_active_designations(partnership),
                 to_attr="designations_here")
    ).order_by("participation", "name")


def partnership_overview(partnership):
    """The three statutory partners with their lead and delegated officers, the designated
    childcare and education agencies, and the relevant agencies grouped by sector."""
    designations = list(_active_designations(partnership).select_related("agency"))
    officers = defaultdict(list)
    for membership in (
        PartnershipMembership.objects.active()
        .filter(partnership=partnership, role__in=roles.PARTNER_ROLES)
        .select_related("user")
        .order_by("role", "user__full_name")
    ):
        officers[membership.agency_id].append(membership)
    partners = []
    for designation in designations:
        if designation.is_statutory:
            held = officers.get(designation.agency_id, [])
            partners.append({
                "designation": designation,
                "leads": [m for m in held if m.role == "lead_safeguarding_partner"],
                "delegates": [m for m in held if m.role == "delegated_safeguarding_partner"],
            })
    kind_order = list(Designation.STATUTORY_KINDS)
    partners.sort(key=lambda p: kind_order.index(p["designation"].kind))
    by_sector = defaultdict(list)
    for designation in designations:
        if designation.kind == Designation.Kind.RELEVANT_AGENCY:
            by_sector[designation.agency.sector].append(designation)
    sectors = [
        {"sector": label, "designations": by_sector[value]}
        for value, label in Sector.choices if by_sector.get(value)
    ]
    others = PartnershipMembership.objects.active().filter(
        partnership=partnership, role__in=("partnership_chair", "independent_scrutineer")
    ).select_related("user")
    education = sorted((d for d in designations if d.kind == Designation.Kind.EDUCATION),
                       key=lambda d: d.agency.name)
    return {"partners": partners, "sectors": sectors, "relevant_count": sum(
        len(s["designations"]) for s in sectors), "office_holders": list(others),
        "education": education}


def agency_people(agency):
    return list(AgencyMembership.objects.active().filter(agency=agency).select_related("user"))


def people_list(partnership):
    """Everyone holding a role in the partnership or in one of its agencies, today or
    from a later start date (the agency roles: a lazy queryset to page through)."""
    agency_ids = _active_designations(partnership).values("agency_id")
    current = PartnershipMembership.objects.filter(partnership=partnership)
    partnership_roles = current.exclude(end_date__lt=today()).select_related("user", "agency")
    agency_roles = (
        AgencyMembership.objects.filter(agency_id__in=agency_ids)
        .exclude(end_date__lt=today()).select_related("user", "agency")
    )
    return {
        "partnership_roles": list(partnership_roles.order_by("role", "user__full_name")),
        "agency_roles": agency_roles.order_by("agency__name", "role", "user__full_name", "pk"),
    }


def user_roles(user):
    """The roles a person holds today, for their home page and the API."""
    return {
        "partnership_roles": list(
            PartnershipMembership.objects.active().filter(user=user)
            .select_related("partnership", "agency")
        ),
        "agency_roles": list(
            AgencyMembership.objects.active().filter(user=user).select_related("agency")
        ),
    }


def user_agencies(user):
    return Agency.objects.filter(
        pk__in=AgencyMembership.objects.active().filter(user=user).values("agency_id")
    ).order_by("name")


def agencies_without_lead(partnership):
    led = AgencyMembership.objects.active().filter(role="agency_lead").values("agency_id")
    return Agency.objects.filter(
        pk__in=_active_designations(partnership).values("agency_id")
    ).exclude(pk__in=led)


def partners_missing_officers(partnership):
    """Statutory partners with no lead or no delegated safeguarding partner recorded today."""
    held = PartnershipMembership.objects.active().filter(partnership=partnership)
    return [
        d for d in _active_designations(partnership).filter(kind__in=Designation.STATUTORY_KINDS)
        .select_related("agency")
        if not (held.filter(agency_id=d.agency_id, role="lead_safeguarding_partner").exists()
                and held.filter(agency_id=d.agency_id, role="delegated_safeguarding_partner")
                .exists())
    ]


def led_agencies_without_chief_officer(user, partnership):
    """Agencies in the partnership that `user` leads and that have no chief officer to sign
    off their returns."""
    chiefs = AgencyMembership.objects.active().filter(role="agency_chief_officer")
    return Agency.objects.filter(
        pk__in=AgencyMembership.objects.active().filter(user=user, role="agency_lead")
        .values("agency_id"),
    ).filter(
        pk__in=_active_designations(partnership).values("agency_id")
    ).exclude(pk__in=chiefs.values("agency_id")).order_by("name")


def pending_invitations(partnership):
    """People with a role here who have not yet set a password."""
    agency_ids = _active_designations(partnership).values("agency_id")
    in_partnership = Q(
        pk__in=PartnershipMembership.objects.filter(partnership=partnership).values("user_id")
    ) | Q(pk__in=AgencyMembership.objects.filter(agency_id__in=agency_ids).values("user_id"))
    return User.objects.filter(in_partnership, password__startswith=UNUSABLE_PASSWORD_PREFIX, is_active=True)
