"""Every access decision of the core app, in one place.

Visibility comes from django-guardian object permissions that services grant to role
groups (see roles.py). Global (model-level) permissions are never consulted and platform
superusers get nothing here: they use the admin site. A record that exists but is not the
user's is answered exactly like one that does not exist (404).
"""

import copy

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from guardian.core import ObjectPermissionChecker

from . import registry, roles
from .models import (
    Agency,
    AgencyGroupObjectPermission,
    AgencyMembership,
    ApiToken,
    ChildProtectionTeam,
    ChildProtectionTeamMember,
    Designation,
    Notification,
    Partnership,
    PartnershipGroupObjectPermission,
    PartnershipMembership,
    User,
)
from .models.dated import today
from .selectors.second_factor import has_device

GRANTS = {Agency: AgencyGroupObjectPermission, Partnership: PartnershipGroupObjectPermission}


def _objects(user, codename, klass):
    """The records of `klass` on which the user's role groups hold `codename`. Grants go to
    groups, never to single users (tests/test_access.py), so this is one semi-join on the
    group grants: no OR with the user grants, which PostgreSQL could not estimate and so
    walked every return of England to find a national agency's few."""
    if not (user.is_authenticated and user.is_active):
        return klass.objects.none()
    return klass.objects.filter(pk__in=_granted_ids(user, codename, klass))


def _granted_ids(user, codename, klass):
    """The ids, as a subquery of as few tables as it can be (PostgreSQL plans every join
    order only up to `join_collapse_limit` tables: see settings). A grant table holds only
    its model's permissions, so the codename alone names the permission."""
    groups = User.groups.through.objects.filter(user_id=user.pk).values("group_id")
    return GRANTS[klass].objects.filter(
        group_id__in=groups, permission__codename=codename).values("content_object_id")


def has_perm(user, codename, obj):
    """Whether the user's role groups hold `codename` on a partnership or agency."""
    return _has(user, codename, obj)


def agencies_with(user, codename):
    """Agencies on which the user's role groups hold `codename` (for agency-scoped data)."""
    return _objects(user, codename, Agency)


def _has(user, codename, obj):
    if not (user.is_authenticated and user.is_active):
        return False
    return _checker(user).has_perm(codename, obj)


def _checker(user):
    """One permission checker per user object (a request's user lives for one request), so
    that a page asking several questions about the same record reads its grants once."""
    checker = getattr(user, "_object_permission_checker", None)
    if checker is None:
        subject = user
        if user.is_superuser:  # guardian's checker grants a superuser everything: here only
            subject = copy.copy(user)  # roles count, so it checks a copy without the flag
            subject.is_superuser = False
        checker = user._object_permission_checker = ObjectPermissionChecker(subject)
    return checker


def prefetch(user, objects):
    """Reads the user's grants on all these partnerships (or all these agencies) at once, in
    two queries, so that the per-partnership questions asked about them afterwards
    (has_perm, every app's can_...) ask the database nothing: a list across all of a
    person's partnerships then costs the same for one partnership as for 150."""
    objects = list(objects)
    if objects and user.is_authenticated and user.is_active:
        _checker(user).prefetch_perms(objects)
    return objects


def within(partnerships, field="partnership", decide=None):
    """A condition on rows: their `field` is one of `partnerships` (a list, whose grants
    prefetch() has read) for which `decide(partnership)` holds, or any of them without it.
    Each app's lists across partnerships (its `..._across`) build their one query from these,
    asking the app's own per-partnership questions (`can_view`, ...) at no cost."""
    return Q(**{f"{field}__in": [p.pk for p in partnerships if decide is None or decide(p)]})


def designated_there(partnership="partnership", agency="agency"):
    """A condition on rows: their agency (`agency`, a field path) is designated today in
    their partnership (`partnership`): an agency's own rows count only where it serves."""
    return Q(Exists(Designation.objects.active().filter(
        partnership=OuterRef(partnership), agency=OuterRef(agency))))


def partnerships_for(user):
    """The partnerships a user takes part in, through a role or through their agency."""
    return _objects(user, roles.VIEW_PARTNERSHIP, Partnership)


