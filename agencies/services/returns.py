"""Returns: answers saved as drafts at any time, evidence, action plan items, carrying
last cycle's answers forward, submission (which lists exactly what is missing), sign-off
by the chief officer (after which the return is locked and its action plan joins each
asking partnership's action register), sending back to the lead for amendment (by the chief
officer or a business unit), the lead's recall before sign-off, and moderation. Each step
of the workflow tells the people concerned (services/return_notifications.py).

Every save checks the version the writer started from, so two people editing the same
return never silently overwrite each other, and keeps a snapshot (ReturnVersion)."""

from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from governance.services import actions
from partnership.errors import Conflict, Forbidden, Incomplete, Invalid, WrongState
from partnership.files import file_save
from partnership.services.common import model_update

from ..models import (
    EDITABLE,
    Answer,
    Evidence,
    Moderation,
    PlanItem,
    Return,
    ReturnVersion,
    Status,
)
from . import return_notifications as notices
from .by_question import (
    by_question,
    carry_questions,
    missing_questions,
    narrative_of,
    snapshot_questions,
)

INCOMPLETE = "The return is not complete yet, so it has not been submitted."
CONFLICT = ("Someone else saved this return while you were working on it. Your changes have "
            "not been saved: reload the page to see theirs, then make yours again")


def _locked(assessment, version):
    """The return, locked for this transaction, after checking it may change."""
    assessment = Return.objects.select_for_update().get(pk=assessment.pk)
    if version is not None and assessment.version != version:
        raise Conflict(CONFLICT, current=assessment.version)
    if assessment.status not in EDITABLE:
        raise WrongState(f"This return is {assessment.get_status_display().lower()} and "
                         "can no longer be changed")
    return assessment


def snapshot(assessment):
    return {
        "status": assessment.status,
        "answers": [{"standard": a.standard.number, "rating": a.rating, "narrative": a.narrative,
                     "evidence": [e.title for e in a.evidence.all()],
                     **({"questions": snapshot_questions(a)} if a.question_answers.all() else {})}
                    for a in assessment.answers.select_related("standard")
                    .prefetch_related("evidence", "question_answers__question")],
        "plan": [{"standard": p.standard.number if p.standard else None, "action": p.action,
                  "owner": p.owner, "due_on": p.due_on.isoformat()}
                 for p in assessment.plan_items.select_related("standard")],
    }


def _saved(assessment, user, event):
    assessment.version += 1
    if assessment.started_at is None:
        assessment.started_at = timezone.now()
    assessment.save()
    ReturnVersion.objects.create(assessment=assessment, number=assessment.version, event=event,
                                 status=assessment.status, snapshot=snapshot(assessment), by=user)
    return assessment


@transaction.atomic
def answer_save(*, assessment, standard, user, version, rating=None, narrative=""):
    assessment = _locked(assessment, version)
    if standard.template_id != assessment.template_id:
        raise Invalid("That standard is not part of this return's template")
    if by_question(standard):
        raise Invalid({"rating": f"Standard {standard.number} is answered question by question: "
                                 "rate and answer each of its questions"})
    values = {value for value, _ in assessment.template.options}
    if rating is not None and rating not in values:
        raise Invalid({"rating": "Choose one of the ratings"})
    answer, _ = Answer.objects.get_or_create(assessment=assessment, standard=standard)
    model_update(answer, {"rating": rating, "narrative": narrative.strip()}, ("rating", "narrative"))
    _saved(assessment, user, "saved")
    return answer


@transaction.atomic
def evidence_add(*, assessment, standard, user, version, title, link="", checked=None,
                 question=None):
    """Evidence for a standard's answer; `question`: for one of its questions, in a
    standard answered question by question."""
    assessment = _locked(assessment, version)
    if question is not None and (question.standard_id != standard.pk or not by_question(standard)):
        raise Invalid("That question is not answered on its own in this standard")
    if not (link or checked):
        raise Invalid({"file": "Upload a file or enter a link to the evidence"})
    if not title.strip():
        raise Invalid({"title": "Enter a title for the evidence"})
    answer, _ = Answer.objects.get_or_create(assessment=assessment, standard=standard)
    evidence = Evidence(answer=answer, question=question, title=title.strip(), link=link,
                        uploaded_by=user)
    if checked is not None:
        file_save(evidence.file, checked)
        evidence.filename, evidence.content_type = checked.filename, checked.content_type
    evidence.save()
    _saved(assessment, user, "evidence added")
    return evidence


