"""Every access decision about scrutiny and the yearly report, in one place.

- The partnership's readers (business unit, partners, chair, independent scrutineer) see the
  dashboards, the multi-agency dataset, scrutiny activities, the challenge log and the
  yearly report's drafts; never child-identifying data (scrutiny reads only pseudonymised
  records and counts).
- The scrutineer and the business unit record scrutiny activities, findings and challenge
  judgements (MANAGE_SCRUTINY); the scrutineer, the partners, the chair and the business
  unit raise challenges (RAISE_CHALLENGES); the business unit defines the dataset and the
  consultations (MANAGE_DATASET) and prepares the yearly report (MANAGE_REPORTS); each lead
  or delegated safeguarding partner signs the report off for the statutory partner they act
  for (SIGN_OFF_REPORTS).
- An agency lead sees only their own agency's dataset returns, consultations sent to it and
  the challenges addressed to it, and submits / answers / responds for that agency only.
A record that is not the user's answers 404; a visible one they may not change, 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from partnership import permissions as core
from partnership import roles


def can_view(user, partnership):
    return core.has_perm(user, roles.VIEW_SCRUTINY, partnership)


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_SCRUTINY, partnership)


def partnership_for_readers(user, slug):
    """The partnership, for its scrutiny readers only (404 for anyone else)."""
    partnership = core.partnership_for(user, slug)
    if not can_view(user, partnership):
        raise Http404("No such page")
    return partnership


def require_manage(user, partnership):
    if not can_manage(user, partnership):
        raise PermissionDenied("Only the independent scrutineer and the business unit can "
                               "record scrutiny.")


# ---------------------------------------------------------------- indicators and dashboards

# The dashboards, the indicators, their drill-down pages and the indicators API are for the
# partnership's scrutiny readers (VIEW_SCRUTINY): anyone else, agency leads included, gets
# 404. The figures are counts; a drill-down lists only the records the viewer may see in
# their own app (each app's permissions). Targets are set by the business unit
# (MANAGE_DATASET): other readers get 403.


def can_set_targets(user, partnership):
    return core.has_perm(user, roles.MANAGE_DATASET, partnership)


def require_set_targets(user, partnership):
    if not can_set_targets(user, partnership):
        raise PermissionDenied("Only the business unit can set indicator targets.")


# ---------------------------------------------------------------- multi-agency dataset and consultations
#
# - The dataset's measures, its quarterly overview and every agency's return: the
#   partnership's scrutiny readers (business unit, partners, chair, scrutineer).
# - The business unit (MANAGE_DATASET) defines measures and consultations, sends them, and
#   reopens a submitted return.
# - Agency staff (VIEW_AGENCY_DATASET) see the measures and their own agency's returns only;
#   the agency lead (SUBMIT_AGENCY_DATASET) enters and submits them.
# - A consultation reaches agency leads (RESPOND_AGENCY_CONSULTATIONS) once it is sent to
#   their agency; they see and answer their own agency's response only. Summaries are for
#   the scrutiny readers.

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


def dataset_returns_for(user, partnership):
    from .models import DatasetReturn

    returns = DatasetReturn.objects.filter(partnership=partnership)
    if can_view(user, partnership):
        return returns
    return returns.filter(agency__in=own_dataset_agencies(user, partnership))


def dataset_return_for(user, partnership, pk):
    from .models import DatasetReturn

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
    from .models import Consultation

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
    from .models import Consultation

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
    from .models import ConsultationResponse

    try:
        return consultation_responses_for(user, consultation).get(agency_id=agency_pk)
    except (ConsultationResponse.DoesNotExist, ValueError, TypeError):
        raise Http404("No such response") from None


def can_answer_consultation(user, response):
    return core.has_perm(user, roles.RESPOND_AGENCY_CONSULTATIONS, response.agency)


def require_answer_consultation(user, response):
    if not can_answer_consultation(user, response):
        raise PermissionDenied("Only the agency's lead can answer for it.")


def require_summary(user, partnership):
    if not can_view(user, partnership):
        raise PermissionDenied("The summary is for the partnership's scrutiny readers.")


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
    from .models import Challenge, ChallengeAddressee, ReportSection, ScrutinyActivity

    return Challenge, ChallengeAddressee, ReportSection, ScrutinyActivity


def _get(queryset, pk, message):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(message) from None


def activities_for(user, partnership):
    ScrutinyActivity = _scrutiny_models()[3]
    if not can_view(user, partnership):
        return ScrutinyActivity.objects.none()
    return ScrutinyActivity.objects.filter(partnership=partnership)


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


def challenges_for(user, partnership):
    Challenge = _scrutiny_models()[0]
    challenges = Challenge.objects.filter(partnership=partnership)
    if can_view(user, partnership):
        return challenges
    if not (user.is_authenticated and user.is_active):
        return challenges.none()
    return challenges.filter(addressees__agency__in=challenge_agencies(user)).distinct()


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


# ---------------------------------------------------------------- the yearly report
# Readers of scrutiny (VIEW_SCRUTINY) see every report of their partnership, drafts included;
# anyone else who takes part in the partnership (agency staff) sees a report only once it is
# published, and then only its final (signed-off) versions: a draft answers 404 to them. The
# business unit prepares reports (MANAGE_REPORTS); each lead or delegated safeguarding partner
# signs off for the statutory partner agency their membership names (SIGN_OFF_REPORTS).


def can_manage_reports(user, partnership):
    return core.has_perm(user, roles.MANAGE_REPORTS, partnership)


def require_manage_reports(user, partnership):
    if not can_manage_reports(user, partnership):
        raise PermissionDenied("Only the business unit prepares the yearly report.")


def partnership_for_report_readers(user, slug):
    """The partnership, for anyone taking part in it (drafts are filtered by reports_for)."""
    return core.partnership_for(user, slug)


def reports_for(user, partnership):
    from .models import YearlyReport

    reports = YearlyReport.objects.filter(partnership=partnership)
    if can_view(user, partnership):
        return reports
    if user.is_authenticated and core.has_perm(user, roles.VIEW_PARTNERSHIP, partnership):
        return reports.filter(published_on__isnull=False)
    return reports.none()


def report_for(user, partnership, pk):
    from .models import YearlyReport

    try:
        return reports_for(user, partnership).select_related("partnership").get(pk=pk)
    except (YearlyReport.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such report") from None


def report_for_scrutiny_readers(user, slug, pk):
    """(partnership, report) for the pages that change a report: scrutiny readers only; anyone
    else, a published report's other readers included, gets 404."""
    partnership = partnership_for_readers(user, slug)
    return partnership, report_for(user, partnership, pk)


