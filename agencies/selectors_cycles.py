"""Reads for cycles, templates and extensions: the cycle list with its counts, the
completion view of one cycle, the template library and the extension requests. Each list
runs a fixed number of queries, however many rows it has."""

from django.db.models import Case, Count, F, Prefetch, Q, When

from .models import Extension, ExtensionStatus, Kind, Request, Status

DONE = (Status.SUBMITTED, Status.SIGNED_OFF)
OPEN = (Status.DRAFT, Status.RETURNED)

NOT_STARTED, STARTED = "not_started", "started"
LABELS = {
    NOT_STARTED: "Not started",
    STARTED: "Started",
    Status.SUBMITTED: "Submitted",
    Status.SIGNED_OFF: "Signed off",
    Status.RETURNED: "Returned for amendment",
}
TAGS = {
    NOT_STARTED: "govuk-tag--grey",
    STARTED: "govuk-tag--light-blue",
    Status.SUBMITTED: "govuk-tag--blue",
    Status.SIGNED_OFF: "govuk-tag--green",
    Status.RETURNED: "govuk-tag--orange",
}


def request_state(assessment):
    """not_started, started, submitted, signed_off or returned."""
    if assessment.status == Status.DRAFT:
        return STARTED if assessment.started_at else NOT_STARTED
    return assessment.status


def is_overdue(request, today):
    return request.assessment.status in OPEN and request.due_on < today


def _counts(today):
    """The cumulative counts of a cycle's requests: asked, started (anything begun),
    submitted (submitted or signed off), signed off, and overdue (due before today and not
    submitted)."""
    begun = Q(requests__assessment__started_at__isnull=False) | Q(
        requests__assessment__status__in=(*DONE, Status.RETURNED))
    done = Q(requests__assessment__status__in=DONE)
    return {
        "asked": Count("requests", distinct=True),
        "started": Count("requests", filter=begun, distinct=True),
        "submitted": Count("requests", filter=done, distinct=True),
        "signed_off": Count("requests", filter=Q(requests__assessment__status=Status.SIGNED_OFF),
                            distinct=True),
        "overdue": Count("requests", distinct=True, filter=Q(
            requests__due_on__lt=today, requests__assessment__status__in=OPEN)),
    }


def cycle_list(cycles, today):
    """The cycles with their template and the counts of their requests, newest first: a
    lazy queryset to page through (one query a page)."""
    return (cycles.select_related("template").annotate(**_counts(today))
            .order_by("-opens_on", "name", "pk"))


def own_requests(requests):
    """Requests for an agency member's cycle list, with the cycle, its template and the
    agency's return: a lazy queryset to page through (one query a page)."""
    return (requests.select_related("cycle__template", "agency", "assessment")
            .order_by("-cycle__opens_on", "cycle__name", "agency__name", "pk"))


def with_state(rows, today):
    """A page of own requests with the state of each return and whether it is overdue."""
    for row in rows:
        row.state = request_state(row.assessment)
        row.state_label, row.state_tag = LABELS[row.state], TAGS[row.state]
        row.overdue = is_overdue(row, today)
    return rows


def completion_totals(requests, today):
    """How many of the cycle's requests are asked, started, submitted, signed off and
    overdue (one query); each count includes the later stages."""
    begun = Q(assessment__started_at__isnull=False) | Q(
        assessment__status__in=(*DONE, Status.RETURNED))
    return requests.aggregate(
        asked=Count("pk"), started=Count("pk", filter=begun),
        submitted=Count("pk", filter=Q(assessment__status__in=DONE)),
        signed_off=Count("pk", filter=Q(assessment__status=Status.SIGNED_OFF)),
        overdue=Count("pk", filter=Q(due_on__lt=today, assessment__status__in=OPEN)))


def completion_rows(requests):
    """Per agency asked, by name, a lazy queryset to page through: its agency, return,
    the other partnerships' requests the return answers and a pending extension."""
    others = Request.objects.select_related("cycle__partnership").order_by(
        "cycle__partnership__name")
    return requests.select_related("agency", "assessment", "cycle").prefetch_related(
        "agency__former_names",
        Prefetch("assessment__requests", queryset=others, to_attr="all_requests"),
        Prefetch("extensions", queryset=Extension.objects.filter(status=ExtensionStatus.PENDING),
                 to_attr="pending")).order_by("agency__name", "pk")


def completion(rows, today, *, readable=()):
    """A page of completion_rows, each with the deadline after extensions, the state of its
    return, whether it is overdue, the other partnerships the return is shared with.
    `readable` are the requests whose return the viewer may open."""
    rows, readable = list(rows), set(readable)
    for row in rows:
        row.state = request_state(row.assessment)
        row.state_label, row.state_tag = LABELS[row.state], TAGS[row.state]
        row.overdue = is_overdue(row, today)
        row.readable = row.pk in readable
        row.shared_with = sorted({r.cycle.partnership.name for r in row.assessment.all_requests
                                  if r.cycle.partnership_id != row.cycle.partnership_id})
        row.extended = row.due_on != row.cycle.closes_on
    return rows


def template_list(templates, partnership):
    """Library and own templates by kind, library first, each with how many of the
    partnership's cycles use it and how many standards it has: a lazy queryset to page
    through (one query a page)."""
    return templates.select_related("partnership").annotate(
        used_by=Count("cycles", filter=Q(cycles__partnership=partnership), distinct=True),
        standard_count=Count("standards", distinct=True)).order_by(
        "kind", F("partnership_id").asc(nulls_first=True), "name", "-version", "pk")


def by_kind(rows):
    """A page of templates grouped by kind: [(kind label, [templates])]."""
    groups = []
    for kind, label in Kind.choices:
        in_kind = [t for t in rows if t.kind == kind]
        if in_kind:
            groups.append((label, in_kind))
    return groups


def template_page(template, partnership):
    """The template's standards with their questions, and the partnership's cycles that
    use it (three queries)."""
    standards = list(template.standards.prefetch_related("questions"))
    cycles = list(template.cycles.filter(partnership=partnership).order_by("-opens_on"))
    return {"standards": standards, "cycles": cycles, "options": template.options,
            "threshold": threshold_text(template)}


def threshold_text(template):
    """When an answer needs an action plan item, in words."""
    values = sorted(dict(template.options))
    below = template.action_below
    if below <= values[0]:
        return "Never"
    if below > values[-1]:
        return "For every rating"
    worse = [template.label_of(v) for v in values if v < below]
    return f"For a rating below {template.label_of(below)}: {', '.join(worse)}"


def extension_list(extensions):
    """Extension requests, pending first, then the newest: a lazy queryset to page through
    (one query a page)."""
    pending_first = Case(When(status=ExtensionStatus.PENDING, then=0), default=1)
    return (extensions.select_related("request__agency", "request__cycle", "asked_by",
                                      "decided_by")
            .order_by(pending_first, "-asked_at", "-pk"))


def pending_count(extensions):
    return extensions.filter(status=ExtensionStatus.PENDING).count()
