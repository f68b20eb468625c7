"""The core's own "what needs doing" items for the home page."""

from django.urls import reverse

from . import permissions, registry, selectors
from .selectors import education


def core_tasks(user, partnership):
    tasks = _education_tasks(user, partnership)
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
    return tasks


def _education_tasks(user, partnership):
    """Once the Children's Wellbeing and Schools Act 2026, s2 is in force here, a
    partnership with no designated childcare or education agency is told so (its business
    unit, to designate one; its lead and delegated partners, to see the partnership)."""
    if not permissions.sees_education_warning(user, partnership):
        return []
    warning = education.education_missing(partnership)
    if warning is None:
        return []
    page = ("designation-add" if permissions.can_manage_designations(user, partnership)
            else "partnership-overview")
    return [registry.HomeTask(title="No designated childcare or education agency",
                              url=reverse(page, kwargs={"slug": partnership.slug}),
                              description=warning, overdue=True)]


def register():
    registry.register_home(core_tasks)