def readable_partnership(user, pk):
    """The partnership with id `pk`, for its scrutiny readers only (404 for anyone else)."""
    partnership = core.partnerships_for(user).filter(pk=pk).first()
    if partnership is None or not can_view(user, partnership):
        raise Http404("No partnership with that id.")
    return partnership


def report_by_id(user, pk):
    """A report from any of the user's partnerships (the API's single records): 404 when it
    is missing, another partnership's, or a draft the user may not see."""
    from .models import YearlyReport

    try:
        report = YearlyReport.objects.select_related("partnership").get(pk=pk)
    except (YearlyReport.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such report") from None
    if not reports_for(user, report.partnership).filter(pk=report.pk).exists():
        raise Http404("No such report")
    return report


def versions_for(user, report):
    from .models import RenderStatus

    versions = report.versions.all()
    if can_view(user, report.partnership):
        return versions
    return versions.filter(draft=False, status=RenderStatus.READY)


def version_for(user, report, number):
    from .models import ReportVersion

    try:
        return versions_for(user, report).get(number=number)
    except (ReportVersion.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such version") from None


def report_sign_off_partners(user, report):
    """The statutory partner agencies this user may sign the report off for."""
    return sign_off_agencies(user, report.partnership)


def sign_off_agencies(user, partnership):
    """The statutory partner agencies this user signs yearly reports off for: those their
    lead or delegated safeguarding partner membership names."""
    from partnership.models import Designation, PartnershipMembership

    if not core.has_perm(user, roles.SIGN_OFF_REPORTS, partnership):
        return []
    statutory = Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id")
    memberships = PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role__in=roles.PARTNER_ROLES,
        agency_id__in=statutory).select_related("agency")
    return sorted({m.agency for m in memberships}, key=lambda a: a.name)


def require_sign_off(user, report):
    if not core.has_perm(user, roles.SIGN_OFF_REPORTS, report.partnership):
        raise PermissionDenied("Only the lead and delegated safeguarding partners sign off "
                               "the yearly report.")
