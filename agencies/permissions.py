"""Every access decision about self-assessments (Section 11, Section 175/157), in one place.

- The business unit runs a partnership's templates, cycles, moderation and challenge
  events, and sees every return its cycles asked for, drafts included.
- Partners, the chair and the scrutineer read the cycles and the submitted (and signed-off)
  returns, never drafts.
- Agency staff see their own agency's returns only (in every partnership that asked for
  them): contributors and the lead answer, the lead submits, the chief officer signs off.
  They see other agencies only as anonymised distributions.
Anything else answers 404, like a record that does not exist; visible but not allowed, 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnership import permissions as core
from partnership import roles
from partnership.models import Partnership

from .models import (
    AssessmentTemplate,
    ChallengeEvent,
    Cycle,
    Evidence,
    Extension,
    Request,
    Return,
    Status,
)

READABLE = (Status.SUBMITTED, Status.SIGNED_OFF)
SEND_BACK_REFUSED = ("Only the agency's chief officer or the partnership's business unit can "
                     "send a return back to the agency's lead, and only once it is submitted "
                     "and before it is signed off.")
RECALL_REFUSED = ("Only the agency's lead can recall its return, and only once it is submitted "
                  "and before it is signed off.")


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_ASSESSMENTS, partnership)


def can_read(user, partnership):
    """Partnership roles: the cycles and the submitted returns."""
    return core.has_perm(user, roles.VIEW_ASSESSMENTS, partnership)


def require_manage(user, partnership):
    if not can_manage(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can do this.")


def own_agencies(user, codename=roles.VIEW_AGENCY_RETURNS):
    return core.agencies_with(user, codename)


def sees_any(user, partnership):
    return can_read(user, partnership) or requests_for(user, partnership).exists()


def partnership_for_assessments(user, slug):
    partnership = core.partnership_for(user, slug)
    if not sees_any(user, partnership):
        raise Http404("No such page")
    return partnership


def templates_for(user, partnership):
    """The library templates and the partnership's own, for its partnership roles."""
    if not can_read(user, partnership):
        return AssessmentTemplate.objects.none()
    return AssessmentTemplate.objects.filter(Q(partnership__isnull=True) | Q(partnership=partnership))


