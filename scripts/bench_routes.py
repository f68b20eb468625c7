"""What scripts/bench measures, found in the URL configuration so that a new list page,
dashboard, export or API list cannot be forgotten (tests/test_generate_scale.py checks that
every route named "...-list" is here):

- partnership pages (under p/<slug>/) named "...-list", or naming a dashboard, report,
  export or overview, or in EXTRA; those taking one more argument get it from ARGUMENTS;
- API lists: the DRF routers' "...-list" routes and the indicators, without arguments;
- form pages that add a record (forms()), for the manager: their largest picker.
"""

from django.urls import URLResolver, get_resolver

PARTNERSHIP = "p/<slug:slug>/"
WORDS = ("dashboard", "report", "export", "overview", "deadlines", "year-on-year")
EXTRA = {"people", "funding:years", "scrutiny:dataset", "home"}
NOT_PAGES = ("-create", "-edit", "-remove", "-add", "-new", "-render", "-sign-off", "-recommend",
             "-publication", "-narrative", "-download", "-html")
# Routes with one more argument than the partnership: {argument: how to find its value}
ARGUMENTS = {
    "start_year": "current financial year",
    "cycle_pk": "the latest Section 11 cycle",
    "code": "an indicator",
}
# API lists that need a query: {name: query, formatted with the partnership}
API_QUERIES = {"scrutiny:api-indicators": "partnership={partnership.pk}"}
INDICATORS = ("s11_completion", "attendance_all", "actions_overdue")
# The model whose Django admin changelist is the baseline of each page (API lists: the
# viewset's queryset's model).
MODELS = {
    "agency-list": "partnership.Agency", "people": "partnership.PartnershipMembership",
    "child-protection-team-list": "partnership.ChildProtectionTeam",
    "partnership-overview": "partnership.Designation", "home": "partnership.Partnership",
    "action": "governance.Action", "attendance": "governance.Attendance",
    "decision-list": "governance.Decision", "group-list": "governance.Group",
    "meeting-list": "governance.Meeting", "priority-list": "governance.Priority",
    "s11:return-list": "agencies.Return", "s11:cycle-list": "agencies.Cycle",
    "s11:extension-list": "agencies.Extension", "s11:template-list": "agencies.AssessmentTemplate",
    "s11:challenge-list": "agencies.ChallengeEvent", "s11:analysis": "agencies.Answer",
    "s11:export": "agencies.Answer", "s11:year-on-year": "agencies.Return",
    "reviews:case-list": "reviews.Notification", "reviews:deadlines": "reviews.Notification",
    "practice-review-list": "reviews.PracticeReview", "national-review-list": "reviews.NationalReview",
    "theme": "reviews.LearningTheme", "recommendation-list": "reviews.Recommendation",
    "scrutiny:challenge-list": "scrutiny.Challenge", "activity-list": "scrutiny.ScrutinyActivity",
    "section-list": "scrutiny.ScrutinyActivity", "consultation-list": "scrutiny.Consultation",
    "dataset-measure-list": "scrutiny.Measure", "dataset": "scrutiny.DatasetReturn",
    "report-list": "scrutiny.YearlyReport", "dashboard": "governance.Action",
    "indicator": "governance.Action", "funding": "funding.Contribution",
    "arrangements:list": "arrangements.DocumentVersion",
}


def walk(patterns=None, prefix="", namespace=""):
    """(route, name) of every URL pattern, names with their namespaces."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def is_list(route, name):
    return name.endswith("-list") and (route.startswith(PARTNERSHIP) or route.startswith("api/"))


def arguments(route):
    """The arguments a route takes beyond the partnership's slug."""
    rest = route.removeprefix(PARTNERSHIP)
    return [part.split(">")[0].split(":")[-1] for part in rest.split("<")[1:]]


def pages():
    """[(name, extra argument or None)] of the partnership pages measured."""
    chosen = []
    for route, name in walk():
        base = name.split(":")[-1]
        if not (route.startswith(PARTNERSHIP) or name == "home") or any(
                word in base for word in NOT_PAGES):
            continue
        if not (base.endswith("-list") or name in EXTRA or any(w in base for w in WORDS)
                or base in ("year", "analysis", "indicator")):
            continue
        extra = arguments(route)
        if len(extra) > 1 or (extra and extra[0] not in ARGUMENTS):
            continue
        chosen.append((name, extra[0] if extra else None))
    return chosen


FORM_WORDS = ("-create", "-add", "-new", "invite")


def forms():
    """[(name, extra argument or None)] of the partnership's form pages that add a record
    (their pickers must offer at most a few hundred choices at national scale)."""
    return [(name, (arguments(route) or [None])[0]) for route, name in walk()
            if route.startswith(PARTNERSHIP) and any(w in name.split(":")[-1] for w in FORM_WORDS)
            and len(arguments(route)) <= 1 and set(arguments(route)) <= set(ARGUMENTS)]


def api_lists():
    """[name] of the API lists measured (no arguments)."""
    return [name for route, name in walk() if route.startswith("api/") and "<" not in route
            and "(?P" not in route and (name.endswith("-list") or name.endswith("api-indicators"))]


def model_for(name):
    """The label of the model a page or API list lists, or None."""
    name = name.replace("api-", "")
    for key in sorted(MODELS, key=len, reverse=True):
        if key == name or key == name.split(":")[-1] or key in name:
            return MODELS[key]
    return None
