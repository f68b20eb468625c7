"""Which scrutiny sections a person may open, in the order the sub-navigation shows them:
the same checks as the pages themselves (a section listed here answers 200 to them).

- Scrutiny readers (VIEW_SCRUTINY: the business unit, the partners, the chair, the
  scrutineer): every section.
- Agency staff: their agency's dataset returns (if their agency is asked for figures), the
  consultations sent to their agency (its leads), the challenges addressed to it (its leads
  and chief officers), and the published yearly reports (anyone taking part)."""

from partnership import permissions as core
from partnership import roles

from .challenges import sees_challenges
from .common import can_view
from .dataset import own_dataset_agencies

READER_SECTIONS = ("dashboard", "dataset", "consultations", "plan", "scrutineer-report",
                   "challenges", "reports")


def scrutiny_sections(user, partnership):
    """The keys of the sections the user may open in the partnership (see the module's
    docstring); none for someone outside it."""
    if not (user.is_authenticated and user.is_active):
        return []
    if can_view(user, partnership):
        return list(READER_SECTIONS)
    if not core.has_perm(user, roles.VIEW_PARTNERSHIP, partnership):
        return []
    found = []
    if own_dataset_agencies(user, partnership).exists():
        found.append("dataset-returns")
    if own_dataset_agencies(user, partnership, roles.RESPOND_AGENCY_CONSULTATIONS).exists():
        found.append("consultations")
    if sees_challenges(user, partnership):
        found.append("challenges")
    return [*found, "reports"]
