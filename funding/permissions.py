"""Every access decision about funding, in one place.

- Business unit staff manage the partnership's funding; lead and delegated partners, the
  chair and the scrutineer read it all (roles.VIEW_FUNDING / MANAGE_FUNDING).
- Agency leads and chief officers see their own agency's contribution lines (and their
  payments) only, in the partnerships their agency serves (roles.VIEW_AGENCY_FUNDING); never
  totals, other lines or spending, nor a year's declared budget, notes or variance reason
  (WHOLE_BUDGET_FIELDS, in the pages and the API alike).
- Lead safeguarding partners (never delegated ones) sign off the budget for the statutory
  partner they act for (partnership.permissions.lead_partner_memberships).
Anything else answers 404, like a record that does not exist.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnership import permissions as core
from partnership import roles
from partnership.models import Designation

from .models import BudgetLine, Contribution, FinancialYear, Payment

# What of a financial year only those who see the whole budget read: the pages leave these
# out for agency staff, and the API answers null for them (list and detail alike).
WHOLE_BUDGET_FIELDS = ("declared_budget", "contributions_total", "variance", "notes",
                       "variance_reason")


def sees_whole_budget(user, partnership):
    return core.has_perm(user, roles.VIEW_FUNDING, partnership)


def year_as_seen(data, whole):
    """A financial year's API data as someone sees it: without WHOLE_BUDGET_FIELDS (null)
    unless they see the whole budget (`whole`: sees_whole_budget for its partnership)."""
    if not whole:
        for name in WHOLE_BUDGET_FIELDS:
            if name in data:
                data[name] = None
    return data


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_FUNDING, partnership)


def require_manage(user, partnership):
    if not can_manage(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can change its funding.")


def own_agencies(user, partnership):
    """Agencies whose own contribution lines the user may see in this partnership."""
    return core.agencies_with(user, roles.VIEW_AGENCY_FUNDING).filter(
        pk__in=Designation.objects.active().filter(partnership=partnership).values("agency_id")
    )


def can_view_any(user, partnership):
    return sees_whole_budget(user, partnership) or own_agencies(user, partnership).exists()


def partnerships_with_funding(user):
    """(ids of partnerships whose funding the user sees at all, ids they see whole), in the
    same few queries however many partnerships the user takes part in."""
    partnerships = core.prefetch(user, core.partnerships_for(user))
    whole = {p.pk for p in partnerships if sees_whole_budget(user, p)}
    own = Designation.objects.active().filter(
        partnership_id__in=[p.pk for p in partnerships if p.pk not in whole],
        agency__in=core.agencies_with(user, roles.VIEW_AGENCY_FUNDING))
    return whole | set(own.values_list("partnership_id", flat=True)), whole


def all_years_for(user):
    """Financial years across every partnership whose funding the user sees."""
    visible, _ = partnerships_with_funding(user)
    return FinancialYear.objects.filter(partnership_id__in=visible)


def all_contributions_for(user):
    """Contribution lines across the user's partnerships: every line where they see the
    whole budget, their own agency's elsewhere."""
    partnerships = core.prefetch(user, core.partnerships_for(user))
    own = (core.within(partnerships, "year__partnership")
           & Q(agency__in=core.agencies_with(user, roles.VIEW_AGENCY_FUNDING))
           & core.designated_there("year__partnership"))
    return Contribution.objects.filter(own | core.within(
        partnerships, "year__partnership", lambda p: sees_whole_budget(user, p)))


def manageable_years(user):
    """Years the user may add contributions to (business unit staff of their partnership)."""
    return FinancialYear.objects.filter(partnership__in=core.partnerships_with(
        user, roles.MANAGE_FUNDING).filter(pk__in=core.partnerships_for(user)))


def years_for(user, partnership):
    if not can_view_any(user, partnership):
        return FinancialYear.objects.none()
    return FinancialYear.objects.filter(partnership=partnership)


def year_for(user, partnership, start_year):
    try:
        return years_for(user, partnership).get(start_year=start_year)
    except FinancialYear.DoesNotExist:
        raise Http404("No such financial year") from None


def contributions_for(user, year):
    contributions = Contribution.objects.filter(year=year)
    if sees_whole_budget(user, year.partnership):
        return contributions
    return contributions.filter(agency__in=own_agencies(user, year.partnership))


def contribution_for(user, year, pk):
    try:
        return contributions_for(user, year).get(pk=pk)
    except (Contribution.DoesNotExist, ValueError):
        raise Http404("No such contribution") from None


def payment_for(contribution, pk):
    """A payment of a contribution the user sees (contribution_for), else 404."""
    try:
        return contribution.payments.get(pk=pk)
    except (Payment.DoesNotExist, ValueError):
        raise Http404("No such payment") from None


def budget_lines_for(user, year):
    if not sees_whole_budget(user, year.partnership):
        return BudgetLine.objects.none()
    return BudgetLine.objects.filter(year=year)


def budget_line_for(user, year, pk):
    try:
        return budget_lines_for(user, year).get(pk=pk)
    except BudgetLine.DoesNotExist:
        raise Http404("No such budget line") from None


def sign_off_membership(user, year):
    """The lead safeguarding partner role this user signs the year's budget off in (the first
    whose partner has not signed yet), or None: delegated partners and others never sign."""
    memberships = core.lead_partner_memberships(user, year.partnership)
    signed = set(year.sign_offs.values_list("partner_id", flat=True)) if memberships else set()
    return next((m for m in memberships if m.agency_id not in signed),
                memberships[0] if memberships else None)


def require_sign_off_membership(user, year):
    """sign_off_membership(), or 403 for anyone who is not a lead safeguarding partner."""
    membership = sign_off_membership(user, year)
    if membership is None:
        raise PermissionDenied("Only a lead safeguarding partner can sign off the budget. A "
                               "delegated safeguarding partner may recommend it, but the "
                               "sign-off must be the lead partner's own.")
    return membership


def sign_off_partner(user, year):
    """The statutory partner this user may sign the year's budget off for, or None."""
    membership = sign_off_membership(user, year)
    return membership.agency if membership else None