def partnership_for(user, slug):
    try:
        return partnerships_for(user).get(slug=slug)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None


def agencies_for(user, partnership=None):
    """Agencies the user may see: all agencies of a partnership for its role holders, and
    only their own agency for agency staff. Limited to those in `partnership` if given."""
    agencies = _objects(user, roles.VIEW_AGENCY, Agency)
    if partnership is not None:
        agencies = agencies.filter(
            pk__in=Designation.objects.active().filter(partnership=partnership).values("agency_id")
        )
    return agencies


def agency_for(user, partnership, pk):
    try:
        return agencies_for(user, partnership).get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agency") from None


def openable_agencies(user, partnership):
    """The ids of the partnership's agencies whose page the user may open (agency_for), in
    one query for a whole list: a list shows these as links and the others as text."""
    return set(agencies_for(user, partnership).values_list("pk", flat=True))


def membership_for(user, partnership, kind, pk):
    """A role held in the partnership (kind "partnership") or in one of its agencies
    (kind "agency"), for the people who manage the partnership's members."""
    require_manage_members(user, partnership)
    if kind == "partnership":
        memberships = PartnershipMembership.objects.filter(partnership=partnership)
    else:
        memberships = AgencyMembership.objects.filter(
            agency_id__in=Designation.objects.active().filter(partnership=partnership)
            .values("agency_id")
        )
    try:
        return memberships.select_related("user").get(pk=pk)
    except (PartnershipMembership.DoesNotExist, AgencyMembership.DoesNotExist):
        raise Http404("No such role") from None


def can_manage_members(user, partnership):
    return _has(user, roles.MANAGE_MEMBERS, partnership)


def can_change_agency(user, agency):
    return _has(user, roles.CHANGE_AGENCY, agency)


def can_view_agency_people(user, agency):
    return _has(user, roles.VIEW_AGENCY_PEOPLE, agency)


def require_manage_members(user, partnership):
    """Business unit pages. Outsiders never get this far (the partnership answers 404);
    people who can see the partnership but not manage it get 403."""
    if not can_manage_members(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can manage people.")


def require_change_agency(user, agency):
    if not can_change_agency(user, agency):
        raise PermissionDenied("Only the partnership's business unit can edit agencies.")


def _serves_only(agency, partnership):
    return set(Designation.objects.active().filter(agency=agency)
               .values_list("partnership_id", flat=True)) == {partnership.pk}


def can_change_organisation(user, partnership, agency):
    """Renaming an agency, or merging it into another, changes how every partnership it
    serves names it. So the business unit takes the step only for an agency that serves its
    partnership alone; one serving several (a police force, an ICB) is renamed or merged by
    the platform's administrators in the admin site."""
    return can_change_agency(user, agency) and _serves_only(agency, partnership)


def require_change_organisation(user, partnership, agency):
    require_change_agency(user, agency)
    if not _serves_only(agency, partnership):
        raise PermissionDenied(f"{agency.name} serves more than one partnership: the "
                               "platform's administrators record its new name or merger.")


def partnership_with(user, slug, codename):
    """The partnership, for those who hold `codename` on it only: 404 for anyone else, as
    for a partnership that does not exist (each app's `partnership_for_readers`)."""
    partnership = partnership_for(user, slug)
    if not _has(user, codename, partnership):
        raise Http404("No such page")
    return partnership


def partnerships_with(user, codename):
    """Partnerships on which the user's role groups hold `codename`."""
    return _objects(user, codename, Partnership)


# --- Who signs off the key documents (domain.md, corrections of 2 December 2026, item 4) ---
# The lead safeguarding partners sign off the published arrangements and threshold document,
# the shared funding, practice review reports and the yearly report. A delegated partner acts
# for them day to day (prepares, recommends) but a sign-off recorded as the lead partners'
# must be a lead partner's. Every app asks here, so that the rule is written once.

def lead_partner_memberships(user, partnership):
    """The user's current lead safeguarding partner roles in the partnership, each naming a
    statutory partner designated there now (agency selected), sorted by agency name."""
    if not (user.is_authenticated and user.is_active):
        return []
    statutory = Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id")
    return sorted(PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role="lead_safeguarding_partner",
        agency_id__in=statutory).select_related("agency"), key=lambda m: m.agency.name)


