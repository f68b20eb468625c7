"""The core's own "what needs doing" items for the home page."""

from django.urls import reverse

from . import permissions, registry, selectors
from .selectors import governance

SHOWN_ACTIONS = 8


def core_tasks(user, partnership):
    tasks = []
    for agency in selectors.led_agencies_without_chief_officer(user, partnership):
        tasks.append(registry.HomeTask(
            title=f"No chief officer is recorded for {agency.name}",
            url=reverse("agency-detail", kwargs={"slug": partnership.slug, "pk": agency.pk}),
            description="Your agency's returns are signed off by its chief officer. Ask the "
                        "partnership's business unit to give them the role.",
        ))
    if permissions.can_manage_members(user, partnership):
        missing = selectors.partners_missing_officers(partnership)
        if missing:
            tasks.append(registry.HomeTask(
                title="Safeguarding partners not recorded",
                url=reverse("people-invite", kwargs={"slug": partnership.slug}),
                description="Record the lead and delegated safeguarding partner of "
                            + ", ".join(d.agency.name for d in missing) + ".",
                count=len(missing),
            ))
        without_lead = selectors.agencies_without_lead(partnership).count()
        if without_lead:
            tasks.append(registry.HomeTask(
                title="Agencies with no agency lead",
                url=reverse("people-invite", kwargs={"slug": partnership.slug}),
                description="Invite a safeguarding lead for each agency so it can take part.",
                count=without_lead,
            ))
        pending = selectors.pending_invitations(partnership).count()
        if pending:
            tasks.append(registry.HomeTask(
                title="Invitations not yet accepted",
                url=reverse("people", kwargs={"slug": partnership.slug}),
                description="People who have a role but have not yet set a password.",
                count=pending,
            ))
    return tasks + action_tasks(user, partnership)


def action_tasks(user, partnership):
    """The open actions the user owns, overdue first; for the business unit, a count of
    the register's overdue actions."""
    tasks = []
    owned = list(permissions.owned_actions(user, partnership)
                 .select_related("owner_agency").order_by("due_on")[:SHOWN_ACTIONS + 1])
    for action in governance.with_rag(owned[:SHOWN_ACTIONS], partnership):
        overdue = action.rag == "red"
        tasks.append(registry.HomeTask(
            title=f"{action.code}: {action.description[:90]}",
            url=reverse("action-detail", kwargs={"slug": partnership.slug, "pk": action.pk}),
            description=f"{action.owner_agency.name}. {'Was due' if overdue else 'Due'} "
                        f"{action.due_on:%-d %B %Y}. {action.get_status_display()}.",
            overdue=overdue))
    if len(owned) > SHOWN_ACTIONS:
        tasks.append(registry.HomeTask(
            title="More of your actions", url=reverse("action-list", args=[partnership.slug])))
    if permissions.can_manage_governance(user, partnership):
        overdue = permissions.actions_for(user, partnership).overdue().count()
        if overdue:
            tasks.append(registry.HomeTask(
                title="Overdue actions in the register", overdue=True, count=overdue,
                url=reverse("action-list", args=[partnership.slug]) + "?overdue=1"))
    return tasks


def register():
    registry.register_home(core_tasks)
