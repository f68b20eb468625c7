"""/p/<slug>/scrutiny/consultations/...: consultations with the relevant agencies. The
business unit creates one, adds its questions and sends it; each agency's lead answers
once for the agency; the scrutiny readers see the responses and the summary.

Who may do what is decided in scrutiny/permissions.py; writes go through
scrutiny/services/consultations.py."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from partnership.forms.pickers import offer_in
from partnership.lists import plain_page
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.consultations import ConsultationForm, QuestionForm, ResponseForm, SendForm
from ..models import ResponseStatus
from ..selectors import consultations as selectors
from ..selectors import dataset as dataset_selectors
from ..services import consultations as services


@require_GET
def consultation_list(request, slug):
    user = request.user
    partnership = permissions.partnership_for_consultations(user, slug)
    page, query = plain_page(request, selectors.with_counts(
        permissions.consultations_for(user, partnership)))
    return render(request, "scrutiny/consultations/list.html", {
        "partnership": partnership, "reader": permissions.can_view(user, partnership),
        "page": page, "query": query,
        "can_manage": permissions.can_manage_dataset(user, partnership)})


@require_http_methods(["GET", "POST"])
def consultation_create(request, slug):
    partnership = permissions.partnership_for_consultations(request.user, slug)
    permissions.require_manage_dataset(request.user, partnership)
    form = bound(ConsultationForm, request)
    consultation = submit(request, form, lambda: services.consultation_create(
        partnership=partnership, created_by=request.user, **form.cleaned_data))
    if consultation:
        messages.success(request, f"Consultation ‘{consultation.title}’ created. Now add its "
                                  "questions.")
        return redirect("scrutiny:consultation-detail", slug=slug, pk=consultation.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Create a consultation",
        "caption": "Consultations", "button": "Create the consultation",
        "back": reverse("scrutiny:consultation-list", args=[slug])})


def _consultation(request, slug, pk, *, manage=False):
    partnership = permissions.partnership_for_consultations(request.user, slug)
    consultation = permissions.consultation_for(request.user, partnership, pk)
    if manage:
        permissions.require_manage_dataset(request.user, partnership)
    return partnership, consultation


@require_GET
def consultation_detail(request, slug, pk):
    user = request.user
    partnership, consultation = _consultation(request, slug, pk)
    return render(request, "scrutiny/consultations/detail.html", {
        "partnership": partnership, "consultation": consultation,
        "questions": list(consultation.questions.all()),
        "responses": selectors.response_rows(
            permissions.consultation_responses_for(user, consultation)),
        "reader": permissions.can_view(user, partnership),
        "can_manage": permissions.can_manage_dataset(user, partnership)
        and consultation.sent_at is None,
        "open": consultation.closes_on >= timezone.localdate()})


@require_http_methods(["GET", "POST"])
def question_add(request, slug, pk):
    partnership, consultation = _consultation(request, slug, pk, manage=True)
    form = bound(QuestionForm, request)
    question = submit(request, form, lambda: services.question_add(
        consultation=consultation, **form.cleaned_data))
    if question:
        messages.success(request, f"Question {question.position} added.")
        return redirect("scrutiny:consultation-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a question",
        "caption": consultation.title, "button": "Add the question",
        "back": reverse("scrutiny:consultation-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def consultation_send(request, slug, pk):
    partnership, consultation = _consultation(request, slug, pk, manage=True)
    form = offer_in(bound(SendForm, request,
                          agencies=dataset_selectors.designated_agencies(partnership)),
                    "agencies", request)
    sent = submit(request, form, lambda: services.consultation_send(
        consultation=consultation, **form.cleaned_data))
    if sent:
        messages.success(request, f"Consultation sent to {sent} agenc{'y' if sent == 1 else 'ies'}.")
        return redirect("scrutiny:consultation-detail", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": f"Send ‘{consultation.title}’",
        "caption": "Consultations", "button": "Send the consultation",
        "back": reverse("scrutiny:consultation-detail", args=[slug, pk])})


@require_GET
def consultation_summary_page(request, slug, pk):
    partnership, consultation = _consultation(request, slug, pk)
    permissions.require_summary(request.user, partnership)
    return render(request, "scrutiny/consultations/summary.html", {
        "partnership": partnership, "consultation": consultation,
        "summary": selectors.summary_of(consultation)})


@require_http_methods(["GET", "POST"])
def respond(request, slug, pk, agency_pk):
    user = request.user
    partnership, consultation = _consultation(request, slug, pk)
    response = permissions.consultation_response_for(user, consultation, agency_pk)
    may_answer = permissions.can_answer_consultation(user, response)
    editable = (response.status != ResponseStatus.SUBMITTED
                and consultation.closes_on >= timezone.localdate())
    form = None
    if request.method == "POST" or (may_answer and editable):
        if request.method == "POST":
            permissions.require_answer_consultation(user, response)
        questions = list(consultation.questions.all())
        initial = {"version": response.version, **selectors.saved_answers(response)}
        form = bound(ResponseForm, request, questions=questions, initial=initial)
        submitting = request.POST.get("action") == "submit"
        done = submit(request, form, lambda: services.response_save(
            response=response, user=user, version=form.cleaned_data["version"],
            answers=form.answers(), submit=submitting))
        if done:
            messages.success(request, "Your agency's response has been "
                                      + ("submitted." if submitting else "saved as a draft."))
            return redirect("scrutiny:consultation-respond", slug=slug, pk=pk,
                            agency_pk=response.agency_id)
    return render(request, "scrutiny/consultations/respond.html", {
        "partnership": partnership, "consultation": consultation, "response": response,
        "form": form, "answers": selectors.answers_of(response),
        "back": reverse("scrutiny:consultation-detail", args=[slug, pk])})
