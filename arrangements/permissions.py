"""Every access decision about the published documents, in one place.

- Readers: the partnership's role holders (VIEW_GOVERNANCE: business unit, partners, chair,
  scrutineer) see every version, drafts too, and the settings list; agency staff get 404 on
  these pages (they read what is published on the public pages, like anyone).
- The business unit (MANAGE_GOVERNANCE) drafts, edits and publishes versions and keeps the
  settings list; other readers get 403.
- Lead safeguarding partners sign a version off for the statutory partner they act for
  (partnership.permissions.lead_partner_memberships); where the partnership has an education
  partner, its lead partner signs beside them (education_partner_memberships), never instead
  of one. Delegated partners and other readers get 403, with the reason.
- The API lists every version to readers and the published ones to anyone else who sees the
  partnership.
- The public pages (/public/<slug>/) are for everyone, signed in or not, and show only what
  was published.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from partnership import permissions as core
from partnership import roles
from partnership.models import Partnership
from scrutiny.models import YearlyReport

from .models import DocumentVersion, Setting

NOT_A_LEAD = ("Only a lead safeguarding partner can sign off the partnership's published "
              "documents. A delegated safeguarding partner may prepare and recommend them, but "
              "the sign-off must be the lead partner's own.")


def can_view(user, partnership):
    return core.has_perm(user, roles.VIEW_GOVERNANCE, partnership)


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_GOVERNANCE, partnership)


def partnership_for_readers(user, slug):
    return core.partnership_with(user, slug, roles.VIEW_GOVERNANCE)


def require_manage(user, partnership):
    if not can_manage(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can do this.")


def version_for(user, partnership, pk):
    """A version of the partnership, for its readers."""
    if not can_view(user, partnership):
        raise Http404("No such version")
    return get_object_or_404(DocumentVersion.objects.select_related("partnership"),
                             partnership=partnership, pk=pk)


def setting_for(user, partnership, pk):
    require_manage(user, partnership)
    return get_object_or_404(Setting, partnership=partnership, pk=pk)


def sign_off_memberships(user, partnership):
    """[(membership, education)]: the lead partner roles the user may sign for, the
    statutory partners' first and the education partner's (education=True) after them."""
    return ([(m, False) for m in core.lead_partner_memberships(user, partnership)]
            + [(m, True) for m in core.education_partner_memberships(user, partnership)])


def require_sign_off(user, partnership):
    memberships = sign_off_memberships(user, partnership)
    if not memberships:
        raise PermissionDenied(NOT_A_LEAD)
    return memberships


def versions_across(user, partnerships):
    """Every version for readers; the published ones for anyone else who sees the
    partnership; none for the others. One query, however many partnerships."""
    partnerships = list(partnerships)
    readers = [p for p in partnerships if can_view(user, p)]
    versions = DocumentVersion.objects.filter(core.within(partnerships))
    if len(readers) == len(partnerships):
        return versions
    return versions.filter(core.within(readers) | Q(
        partnership__in=core.partnerships_for(user), published_on__isnull=False))


def versions_for(user, partnership):
    return versions_across(user, [partnership])


# --- The public pages: anyone, signed in or not ---

def public_partnership(slug):
    return get_object_or_404(Partnership, slug=slug)


def public_version(partnership, kind, number):
    return get_object_or_404(DocumentVersion, partnership=partnership, kind=kind, number=number,
                             published_on__isnull=False)


def public_report(partnership, pk):
    """A yearly report the business unit recorded as published."""
    return get_object_or_404(YearlyReport, partnership=partnership, pk=pk,
                             published_on__isnull=False)