@transaction.atomic
def evidence_remove(*, evidence, user, version):
    assessment = _locked(evidence.answer.assessment, version)
    evidence.delete()
    _saved(assessment, user, "evidence removed")


@transaction.atomic
def plan_item_add(*, assessment, user, version, action, due_on, owner="", standard=None):
    assessment = _locked(assessment, version)
    if not action.strip():
        raise Invalid({"action": "Describe the action"})
    if standard is not None and standard.template_id != assessment.template_id:
        raise Invalid({"standard": "Choose a standard of this return"})
    item = PlanItem.objects.create(assessment=assessment, standard=standard, action=action.strip(),
                                   owner=owner.strip(), due_on=due_on)
    _saved(assessment, user, "action plan")
    return item


@transaction.atomic
def plan_item_remove(*, item, user, version):
    assessment = _locked(item.assessment, version)
    item.delete()
    _saved(assessment, user, "action plan")


def previous_return(assessment):
    """The agency's latest signed-off return on a template of the same kind."""
    return (Return.objects.filter(agency=assessment.agency, status=Status.SIGNED_OFF,
                                  template__kind=assessment.template.kind)
            .exclude(pk=assessment.pk).order_by("-signed_off_at").first())


@transaction.atomic
def carry_forward(*, assessment, user, version):
    """Copy last cycle's answers (matched by standard number, where this return has none
    yet) and its action plan items not yet done (due today or later)."""
    assessment = _locked(assessment, version)
    previous = previous_return(assessment)
    if previous is None:
        raise Invalid("There is no earlier signed-off return of your agency to carry forward")
    standards = {s.number: s for s in assessment.template.standards.prefetch_related("questions")}
    answered = set(assessment.answers.exclude(rating__isnull=True, narrative="")
                   .values_list("standard__number", flat=True))
    copied = 0
    for old in previous.answers.select_related("standard").prefetch_related("standard__questions"):
        standard = standards.get(old.standard.number)
        if standard is None or standard.number in answered:
            continue
        if by_question(standard):  # only from question answers, never a standard's rating
            if by_question(old.standard):
                new, _ = Answer.objects.get_or_create(assessment=assessment, standard=standard)
                copied += bool(carry_questions(old, new))
            continue
        Answer.objects.update_or_create(assessment=assessment, standard=standard, defaults={
            "rating": old.rating, "narrative": narrative_of(old)})
        copied += 1
    today = timezone.localdate()
    for item in previous.plan_items.select_related("standard").filter(due_on__gte=today):
        PlanItem.objects.create(assessment=assessment, action=item.action, owner=item.owner,
                                due_on=item.due_on, carried_forward=True,
                                standard=standards.get(item.standard.number) if item.standard else None)
    assessment.carried_from = previous
    _saved(assessment, user, "carried forward")
    return copied


class Missing(NamedTuple):
    """One thing that stops a return being submitted: `anchor` names its standard
    (`standard-<id>`), `step` is where it is put right: "answer" (the standard's answer and
    evidence) or "plan" (an action plan item for it)."""

    anchor: str
    message: str
    step: str


def missing_items(assessment):
    """Everything that stops the return being submitted, in template order, as Missing."""
    template = assessment.template
    answers = {a.standard_id: a for a in assessment.answers.prefetch_related(
        "evidence", "question_answers")}
    planned = set(assessment.plan_items.values_list("standard_id", flat=True))
    problems = []
    for standard in template.standards.prefetch_related("questions"):
        answer = answers.get(standard.pk)
        anchor = f"standard-{standard.pk}"
        name = f"Standard {standard.number} ({standard.title})"
        if by_question(standard):
            problems += [Missing(anchor, message, "answer")
                         for message in missing_questions(standard, answer, name)]
            if answer is None or answer.rating is None:
                continue
        else:
            if answer is None or answer.rating is None:
                problems.append(Missing(anchor, f"{name}: choose a rating", "answer"))
                continue
            if not answer.narrative.strip():
                problems.append(Missing(anchor, f"{name}: describe how your agency meets the "
                                                "standard", "answer"))
            if (any(q.evidence_required for q in standard.questions.all())
                    and not answer.evidence.all()):
                problems.append(Missing(anchor, f"{name}: add evidence (a file or a link)",
                                        "answer"))
        if answer.rating < template.action_below and standard.pk not in planned:
            problems.append(Missing(anchor, f"{name}: rated {template.label_of(answer.rating)}, "
                                            "so add an action plan item for it", "plan"))
    return problems


