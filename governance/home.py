"""Governance's "what needs doing" items for the home page: the actions a person owns, and
for the business unit the register's overdue actions."""

from django.urls import reverse

from partnership import registry

from . import permissions, selectors

SHOWN_ACTIONS = 8


def action_tasks(user, partnership):
    """The open actions the user owns, overdue first; for the business unit, a count of
    the register's overdue actions."""
    tasks = []
    owned = list(permissions.owned_actions(user, partnership)
                 .select_related("owner_agency").order_by("due_on")[:SHOWN_ACTIONS + 1])
    for action in selectors.with_rag(owned[:SHOWN_ACTIONS], partnership):
        overdue = action.rag == "red"
        tasks.append(registry.HomeTask(
            title=f"{action.code}: {action.description[:90]}",
            url=reverse("governance:action-detail", kwargs={"slug": partnership.slug, "pk": action.pk}),
            description=f"{action.owner_agency.name}. {'Was due' if overdue else 'Due'} "
                        f"{action.due_on:%-d %B %Y}. {action.get_status_display()}.",
            overdue=overdue))
    if len(owned) > SHOWN_ACTIONS:
        tasks.append(registry.HomeTask(
            title="More of your actions", url=reverse("governance:action-list", args=[partnership.slug])))
    if permissions.can_manage_governance(user, partnership):
        overdue = permissions.actions_for(user, partnership).overdue().count()
        if overdue:
            tasks.append(registry.HomeTask(
                title="Overdue actions in the register", overdue=True, count=overdue,
                url=reverse("governance:action-list", args=[partnership.slug]) + "?overdue=1"))
    return tasks


def register():
    registry.register_home(action_tasks)
