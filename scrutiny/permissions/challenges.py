"""Access to scrutiny activities, findings, report sections and the challenge log."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnership import permissions as core
from partnership import roles

from .common import can_manage, can_view

# ---------------------------------------------------------------- scrutiny activities and the challenge log
#
# - Activities, findings and the scrutineer's report sections: the partnership's scrutiny
#   readers (VIEW_SCRUTINY) see them; the scrutineer and the business unit write them
#   (MANAGE_SCRUTINY, 403 for other readers); anyone else gets 404.
# - Challenges are addressed to statutory partners only (the agencies designated as the
#   local authority, the police or the NHS commissioner; relevant agencies such as schools
#   are not partners and cannot be addressed). The scrutiny readers see every challenge of
#   the partnership; an agency's lead or chief officer (RESPOND_AGENCY_CHALLENGES on it)
#   sees only the challenges addressed to their agency (404 for the others).
# - Raising: RAISE_CHALLENGES (scrutineer, partners, chair, business unit).
# - Responding, per addressed agency: its lead or chief officer, or a lead/delegated
#   safeguarding partner whose membership is for that agency; the business unit may record
#   a response on the partner's behalf (marked as such).
# - Judging and closing: whoever raised it, or MANAGE_SCRUTINY.

BUSINESS_UNIT_ROLES = ("business_unit_manager", "business_unit_officer")


def _scrutiny_models():
    from ..models import Challenge, ChallengeAddressee, ReportSection, ScrutinyActivity

    return Challenge, ChallengeAddressee, ReportSection, ScrutinyActivity


def _get(queryset, pk, message):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(message) from None


def activities_across(user, partnerships):
    ScrutinyActivity = _scrutiny_models()[3]
    return ScrutinyActivity.objects.filter(
        core.within(partnerships, decide=lambda p: can_view(user, p)))


def activities_for(user, partnership):
    return activities_across(user, [partnership])


def activity_for(user, partnership, pk):
    return _get(activities_for(user, partnership), pk, "No such activity")


def sections_for(user, partnership):
    ReportSection = _scrutiny_models()[2]
    if not can_view(user, partnership):
        return ReportSection.objects.none()
    return ReportSection.objects.filter(partnership=partnership)


def section_for(user, partnership, pk):
    return _get(sections_for(user, partnership), pk, "No such section")


def challenge_agencies(user):
    """Agencies whose challenges the user answers as its lead or chief officer."""
    return core.agencies_with(user, roles.RESPOND_AGENCY_CHALLENGES)


def partner_agency_ids(user, partnership):
    """The agencies a lead or delegated safeguarding partner acts for in the partnership."""
    from partnership.models import PartnershipMembership

    if not (user.is_authenticated and user.is_active):
        return set()
    return set(PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role__in=roles.PARTNER_ROLES,
        agency__isnull=False).values_list("agency_id", flat=True))


def is_business_unit(user, partnership):
    from partnership.models import PartnershipMembership

    if not (user.is_authenticated and user.is_active):
        return False
    return PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role__in=BUSINESS_UNIT_ROLES).exists()


def sees_challenges(user, partnership):
    """Whether the user has a challenge log in this partnership at all."""
    from partnership.models import Designation

    return can_view(user, partnership) or challenge_agencies(user).filter(
        pk__in=Designation.objects.active().filter(
            partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id"),
    ).exists()


def challenges_across(user, partnerships):
    """The challenges of these partnerships the user may see, in one query: the whole log
    for the partnership's scrutiny readers; elsewhere those addressed to their agencies."""
    Challenge = _scrutiny_models()[0]
    partnerships = list(partnerships)
    seen = core.within(partnerships, decide=lambda p: can_view(user, p))
    if user.is_authenticated and user.is_active:
        seen |= Q(pk__in=Challenge.objects.filter(
            addressees__agency__in=challenge_agencies(user)).values("pk"))
    return Challenge.objects.filter(core.within(partnerships)).filter(seen)


def challenges_for(user, partnership):
    return challenges_across(user, [partnership])


def challenge_for(user, partnership, pk):
    return _get(challenges_for(user, partnership), pk, "No such challenge")


def challenge_partnership(user, slug):
    """The partnership, for those who have a challenge log in it (404 for anyone else)."""
    partnership = core.partnership_for(user, slug)
    if not sees_challenges(user, partnership):
        raise Http404("No such page")
    return partnership


def can_raise(user, partnership):
    return core.has_perm(user, roles.RAISE_CHALLENGES, partnership)


def require_raise(user, partnership):
    if not can_raise(user, partnership):
        raise PermissionDenied("Only the scrutineer, the partners, the chair and the business "
                               "unit raise challenges.")


def respond_agencies(user, challenge):
    """The addressed agencies of a challenge the user may respond for, as
    {agency_id: on_behalf}: their own (False), or any, for the business unit (True)."""
    partnership = challenge.partnership
    addressed = [a.agency_id for a in challenge.addressees.all()]
    own = set(challenge_agencies(user).filter(pk__in=addressed).values_list("pk", flat=True))
    own |= partner_agency_ids(user, partnership) & set(addressed)
    result = dict.fromkeys(own, False)
    if is_business_unit(user, partnership):
        for pk in addressed:
            result.setdefault(pk, True)
    return result


def require_respond(user, challenge, agency_id):
    on_behalf = respond_agencies(user, challenge).get(agency_id)
    if on_behalf is None:
        raise PermissionDenied("Only the addressed partner (or the business unit on its "
                               "behalf) responds to this challenge.")
    return on_behalf


def can_judge(user, challenge):
    if user.is_authenticated and user.is_active and challenge.raised_by_id == user.pk:
        return True
    return can_manage(user, challenge.partnership)


def require_judge(user, challenge):
    if not can_judge(user, challenge):
        raise PermissionDenied("Only whoever raised the challenge, the scrutineer or the "
                               "business unit judges and closes it.")


def visible_addressee_agencies(user, challenge):
    """The addressed agencies whose responses (and their files) the user sees: all for the
    partnership's readers; their own agency's for an agency's lead or chief officer."""
    addressed = {a.agency_id for a in challenge.addressees.all()}
    if can_view(user, challenge.partnership):
        return addressed
    return addressed & set(challenge_agencies(user).values_list("pk", flat=True))


def attachment_for(user, challenge, pk):
    """A file on a challenge the user sees (challenge_for): the challenge's own, or one on a
    response they see; 404 for another agency's response, as for a missing file."""
    attachment = _get(challenge.attachments.select_related("addressee"), pk, "No such file")
    if attachment.addressee_id is not None and attachment.addressee.agency_id not in \
            visible_addressee_agencies(user, challenge):
        raise Http404("No such file")
    return attachment
