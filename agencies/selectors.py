"""Reads for returns that are more than a get, in a fixed number of queries. Callers pass
what the user may see (from agencies/permissions.py)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from .models import EDITABLE, Request
from .permissions import READABLE
from .selectors_questions import question_rows
from .services.by_question import by_question
from .services.returns import missing


def return_rows(returns, partnership):
    """The return list, a lazy queryset to page through: each return with its agency,
    template and the requests of this partnership's cycles (`here`: cycle and deadline
    after extensions), by agency name (three queries a page)."""
    here = Prefetch("requests", to_attr="here", queryset=Request.objects.filter(
        cycle__partnership=partnership).select_related("cycle").order_by("due_on", "pk"))
    return (returns.select_related("agency", "template")
            .prefetch_related(here, "agency__former_names").order_by("agency__name", "-pk"))


def mark_overdue(rows, today=None):
    """`overdue` on each of a page of return_rows: still being written after a deadline."""
    today = today or timezone.localdate()
    rows = list(rows)
    for row in rows:
        row.overdue = row.status in EDITABLE and any(r.due_on < today for r in row.here)
    return rows


def requests_here(assessment, partnership, today=None):
    """The requests of this partnership's cycles a return answers, each with `overdue`."""
    today = today or timezone.localdate()
    requests = list(assessment.requests.filter(cycle__partnership=partnership)
                    .select_related("cycle").order_by("due_on", "pk"))
    for request in requests:
        request.overdue = assessment.editable and request.due_on < today
    return requests


def shared_with(assessment):
    """The partnerships that asked for this return, by name."""
    seen = {}
    for request in assessment.requests.select_related("cycle__partnership").order_by(
            "cycle__partnership__name"):
        seen.setdefault(request.cycle.partnership.pk, request.cycle.partnership)
    return list(seen.values())


NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass
class Task:
    standard: object
    answer: object
    status: str
    rating_label: str
    problems: list


def standard_tasks(assessment):
    """One task per standard of the return's template, in order, with its status: not
    started, in progress or completed (rated, described, with the evidence its questions
    need and an action plan item if rated below the template's threshold). Also the
    (anchor, message) pairs that stop the return being submitted."""
    template = assessment.template
    problems = missing(assessment)
    by_anchor = {}
    for anchor, message in problems:
        by_anchor.setdefault(anchor, []).append(message)
    answers = {a.standard_id: a for a in assessment.answers.annotate(
        evidence_count=Count("evidence", distinct=True),
        question_count=Count("question_answers", distinct=True))}
    tasks = []
    for standard in template.standards.all():
        answer = answers.get(standard.pk)
        own = by_anchor.get(f"standard-{standard.pk}", [])
        if answer is None or (answer.rating is None and not answer.narrative.strip()
                              and not answer.evidence_count and not answer.question_count):
            status = NOT_STARTED
        elif own:
            status = IN_PROGRESS
        else:
            status = COMPLETED
        tasks.append(Task(standard=standard, answer=answer, status=status, problems=own,
                          rating_label=template.label_of(answer.rating) if answer else ""))
    return tasks, problems


def plan_needed(assessment, items=None):
    """The standards rated below the template's threshold that have no action plan item."""
    template = assessment.template
    items = assessment.plan_items.all() if items is None else items
    planned = {item.standard_id for item in items}
    return [answer.standard for answer in assessment.answers.select_related("standard")
            .filter(rating__lt=template.action_below).order_by("standard__position", "standard__pk")
            if answer.standard_id not in planned]


def plan_items(assessment):
    return list(assessment.plan_items.select_related("standard"))


def answer_page(assessment, standard):
    """A standard's questions, the return's answer to it (or None) and its evidence."""
    answer = assessment.answers.filter(standard=standard).first()
    evidence = list(answer.evidence.all()) if answer else []
    return {"questions": list(standard.questions.all()), "answer": answer, "evidence": evidence}


def check_answers(assessment):
    """Every standard with its answer and evidence, for the check-your-answers page (and
    the printable copy); a standard answered question by question also has `questions`
    (selectors_questions.question_rows), with their own evidence (its `evidence` is then
    what is not tied to one question)."""
    template = assessment.template
    answers = {a.standard_id: a for a in assessment.answers.prefetch_related(
        "evidence", "question_answers")}
    rows = []
    for standard in template.standards.prefetch_related("questions"):
        answer = answers.get(standard.pk)
        evidence = list(answer.evidence.all()) if answer else []
        rows.append({"standard": standard, "answer": answer,
                     "evidence": [e for e in evidence if e.question_id is None],
                     "label": template.label_of(answer.rating) if answer else "",
                     "questions": question_rows(template, standard.questions.all(), answer)
                     if by_question(standard) else []})
    return rows


def versions(assessment, readable_only=False):
    """The kept versions, newest first; only those of submitted or signed-off states for
    readers outside the agency and the business unit."""
    rows = assessment.versions.select_related("by").order_by("-number", "-pk")
    return rows.filter(status__in=READABLE) if readable_only else rows


def snapshot_rows(assessment, version):
    """A kept version's answers and plan, with the standards' titles and rating labels."""
    template = assessment.template
    titles = {s.number: s.title for s in template.standards.all()}
    answers = [{**a, "title": titles.get(a["standard"], ""), "label": template.label_of(a["rating"])}
               for a in version.snapshot.get("answers", [])]
    plan = [{**p, "title": titles.get(p["standard"], ""), "due": _date(p.get("due_on"))}
            for p in version.snapshot.get("plan", [])]
    return answers, plan


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
