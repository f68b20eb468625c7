"""Home page items: a document due for its yearly review (the partnership's readers), and
versions waiting for the sign-off of the partner a lead safeguarding partner acts for."""

from django.urls import reverse

from partnership.registry import HomeTask

from . import permissions, selectors
from .models import DocumentVersion


def arrangements_tasks(user, partnership):
    if not permissions.can_view(user, partnership):
        return []
    tasks = [HomeTask(title=w["message"], overdue=True,
                      url=reverse("arrangements:list", args=[partnership.slug]),
                      description=f"Version {w['version'].number} was published on "
                                  f"{w['version'].published_on:%-d %B %Y}: the partners review "
                                  "it at least once a year.")
             for w in selectors.review_due(partnership)]
    memberships = permissions.sign_off_memberships(user, partnership)
    if memberships:
        drafts = (DocumentVersion.objects.filter(partnership=partnership, published_on__isnull=True)
                  .prefetch_related("sign_offs").order_by("kind", "number"))
        for version in drafts:
            signed = {s.partner_id for s in version.sign_offs.all()}
            what = f"the {version.get_kind_display().lower()} (version {version.number})"
            tasks += [HomeTask(title=f"Sign off {what} for {m.agency.name}",
                               url=reverse("arrangements:sign-off",
                                           args=[partnership.slug, version.pk]))
                      for m, _ in memberships if m.agency_id not in signed]
    return tasks
