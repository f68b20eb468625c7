"""The core's own "what needs doing" items for the home page."""

from django.urls import reverse

from . import permissions, registry, selectors


def core_tasks(user, partnership):
    tasks = []
    if permissions.can_manage_members(user, partnership):
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
    return tasks


def register():
    registry.register_home(core_tasks)