def template_for(user, partnership, pk):
    try:
        return templates_for(user, partnership).get(pk=pk)
    except (AssessmentTemplate.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such template") from None


def can_edit_template(user, template, partnership):
    return (template.partnership_id == partnership.pk and not template.frozen
            and can_manage(user, partnership))


def requests_across(user, partnerships):
    """The requests of these partnerships' cycles the user may see, in one query however
    many partnerships (a list, whose grants core.prefetch has read): all of them where the
    user runs the partnership's returns; their own agencies' anywhere; and, where they read
    the partnership's returns, the submitted and signed-off ones."""
    partnerships = list(partnerships)
    managed = [p for p in partnerships if can_manage(user, p)]
    seen = core.within(managed, "cycle__partnership")
    if user.is_authenticated and user.is_active:
        seen |= Q(agency__in=own_agencies(user))
        # Only where there are such partnerships: an empty branch would still join the
        # returns, and PostgreSQL would then hash all of them for a national agency's few.
        read = [p for p in partnerships if p not in managed and can_read(user, p)]
        if read:
            seen |= core.within(read, "cycle__partnership") & Q(assessment__status__in=READABLE)
    return Request.objects.filter(core.within(partnerships, "cycle__partnership")).filter(seen)


def requests_for(user, partnership):
    """The requests of the partnership's cycles the user may see."""
    return requests_across(user, [partnership])


def cycles_across(user, partnerships):
    """Every cycle of the partnerships whose returns the user reads; elsewhere those that
    asked for a return the user sees."""
    partnerships = list(partnerships)
    readable = [p for p in partnerships if can_read(user, p)]
    cycles = Cycle.objects.filter(core.within(partnerships))
    if len(readable) == len(partnerships):
        return cycles
    return cycles.filter(core.within(readable) | Q(
        pk__in=requests_across(user, partnerships).values("cycle_id")))


def cycles_for(user, partnership):
    return cycles_across(user, [partnership])


def cycle_for(user, partnership, pk):
    try:
        return cycles_for(user, partnership).get(pk=pk)
    except (Cycle.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such cycle") from None


def returns_across(user, partnerships):
    """Returns asked for by these partnerships' cycles that the user may see."""
    return Return.objects.filter(
        pk__in=requests_across(user, partnerships).values("assessment_id"))


def returns_for(user, partnership):
    """Returns asked for by the partnership's cycles that the user may see."""
    return returns_across(user, [partnership])


def return_for(user, partnership, pk):
    try:
        return returns_for(user, partnership).select_related("agency", "template").get(pk=pk)
    except (Return.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such return") from None


def is_own(user, assessment):
    return core.has_perm(user, roles.VIEW_AGENCY_RETURNS, assessment.agency)


def partnership_and_return(user, slug, pk):
    """The partnership (by slug) and one of its returns the person may see; 404 otherwise."""
    partnership = partnership_for_assessments(user, slug)
    return partnership, return_for(user, partnership, pk)


def can_edit(user, assessment):
    return assessment.editable and core.has_perm(user, roles.EDIT_AGENCY_RETURNS, assessment.agency)


def require_edit(user, assessment):
    if not can_edit(user, assessment):
        raise PermissionDenied("Only the agency's lead and contributors can change its return, "
                               "and only while it is a draft or returned for amendment.")


def can_submit(user, assessment):
    return assessment.editable and core.has_perm(user, roles.SUBMIT_AGENCY_RETURNS,
                                                 assessment.agency)


def is_signatory(user, assessment):
    """The agency's chief officer, who signs its returns off once submitted."""
    return core.has_perm(user, roles.SIGN_OFF_AGENCY_RETURNS, assessment.agency)


def can_sign_off(user, assessment):
    return assessment.status == Status.SUBMITTED and is_signatory(user, assessment)


def asking_partnerships(assessment):
    """The partnerships whose cycles asked for the return."""
    return Partnership.objects.filter(
        assessment_cycles__requests__assessment=assessment).distinct()


def sends_back(user, assessment):
    """The agency's chief officer, or the business unit of a partnership that asked for the
    return, may send it back to the agency's lead (once submitted, before sign-off)."""
    return is_signatory(user, assessment) or any(
        can_manage(user, partnership) for partnership in asking_partnerships(assessment))


def can_send_back(user, assessment):
    return assessment.status == Status.SUBMITTED and sends_back(user, assessment)


def require_sends_back(user, assessment):
    if not sends_back(user, assessment):
        raise PermissionDenied(SEND_BACK_REFUSED)


def names_chief_officers(user, partnership):
    """The business unit gives people the agency chief officer role (People, Invite)."""
    return core.can_manage_members(user, partnership)


def recalls(user, assessment):
    """The agency's lead, who submitted it, may recall a submitted return before sign-off."""
    return core.has_perm(user, roles.SUBMIT_AGENCY_RETURNS, assessment.agency)


def can_recall(user, assessment):
    return assessment.status == Status.SUBMITTED and recalls(user, assessment)


def require_recalls(user, assessment):
    if not recalls(user, assessment):
        raise PermissionDenied(RECALL_REFUSED)


def can_moderate(user, assessment, partnership):
    return assessment.status in READABLE and can_manage(user, partnership)


def evidence_for(user, partnership, pk):
    try:
        return Evidence.objects.select_related("answer__assessment").get(
            pk=pk, answer__assessment__in=returns_for(user, partnership))
    except (Evidence.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such evidence") from None


def sees_agency_scores(user, partnership):
    """Per-agency ratings (analysis, exports) are for partnership roles; agency staff see
    anonymised distributions and their own return only."""
    return can_read(user, partnership)



def events_for(user, partnership):
    """The partnership's challenge events the user may read: all of them for its readers,
    the ones their agency was invited to for agency staff."""
    events = ChallengeEvent.objects.filter(cycle__partnership=partnership)
    if can_read(user, partnership):
        return events
    if not (user.is_authenticated and user.is_active):
        return events.none()
    return events.filter(pk__in=ChallengeEvent.objects.filter(
        agencies__in=own_agencies(user)).values("pk"))


def event_for(user, partnership, pk):
    try:
        return events_for(user, partnership).select_related("cycle").get(pk=pk)
    except (ChallengeEvent.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such challenge event") from None


def sees_challenge(user, partnership):
    return (sees_any(user, partnership)
            or events_for(user, partnership).exists())


def sees_draft_versions(user, partnership, assessment):
    """The agency's own staff and the business unit see every kept version; partners, the
    chair and the scrutineer only those of submitted or signed-off states (never a draft)."""
    return can_manage(user, partnership) or is_own(user, assessment)



def can_ask_extension(user, request):
    """The agency's lead (who submits its returns) asks for more time on its request."""
    return core.has_perm(user, roles.SUBMIT_AGENCY_RETURNS, request.agency)


def asking_agency_ids(user):
    """The agencies whose requests the user may ask more time for, in one query (for lists)."""
    return set(core.agencies_with(user, roles.SUBMIT_AGENCY_RETURNS).values_list("pk", flat=True))


def request_for(user, partnership, pk):
    try:
        return (requests_for(user, partnership)
                .select_related("agency", "cycle", "assessment").get(pk=pk))
    except (Request.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such request") from None


def extensions_for(user, partnership):
    """Extension requests on the requests the user may see in the partnership."""
    return Extension.objects.filter(request__in=requests_for(user, partnership))


def extension_for(user, partnership, pk):
    try:
        return (extensions_for(user, partnership)
                .select_related("request__agency", "request__cycle", "request__assessment",
                                "asked_by", "decided_by").get(pk=pk))
    except (Extension.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such extension request") from None