def lead_partner_agencies(user, partnership):
    """The statutory partners this user may sign a key document off for (lead only)."""
    return [m.agency for m in lead_partner_memberships(user, partnership)]


def statutory_partners(partnership, on=None):
    """The partnership's statutory partner agencies in force on a day (today by default), by
    name (one query)."""
    return list(Agency.objects.filter(pk__in=Designation.objects.active(on).filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id"))
        .order_by("name"))


def statutory_partners_of(partnerships, on=None):
    """{partnership id: the ids of its statutory partner agencies in force on a day}, for
    several partnerships in one query."""
    found = {p.pk: set() for p in partnerships}
    for partnership_id, agency_id in Designation.objects.active(on).filter(
            partnership_id__in=list(found), kind__in=Designation.STATUTORY_KINDS).values_list(
            "partnership_id", "agency_id"):
        found[partnership_id].add(agency_id)
    return found


def capacity(membership):
    """How a signature is recorded: the office, the role and the partner acted for, e.g.
    "Chief Executive, lead safeguarding partner for North Yorkshire Council"."""
    role = membership.get_role_display().lower()
    who = f"{role} for {membership.agency.name}" if membership.agency_id else role
    return f"{membership.title}, {who}" if membership.title else who[0].upper() + who[1:]


def education_partner_memberships(user, partnership):
    """Where a partnership treats education as a fourth partner in its own governance
    (Partnership.education_partner): the user's lead partner roles acting for that agency.
    Such a signature is recorded beside the three statutory ones; it never stands in for one."""
    if not (user.is_authenticated and user.is_active) or not partnership.education_partner_id:
        return []
    return list(PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role="lead_safeguarding_partner",
        agency_id=partnership.education_partner_id).select_related("agency"))


# --- Designations, the education partner and child protection teams (CWSA 2026) ---

def can_manage_designations(user, partnership):
    """Designating agencies, their reasons and the education partner: the business unit."""
    return _has(user, roles.MANAGE_MEMBERS, partnership)


