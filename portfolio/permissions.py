"""Who sees an agency's portfolio, and which kinds of item in it.

An agency's own staff (its lead, chief officer and contributors) see its portfolio: what it
owes every partnership it serves. Each kind of item is shown to those who see that kind in
its own app (the same agency permissions, roles.py): Section 11 returns, actions and dataset
returns to all three; rapid review summaries to the lead, who writes them; challenges and
contributions to the lead and the chief officer. Anyone else, partnership roles included,
gets 404, as for an agency that does not exist. Two queries (the agency, and the user's
grants on it through one permission checker), whatever the number of partnerships.
"""

from django.http import Http404

from partnership import permissions as core
from partnership import roles
from partnership.models import Agency

from . import selectors

KIND_PERMISSIONS = {
    selectors.SECTION_11: roles.VIEW_AGENCY_RETURNS,
    selectors.SUMMARY: roles.WRITE_AGENCY_SUMMARY,
    selectors.ACTION: roles.VIEW_AGENCY_ACTIONS,
    selectors.CHALLENGE: roles.RESPOND_AGENCY_CHALLENGES,
    selectors.DATASET: roles.VIEW_AGENCY_DATASET,
    selectors.CONTRIBUTION: roles.VIEW_AGENCY_FUNDING,
}


def kinds_for(user, agency):
    """The kinds of item of the agency's portfolio the user sees (none: not theirs)."""
    return [kind for kind, codename in KIND_PERMISSIONS.items()
            if core.has_perm(user, codename, agency)]


def portfolio_for(user, pk):
    """The agency whose portfolio the user may see, and the kinds they see in it; 404 for
    anyone but its own staff."""
    agency = Agency.objects.filter(pk=pk).first() if user.is_authenticated else None
    kinds = kinds_for(user, agency) if agency else []
    if not kinds:
        raise Http404("No such agency")
    return agency, kinds
