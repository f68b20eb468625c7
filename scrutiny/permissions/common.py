"""Who reads scrutiny and who records it: the checks every other module here builds on."""

from django.core.exceptions import PermissionDenied

from partnership import permissions as core
from partnership import roles


def can_view(user, partnership):
    return core.has_perm(user, roles.VIEW_SCRUTINY, partnership)


def can_manage(user, partnership):
    return core.has_perm(user, roles.MANAGE_SCRUTINY, partnership)


def partnership_for_readers(user, slug):
    """The partnership, for its scrutiny readers only (404 for anyone else)."""
    return core.partnership_with(user, slug, roles.VIEW_SCRUTINY)


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
