"""The scrutiny sub-navigation on every scrutiny page, and the same sections as links on the
home page: `{% scrutiny_nav partnership %}` and `{% scrutiny_links partnership %}`. Which
sections a person sees is decided in scrutiny/permissions/navigation.py."""

from django import template
from django.urls import reverse

from .. import permissions

register = template.Library()

# key: (label, the section's page, the route names (prefixes) of the pages that belong to it)
SECTIONS = {
    "dashboard": ("Dashboard", "scrutiny:dashboard",
                  ("scrutiny:dashboard", "scrutiny:indicator", "scrutiny:target-")),
    "dataset": ("Multi-agency dataset", "scrutiny:dataset", ("scrutiny:dataset",)),
    "dataset-returns": ("Dataset returns", "scrutiny:dataset-return-list",
                        ("scrutiny:dataset",)),
    "consultations": ("Consultations", "scrutiny:consultation-list",
                      ("scrutiny:consultation-",)),
    "plan": ("Scrutiny plan", "scrutiny:activity-list",
             ("scrutiny:activity-", "scrutiny:finding-")),
    "scrutineer-report": ("Scrutineer's report", "scrutiny:section-list",
                          ("scrutiny:section-",)),
    "challenges": ("Challenge log", "scrutiny:challenge-list", ("scrutiny:challenge-",)),
    "reports": ("Yearly reports", "scrutiny:report-list", ("scrutiny:report-",)),
}
# The same sections named for the home page, where they stand among other links.
HOME_LABELS = {"dashboard": "Scrutiny dashboard", "dataset": "The multi-agency dataset",
               "dataset-returns": "Your agency's dataset returns",
               "consultations": "Consultations", "plan": "The scrutiny plan",
               "scrutineer-report": "The scrutineer's report",
               "challenges": "The challenge log", "reports": "Yearly reports"}


def _items(request, partnership, labels=None):
    here = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
    items = []
    for key in permissions.scrutiny_sections(request.user, partnership):
        label, name, prefixes = SECTIONS[key]
        items.append({"label": (labels or {}).get(key, label),
                      "url": reverse(name, args=[partnership.slug]),
                      "current": here == name, "within": here.startswith(prefixes)})
    return items


@register.inclusion_tag("scrutiny/_nav.html", takes_context=True)
def scrutiny_nav(context, partnership):
    return {"items": _items(context["request"], partnership)}


@register.inclusion_tag("scrutiny/_home_links.html", takes_context=True)
def scrutiny_links(context, partnership):
    return {"items": _items(context["request"], partnership, HOME_LABELS)}
