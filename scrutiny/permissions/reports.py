"""Access to the yearly report, its versions and its sign-off."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from partnership import permissions as core
from partnership import roles

from .common import can_view, partnership_for_readers

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
    from ..models import YearlyReport

    reports = YearlyReport.objects.filter(partnership=partnership)
    if can_view(user, partnership):
        return reports
    if user.is_authenticated and core.has_perm(user, roles.VIEW_PARTNERSHIP, partnership):
        return reports.filter(published_on__isnull=False)
    return reports.none()


def report_for(user, partnership, pk):
    from ..models import YearlyReport

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
    from ..models import YearlyReport

    try:
        report = YearlyReport.objects.select_related("partnership").get(pk=pk)
    except (YearlyReport.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such report") from None
    if not reports_for(user, report.partnership).filter(pk=report.pk).exists():
        raise Http404("No such report")
    return report


def versions_for(user, report):
    from ..models import RenderStatus

    versions = report.versions.all()
    if can_view(user, report.partnership):
        return versions
    return versions.filter(draft=False, status=RenderStatus.READY)


def version_for(user, report, number):
    from ..models import ReportVersion

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
