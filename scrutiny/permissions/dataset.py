"""Access to the multi-agency dataset and the consultations."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnership import permissions as core
from partnership import roles

from .common import can_view

# ---------------------------------------------------------------- multi-agency dataset and consultations
#
# - The dataset's measures, its quarterly overview and every agency's submitted return: the
#   partnership's scrutiny readers (business unit, partners, chair, scrutineer).
# - Drafts (decided here, the same rule as Section 11 returns in agencies/permissions.py and
#   rapid review summaries in reviews/permissions.py): a return is the agency's own until
#   its lead submits it. A draft (never submitted, or reopened) is seen by the agency's
#   staff and the business unit (which defines the dataset, chases and reopens returns);
#   partners, the chair and the scrutineer never see it, in the pages, the API or the
#   overview, and no figure of a draft counts in the overview, the dashboards or the
#   yearly report (scrutiny/selectors/dataset.py counts submitted returns only).
# - The business unit (MANAGE_DATASET) defines measures and consultations, sends them, and
#   reopens a submitted return.
# - Agency staff (VIEW_AGENCY_DATASET) see the measures and their own agency's returns only;
#   the agency lead (SUBMIT_AGENCY_DATASET) enters and submits them.
# - A consultation reaches agency leads (RESPOND_AGENCY_CONSULTATIONS) once it is sent to
#   their agency; they see and answer their own agency's response only. Summaries are for
#   the scrutiny readers, and count submitted answers only. An answer not yet submitted is
#   the agency's own, as a draft return is: partners, the chair and the scrutineer see its
#   status, not its text.

def _designated(partnership):
    from partnership.models import Designation

    return Designation.objects.active().filter(partnership=partnership).values("agency_id")


def own_dataset_agencies(user, partnership, codename=roles.VIEW_AGENCY_DATASET):
    """The user's own agencies in the partnership on which they hold `codename`."""
    return core.agencies_with(user, codename).filter(pk__in=_designated(partnership))


def can_manage_dataset(user, partnership):
    return core.has_perm(user, roles.MANAGE_DATASET, partnership)


def require_manage_dataset(user, partnership):
    if not can_manage_dataset(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can do this.")


def partnership_for_dataset(user, slug):
    """The partnership, for its scrutiny readers and for staff of its agencies who see their
    agency's dataset returns (404 for anyone else)."""
    partnership = core.partnership_for(user, slug)
    if not (can_view(user, partnership) or own_dataset_agencies(user, partnership).exists()):
        raise Http404("No such page")
    return partnership


def measures_across(user, partnerships):
    """The measures of these partnerships, for their scrutiny readers and for staff of
    their agencies who see their agency's dataset returns, in one query."""
    from partnership.models import Designation

    from ..models import Measure

    partnerships = list(partnerships)
    seen = core.within(partnerships, decide=lambda p: can_view(user, p))
    if user.is_authenticated and user.is_active:
        seen |= Q(partnership__in=Designation.objects.active().filter(
            core.within(partnerships), agency__in=core.agencies_with(
                user, roles.VIEW_AGENCY_DATASET)).values("partnership_id"))
    return Measure.objects.filter(seen)


def dataset_returns_across(user, partnerships):
    """The returns the user may see, in one query however many partnerships: all for the
    business unit; the submitted ones and their own agencies' for the other scrutiny
    readers; their own agencies' (where their agency serves) for agency staff."""
    from ..models import DatasetReturn, DatasetStatus

    partnerships = list(partnerships)
    seen = core.within(partnerships, decide=lambda p: can_manage_dataset(user, p))
    if user.is_authenticated and user.is_active:
        seen |= (Q(agency__in=core.agencies_with(user, roles.VIEW_AGENCY_DATASET))
                 & core.designated_there()) | (
            core.within(partnerships, decide=lambda p: can_view(user, p))
            & Q(status=DatasetStatus.SUBMITTED))
    return DatasetReturn.objects.filter(core.within(partnerships)).filter(seen)


def dataset_returns_for(user, partnership):
    return dataset_returns_across(user, [partnership])


def dataset_return_for(user, partnership, pk):
    from ..models import DatasetReturn

    try:
        return dataset_returns_for(user, partnership).select_related("agency").get(pk=pk)
    except (DatasetReturn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such return") from None


def dataset_agency_for(user, partnership, pk):
    """An agency of the partnership whose dataset returns the user may see (404 otherwise)."""
    from partnership.models import Agency

    agencies = (Agency.objects.filter(pk__in=_designated(partnership))
                if can_view(user, partnership) else own_dataset_agencies(user, partnership))
    try:
        return agencies.get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agency") from None


def can_submit_dataset(user, agency):
    return core.has_perm(user, roles.SUBMIT_AGENCY_DATASET, agency)


def require_submit_dataset(user, agency):
    if not can_submit_dataset(user, agency):
        raise PermissionDenied("Only the agency's lead can enter and submit its figures.")


def consultations_for(user, partnership):
    """Every consultation for the scrutiny readers; for agency leads, those sent to their
    agency."""
    from ..models import Consultation

    consultations = Consultation.objects.filter(partnership=partnership)
    if can_view(user, partnership):
        return consultations
    mine = own_dataset_agencies(user, partnership, roles.RESPOND_AGENCY_CONSULTATIONS)
    return consultations.filter(sent_at__isnull=False,
                                responses__agency__in=mine).distinct()


def partnership_for_consultations(user, slug):
    partnership = core.partnership_for(user, slug)
    if not (can_view(user, partnership) or own_dataset_agencies(
            user, partnership, roles.RESPOND_AGENCY_CONSULTATIONS).exists()):
        raise Http404("No such page")
    return partnership


def consultation_for(user, partnership, pk):
    from ..models import Consultation

    try:
        return consultations_for(user, partnership).get(pk=pk)
    except (Consultation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such consultation") from None


def consultation_responses_for(user, consultation):
    responses = consultation.responses.select_related("agency")
    if can_view(user, consultation.partnership):
        return responses
    return responses.filter(agency__in=own_dataset_agencies(
        user, consultation.partnership, roles.RESPOND_AGENCY_CONSULTATIONS))


def consultation_response_for(user, consultation, agency_pk):
    """One agency's response, to open: a response not yet submitted is the agency's own (the
    draft rule above): its staff and the business unit open it; the other scrutiny readers
    see its status in the list, not its answers (404)."""
    from ..models import ConsultationResponse, ResponseStatus

    try:
        response = consultation_responses_for(user, consultation).get(agency_id=agency_pk)
    except (ConsultationResponse.DoesNotExist, ValueError, TypeError):
        raise Http404("No such response") from None
    if (response.status != ResponseStatus.SUBMITTED
            and not can_manage_dataset(user, consultation.partnership)
            and not own_dataset_agencies(user, consultation.partnership,
                                         roles.RESPOND_AGENCY_CONSULTATIONS)
            .filter(pk=response.agency_id).exists()):
        raise Http404("No such response")
    return response


def can_answer_consultation(user, response):
    return core.has_perm(user, roles.RESPOND_AGENCY_CONSULTATIONS, response.agency)


def require_answer_consultation(user, response):
    if not can_answer_consultation(user, response):
        raise PermissionDenied("Only the agency's lead can answer for it.")


def require_summary(user, partnership):
    if not can_view(user, partnership):
        raise PermissionDenied("The summary is for the partnership's scrutiny readers.")