def require_manage_designations(user, partnership):
    if not can_manage_designations(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can designate agencies.")


def designation_for(user, partnership, pk):
    """A current designation in the partnership, for the business unit to change."""
    require_manage_designations(user, partnership)
    try:
        return Designation.objects.active().select_related("agency").get(
            partnership=partnership, pk=pk)
    except (Designation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such designation") from None


def sees_education_warning(user, partnership):
    """The business unit and the lead and delegated safeguarding partners are told when the
    partnership has no designated childcare or education agency."""
    return can_manage_designations(user, partnership) or (
        user.is_authenticated and user.is_active
        and PartnershipMembership.objects.active().filter(
            user=user, partnership=partnership, role__in=roles.PARTNER_ROLES).exists())


def can_view_child_protection_teams(user, partnership):
    """The partnership's own roles (business unit, partners, chair, scrutineer); not agency
    staff, for whom the teams answer 404."""
    return _has(user, roles.VIEW_GOVERNANCE, partnership)


def can_manage_child_protection_teams(user, partnership):
    return _has(user, roles.MANAGE_GOVERNANCE, partnership)


def require_view_child_protection_teams(user, partnership):
    if not can_view_child_protection_teams(user, partnership):
        raise Http404("No such page")


def require_manage_child_protection_teams(user, partnership):
    require_view_child_protection_teams(user, partnership)
    if not can_manage_child_protection_teams(user, partnership):
        raise PermissionDenied("Only the partnership's business unit records child protection "
                               "teams.")


def child_protection_team_for(user, partnership, pk):
    require_view_child_protection_teams(user, partnership)
    try:
        return ChildProtectionTeam.objects.select_related("local_authority_area").get(
            partnership=partnership, pk=pk)
    except (ChildProtectionTeam.DoesNotExist, ValueError, TypeError):
        raise Http404("No such team") from None


def child_protection_member_for(team, pk):
    try:
        return team.members.select_related("agency").get(pk=pk)
    except (ChildProtectionTeamMember.DoesNotExist, ValueError, TypeError):
        raise Http404("No such member") from None


def notification_for(user, pk):
    """One of the person's own notifications; anyone else's answers 404, as a missing one."""
    try:
        return Notification.objects.get(recipient_id=user.pk, pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404("No such notification") from None


# --- Second factors (issue 15): who must have one, and whether this session used one ---

def _second_factor_holders():
    """A condition on users: the people who must sign in with a second factor. Platform
    staff; anyone holding a role whose `second_factor` is always (roles.py: the business
    unit, partners, chair, scrutineer, agency chief officers); agency leads and contributors
    whose agency serves a partnership asking it of agency staff; and whoever an app's rule
    names (partnership.registry: reviews' current case grants)."""
    user = OuterRef("pk")
    agency_roles = AgencyMembership.objects.active().filter(user=user)
    strict = Designation.objects.active().filter(
        partnership__agency_staff_mfa_required=True).values("agency_id")
    condition = (
        Q(is_staff=True)
        | Q(Exists(PartnershipMembership.objects.active().filter(
            user=user, role__in=roles.SECOND_FACTOR_ROLES)))
        | Q(Exists(agency_roles.filter(role__in=roles.SECOND_FACTOR_ROLES)))
        | Q(Exists(agency_roles.filter(role__in=roles.SECOND_FACTOR_BY_PARTNERSHIP_ROLES,
                                       agency_id__in=strict)))
    )
    for rule in registry.second_factor_rules():
        condition |= rule()
    return condition


def mfa_required(user):
    """Whether the person must sign in with a second factor (TOTP app, passkey or security
    key): the one place this is decided. One query, kept on the user object for the rest of
    the request."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    required = getattr(user, "_mfa_required", None)
    if required is None:
        required = user._mfa_required = User.objects.filter(pk=user.pk).filter(
            _second_factor_holders()).exists()
    return required


def session_has_second_factor(request):
    """Whether this session was signed in (or since confirmed) with a second factor: allauth
    records one after a TOTP code, a passkey or a recovery code, and single sign-on records one
    when the provider's own multi-factor sign-in counts (its `amr` claim)."""
    return any(record.get("method") == "mfa"
               for record in get_authentication_records(request, request.user))


def person_for_second_factor_reset(user, partnership, pk):
    """Someone whose second factor the business unit may reset: a person holding a role in
    the partnership or in one of its agencies (today or from a later date). Platform staff
    are left to the platform's administrators. Anyone else answers 404; oneself, 403 (one's
    own are changed on one's second factor pages, which ask for one of them first)."""
    require_manage_members(user, partnership)
    if str(pk) == str(user.pk):
        raise PermissionDenied("Change your own second factor on your second factor pages.")
    agencies = Designation.objects.active().filter(partnership=partnership).values("agency_id")
    not_ended = Q(end_date__isnull=True) | Q(end_date__gte=today())
    people = User.objects.filter(is_staff=False).filter(
        Q(Exists(PartnershipMembership.objects.filter(
            not_ended, user=OuterRef("pk"), partnership=partnership)))
        | Q(Exists(AgencyMembership.objects.filter(
            not_ended, user=OuterRef("pk"), agency_id__in=agencies))))
    try:
        return people.get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person") from None


def api_token_for(user, pk):
    """One of the person's own API tokens that has not expired; anyone else's answers 404, as
    a missing one."""
    try:
        return ApiToken.objects.get(user_id=user.pk, pk=pk, expiry__gt=timezone.now())
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404("No such API token") from None


API_NEEDS_SECOND_FACTOR = (
    "Your role needs a second factor before you can use the API. Sign in to the portal and set "
    "up an authenticator app or a passkey, then ask for a token again with its code.")


def require_api_token_sign_in(user):
    """Someone who must have a second factor (mfa_required) gets an API token only once they
    have one, whose code the token endpoint then asks for: 403 until they set one up (when
    second factors are enforced, MFA_ENFORCED, as for the pages)."""
    if settings.MFA_ENFORCED and mfa_required(user) and not has_device(user):
        raise PermissionDenied(API_NEEDS_SECOND_FACTOR)
