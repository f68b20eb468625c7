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
# business unit prepares reports (MANAGE_REPORTS); sign-off: see below.


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


def listing_partnership(user, pk):
    """The partnership with id `pk`, for anyone taking part in it (the reports list filters
    drafts through reports_for); 404 for anyone else."""
    partnership = core.partnerships_for(user).filter(pk=pk).first()
    if partnership is None:
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


# Sign-off (domain.md corrections, item 4): only a lead safeguarding partner signs the report
# off, for the statutory partner their membership names (partnership.permissions says once
# who that is). A delegated safeguarding partner may record their recommendation that their
# lead partner sign, never a sign-off. Both need SIGN_OFF_REPORTS, which both roles hold; the
# role decides which of the two they may do.


def sign_off_memberships(user, report):
    """The user's lead safeguarding partner memberships naming a partner of this report."""
    if not core.has_perm(user, roles.SIGN_OFF_REPORTS, report.partnership):
        return []
    return _for_report(report, core.lead_partner_memberships(user, report.partnership))


def recommend_memberships(user, report):
    """The user's delegated safeguarding partner memberships naming a partner of this
    report: they may recommend that their lead partner sign it off."""
    return _for_report(report, _delegated_memberships(user, report.partnership))


def _delegated_memberships(user, partnership):
    """The user's current delegated partner roles naming a statutory partner designated now."""
    from partnership.models import Designation, PartnershipMembership

    if not core.has_perm(user, roles.SIGN_OFF_REPORTS, partnership):
        return []
    statutory = Designation.objects.active().filter(
        partnership=partnership, kind__in=Designation.STATUTORY_KINDS).values("agency_id")
    return list(PartnershipMembership.objects.active().filter(
        user=user, partnership=partnership, role="delegated_safeguarding_partner",
        agency_id__in=statutory).select_related("agency").order_by("agency__name"))


def _for_report(report, memberships):
    """The memberships naming a partner who signs `report` off: none once it is published."""
    from ..selectors.reports import report_partners

    if report.published_on:
        return []
    partners = {a.pk for a in report_partners(report)}
    return [m for m in memberships if m.agency_id in partners]


def membership_for_partner(memberships, partner_id):
    """The membership acting for `partner_id` (an agency id), or None."""
    return next((m for m in memberships if m.agency_id == partner_id), None)


def require_sign_off(user, report):
    if not sign_off_memberships(user, report):
        raise PermissionDenied("Only a lead safeguarding partner signs off the yearly report, "
                               "for the statutory partner they lead for.")


def require_recommend(user, report):
    if not recommend_memberships(user, report):
        raise PermissionDenied("Only a delegated safeguarding partner recommends the yearly "
                               "report for sign-off, for the statutory partner they act for.")


def recommend_agencies(user, partnership):
    """The statutory partner agencies this user acts for as a delegated safeguarding partner
    (they may recommend a report for sign-off)."""
    return [m.agency for m in _delegated_memberships(user, partnership)]


def sign_off_agencies(user, partnership):
    """The statutory partner agencies this user signs yearly reports off for (lead only)."""
    if not core.has_perm(user, roles.SIGN_OFF_REPORTS, partnership):
        return []
    return core.lead_partner_agencies(user, partnership)
