"""A return's standards answered question by question (`Standard.rate_questions`): the
standard's page (its questions with their status and rating, and the standard's rating,
the lowest of them), each question's answer (its own rating and narrative, saved with the
return's version: a stale one is refused and nothing changes) and its evidence.

Who may do what is decided in agencies/permissions.py; writes go through
agencies/services/questions.py and agencies/services/returns.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from partnership.views.common import attempt, bound

from .. import permissions
from ..forms.questions import QuestionAnswerForm
from ..forms.returns import EvidenceForm
from ..models import Question
from ..selectors_questions import question_page, standard_page
from ..services import questions as services
from ..services import returns as return_services
from ..services.by_question import by_question

BY_QUESTION = ("Standard {number} is answered question by question: choose a question below "
               "to rate and answer it.")



def _question(assessment, question_pk):
    """A question the return answers on its own; 404 for any other."""
    try:
        question = (Question.objects.select_related("standard")
                    .prefetch_related("standard__questions")
                    .get(pk=question_pk, standard__template_id=assessment.template_id))
    except (Question.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such question") from None
    if not by_question(question.standard):
        raise Http404("This question is not answered on its own")
    return question




def standard_answer(request, partnership, assessment, standard):
    """The page of a standard answered question by question (agencies/views/returns.py
    `answer` hands these standards here). A POST of a single answer is refused."""
    can_edit = permissions.can_edit(request.user, assessment)
    errors = []
    if request.method == "POST":
        permissions.require_edit(request.user, assessment)
        errors = [{"href": "#questions", "message": BY_QUESTION.format(number=standard.number)}]
    page = standard_page(assessment, standard)
    answer = page["answer"]
    return render(request, "agencies/returns/questions.html", {
        "partnership": partnership, "assessment": assessment, "standard": standard,
        "template": assessment.template, "can_edit": can_edit, "version": assessment.version,
        "rating_label": assessment.template.label_of(answer.rating) if answer else "",
        "errors": errors, **page})


@require_http_methods(["GET", "POST"])
def question_answer(request, slug, pk, question_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    question = _question(assessment, question_pk)
    user = request.user
    can_edit = permissions.can_edit(user, assessment)
    page = question_page(assessment, question)
    form = None
    if request.method == "POST":
        permissions.require_edit(user, assessment)
        form = QuestionAnswerForm(request.POST, template=assessment.template)
        if form.is_valid() and attempt(lambda: services.question_answer_save(
                assessment=assessment, question=question, user=user,
                version=form.cleaned_data["version"], rating=form.cleaned_data["rating"],
                narrative=form.cleaned_data["narrative"]), form=form).done:
            saved = f"Question {question.number} saved as a draft."
            if request.POST.get("action") == "evidence":
                messages.success(request, f"{saved} Now add the evidence.")
                return redirect("s11:question-evidence-add", slug=slug, pk=pk,
                                question_pk=question.pk)
            messages.success(request, saved)
            return redirect("s11:answer", slug=slug, pk=pk, standard_pk=question.standard_id)
    elif can_edit:
        qa = page["row"].answer
        form = QuestionAnswerForm(template=assessment.template, initial={
            "rating": qa.rating if qa else None, "narrative": qa.narrative if qa else "",
            "version": assessment.version})
    return render(request, "agencies/returns/question.html", {
        "partnership": partnership, "assessment": assessment, "question": question,
        "standard": question.standard, "template": assessment.template, "form": form,
        "can_edit": can_edit, "version": assessment.version, "row": page["row"],
        "evidence": page["row"].evidence})


@require_http_methods(["GET", "POST"])
def question_evidence_add(request, slug, pk, question_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    question = _question(assessment, question_pk)
    user = request.user
    permissions.require_edit(user, assessment)
    form = bound(EvidenceForm, request, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: return_services.evidence_add(
            assessment=assessment, standard=question.standard, question=question, user=user,
            version=form.cleaned_data["version"], title=form.cleaned_data["title"],
            link=form.cleaned_data["link"], checked=form.cleaned_data["file"]), form=form)
        if outcome.done:
            messages.success(request, f"Evidence ‘{outcome.result.title}’ added to question "
                                      f"{question.number}.")
            return redirect("s11:question-answer", slug=slug, pk=pk, question_pk=question.pk)
    return render(request, "agencies/returns/evidence_add.html", {
        "partnership": partnership, "assessment": assessment, "standard": question.standard,
        "form": form, "title": "Add evidence", "button": "Add the evidence", "multipart": True,
        "caption": f"Question {question.number}: {question.text}",
        "back": reverse("s11:question-answer", args=[slug, pk, question.pk]),
        "needs": [question] if question.evidence_required else []})