def missing(assessment):
    """Everything that stops the return being submitted, in template order: (anchor,
    message) pairs for the GOV.UK error summary."""
    return [(item.anchor, item.message) for item in missing_items(assessment)]


@transaction.atomic
def submit(*, assessment, user, version):
    assessment = _locked(assessment, version)
    problems = missing_items(assessment)
    if problems:
        raise Incomplete(INCOMPLETE, problems)
    assessment.status = Status.SUBMITTED
    assessment.submitted_by, assessment.submitted_at = user, timezone.now()
    assessment.returned_comment = ""
    _saved(assessment, user, "submitted")
    notices.submitted(assessment, user)
    return assessment


@transaction.atomic
def sign_off(*, assessment, user):
    """The chief officer's sign-off locks the return; its action plan joins the action
    register of every partnership that asked for it."""
    assessment = Return.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Status.SUBMITTED:
        raise WrongState("Only a submitted return can be signed off")
    assessment.status = Status.SIGNED_OFF
    assessment.signed_off_by, assessment.signed_off_at = user, timezone.now()
    _saved(assessment, user, "signed off")
    cycles = [r.cycle for r in assessment.requests.select_related("cycle__partnership")]
    for item in assessment.plan_items.select_related("standard"):
        for cycle in cycles:
            label = f"{cycle.name}" + (f", standard {item.standard.number}" if item.standard else "")
            item.register_actions.add(actions.action_create(
                partnership=cycle.partnership, source="section_11", source_label=label,
                description=item.action, owner_agency=assessment.agency, due_on=item.due_on,
                created_by=user))
    notices.signed_off(assessment, user)
    return assessment


def _submitted(assessment, step):
    """The return, locked for this transaction, after checking it waits for sign-off."""
    assessment = Return.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Status.SUBMITTED:
        state = ("a draft" if assessment.status == Status.DRAFT
                 else assessment.get_status_display().lower())
        raise WrongState(f"This return is {state}: only a submitted return that is not yet "
                         f"signed off can be {step}")
    return assessment


@transaction.atomic
def send_back(*, assessment, user, reason):
    """The agency's chief officer or a business unit sends the submitted return back to the
    agency's lead, with the reasons, for amendment (status: returned)."""
    assessment = _submitted(assessment, "sent back")
    if not reason.strip():
        raise Invalid({"reason": "Enter the reasons for sending the return back"})
    assessment.status, assessment.returned_comment = Status.RETURNED, reason.strip()
    _saved(assessment, user, "returned")
    notices.sent_back(assessment, user)
    return assessment


@transaction.atomic
def recall(*, assessment, user):
    """The agency's lead takes the submitted return back, before sign-off, as a draft."""
    assessment = _submitted(assessment, "recalled")
    assessment.status = Status.DRAFT
    assessment.submitted_by = assessment.submitted_at = None
    _saved(assessment, user, "recalled")
    notices.recalled(assessment, user)
    return assessment


@transaction.atomic
def moderate(*, assessment, partnership, standard, rating, feedback, user):
    if assessment.status not in (Status.SUBMITTED, Status.SIGNED_OFF):
        raise WrongState("Only submitted returns are moderated")
    if not assessment.requests.filter(cycle__partnership=partnership).exists():
        raise Forbidden("This partnership did not ask for this return")
    if standard.template_id != assessment.template_id:
        raise Invalid({"standard": "Choose a standard of this return"})
    if rating not in {value for value, _ in assessment.template.options}:
        raise Invalid({"rating": "Choose one of the ratings"})
    moderation, _ = Moderation.objects.update_or_create(
        assessment=assessment, partnership=partnership, standard=standard,
        defaults={"rating": rating, "feedback": feedback.strip(), "moderator": user})
    return moderation


@transaction.atomic
def moderation_save(*, assessment, partnership, user, entries):
    """Several standards' moderated ratings and feedback, all or nothing: `entries` is
    [(standard, rating, feedback)]. Returns how many were saved."""
    for standard, rating, feedback in entries:
        moderate(assessment=assessment, partnership=partnership, standard=standard,
                 rating=rating, feedback=feedback, user=user)
    return len(entries)
