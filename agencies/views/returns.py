"""An agency's return: the list, the GOV.UK task list, a standard's answer and evidence, the
action plan, carrying last cycle's answers forward, check-and-submit, the chief officer's
sign-off and the kept versions (sending back and recalling: views/return_steps.py).

Who may do what is decided in agencies/permissions.py; every write goes through
agencies/services/returns.py with the version of the return the writer started from."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.errors import Incomplete
from partnership.files import file_response
from partnership.lists import filtered_page
from partnership.views.common import attempt, bound

from .. import permissions, selectors
from .. import selectors_sign_off as signing
from ..forms.filters import ReturnFilter, current_cycle
from ..forms.returns import (
    AnswerForm,
    EvidenceForm,
    PlanItemForm,
    SignOffForm,
    VersionForm,
)
from ..models import PlanItem, Standard, Status
from ..services import returns as services
from ..services.by_question import by_question
from . import questions as question_views

SUBMIT_REFUSED = ("Only the agency's lead can submit its return, and only while it is a draft or "
                  "returned for amendment.")
SIGN_OFF_REFUSED = ("Only the agency's chief officer can sign off its return, and only once it "
                    "has been submitted.")


# Access helpers (thin; the decisions themselves are in agencies/permissions.py)


def _standard(assessment, standard_pk):
    return get_object_or_404(Standard, pk=standard_pk, template_id=assessment.template_id)


def _evidence(request, partnership, assessment, evidence_pk):
    evidence = permissions.evidence_for(request.user, partnership, evidence_pk)
    if evidence.answer.assessment_id != assessment.pk:
        raise Http404("No such evidence")
    return evidence




def _moderation_url(slug, assessment):
    """The moderation page, where the moderation routes exist."""
    try:
        return reverse("s11:moderate", kwargs={"slug": slug, "pk": assessment.pk})
    except NoReverseMatch:
        return None


def _attempt(request, form, write):
    """Run the service write for a POST with a valid form; (True, result) when it
    succeeded, otherwise (False, None) with the service's messages on the form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    outcome = attempt(write, form=form)
    return outcome.done, outcome.result


def _form_errors(form):
    """The form's messages as error summary items (a version field's error has no link)."""
    return [{"href": None, "message": message}
            for errors in form.errors.values() for message in errors]


def _threshold(assessment):
    template = assessment.template
    return template.label_of(template.action_below)


def _names(partnerships):
    names = [p.name for p in partnerships]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Pages

@require_GET
def return_list(request, slug):
    user = request.user
    partnership = permissions.partnership_for_assessments(user, slug)
    cycles = permissions.cycles_for(user, partnership)
    data = request.GET.copy()
    if "cycle" not in data:  # opens on the current cycle; "All cycles" sends an empty one
        current = current_cycle(cycles)
        data["cycle"] = current.pk if current else ""
    rows = selectors.return_rows(permissions.returns_for(user, partnership), partnership)
    filters = ReturnFilter(data, queryset=rows, cycles=cycles, partnership=partnership)
    page, query = filtered_page(request, filters)
    if page is not None:
        page.object_list = selectors.mark_overdue(page.object_list)
    return render(request, "agencies/returns/list.html", {
        "partnership": partnership, "page": page, "query": query, "form": filters.form,
        "own_only": not permissions.can_read(user, partnership)})


def _detail_page(request, partnership, assessment, *, errors=(), status=200):
    user = request.user
    tasks, problems = selectors.standard_tasks(assessment)
    items = selectors.plan_items(assessment)
    needed = selectors.plan_needed(assessment, items)
    can_edit = permissions.can_edit(user, assessment)
    previous = services.previous_return(assessment) if can_edit else None
    can_moderate = permissions.can_moderate(user, assessment, partnership)
    signers = (signing.signatories(assessment.agency)
               if assessment.status == Status.SUBMITTED else None)
    return render(request, "agencies/returns/detail.html", {
        "partnership": partnership, "assessment": assessment, "tasks": tasks,
        "completed": sum(1 for t in tasks if t.status == selectors.COMPLETED),
        "problems": problems, "items": items, "needed": needed,
        "requests": selectors.requests_here(assessment, partnership),
        "shared": selectors.shared_with(assessment),
        "can_edit": can_edit, "can_submit": permissions.can_submit(user, assessment),
        "can_sign_off": permissions.can_sign_off(user, assessment),
        "can_amend": permissions.can_send_back(user, assessment),
        "can_recall": permissions.can_recall(user, assessment),
        "sent_back_by": signing.sent_back_by(assessment),
        "signers": signers,
        "invite_url": reverse("people-invite", args=[partnership.slug])
        if signers == [] and permissions.names_chief_officers(user, partnership) else None,
        "moderation_url": _moderation_url(partnership.slug, assessment) if can_moderate else None,
        "previous": previous, "version": assessment.version, "errors": list(errors),
        "threshold": _threshold(assessment),
    }, status=status)


@require_GET
def return_detail(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    return _detail_page(request, partnership, assessment)


def _answer_page(request, partnership, assessment, standard, *, form=None, errors=()):
    page = selectors.answer_page(assessment, standard)
    can_edit = permissions.can_edit(request.user, assessment)
    if form is None and can_edit:
        answer = page["answer"]
        form = AnswerForm(template=assessment.template, initial={
            "rating": answer.rating if answer else None,
            "narrative": answer.narrative if answer else "", "version": assessment.version})
    answer = page["answer"]
    return render(request, "agencies/returns/answer.html", {
        "partnership": partnership, "assessment": assessment, "standard": standard,
        "template": assessment.template, "form": form, "can_edit": can_edit,
        "rating_label": assessment.template.label_of(answer.rating) if answer else "",
        "version": assessment.version, "errors": list(errors), **page})


@require_http_methods(["GET", "POST"])
def answer(request, slug, pk, standard_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    standard = _standard(assessment, standard_pk)
    if by_question(standard):
        return question_views.standard_answer(request, partnership, assessment, standard)
    form = None
    if request.method == "POST":
        user = request.user
        permissions.require_edit(user, assessment)
        form = AnswerForm(request.POST, template=assessment.template)
        done, _ = _attempt(request, form, lambda: services.answer_save(
            assessment=assessment, standard=standard, user=user,
            version=form.cleaned_data["version"], rating=form.cleaned_data["rating"],
            narrative=form.cleaned_data["narrative"]))
        if done:
            if request.POST.get("action") == "evidence":
                messages.success(request, f"Standard {standard.number} saved as a draft. "
                                          "Now add the evidence.")
                return redirect("s11:evidence-add", slug=slug, pk=pk, standard_pk=standard.pk)
            messages.success(request, f"Standard {standard.number} saved as a draft.")
            return redirect("s11:return", slug=slug, pk=pk)
    return _answer_page(request, partnership, assessment, standard, form=form)


@require_http_methods(["GET", "POST"])
def evidence_add(request, slug, pk, standard_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    standard = _standard(assessment, standard_pk)
    user = request.user
    permissions.require_edit(user, assessment)
    form = bound(EvidenceForm, request, initial={"version": assessment.version})
    done, evidence = _attempt(request, form, lambda: services.evidence_add(
        assessment=assessment, standard=standard, user=user,
        version=form.cleaned_data["version"], title=form.cleaned_data["title"],
        link=form.cleaned_data["link"], checked=form.cleaned_data["file"]))
    if done:
        messages.success(request, f"Evidence ‘{evidence.title}’ added to standard {standard.number}.")
        return redirect("s11:answer", slug=slug, pk=pk, standard_pk=standard.pk)
    return render(request, "agencies/returns/evidence_add.html", {
        "partnership": partnership, "assessment": assessment, "standard": standard,
        "form": form, "title": "Add evidence", "button": "Add the evidence", "multipart": True,
        "caption": f"Standard {standard.number}: {standard.title}",
        "back": reverse("s11:answer", args=[slug, pk, standard.pk]),
        "needs": [q for q in standard.questions.all() if q.evidence_required]})


@require_GET
def evidence_download(request, slug, pk, evidence_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    evidence = _evidence(request, partnership, assessment, evidence_pk)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file")
    return file_response(evidence.file, filename=evidence.filename or "evidence",
                         content_type=evidence.content_type or "application/octet-stream")


@require_POST
def evidence_remove(request, slug, pk, evidence_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    evidence = _evidence(request, partnership, assessment, evidence_pk)
    user = request.user
    permissions.require_edit(user, assessment)
    standard = evidence.answer.standard
    form = VersionForm(request.POST)
    title = evidence.title
    done, _ = _attempt(request, form, lambda: services.evidence_remove(
        evidence=evidence, user=user, version=form.cleaned_data["version"]))
    if done:
        messages.success(request, f"Evidence ‘{title}’ removed.")
        return redirect("s11:answer", slug=slug, pk=pk, standard_pk=standard.pk)
    return _answer_page(request, partnership, assessment, standard, errors=_form_errors(form))


def _plan_page(request, partnership, assessment, *, form=None, errors=()):
    items = selectors.plan_items(assessment)
    return render(request, "agencies/returns/plan.html", {
        "partnership": partnership, "assessment": assessment, "items": items,
        "needed": selectors.plan_needed(assessment, items), "form": form,
        "template": assessment.template, "version": assessment.version,
        "threshold": _threshold(assessment),
        "can_edit": permissions.can_edit(request.user, assessment), "errors": list(errors)})


@require_http_methods(["GET", "POST"])
def plan(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    standards = list(assessment.template.standards.all())
    form = None
    if request.method == "POST":
        permissions.require_edit(user, assessment)
        form = PlanItemForm(request.POST, standards=standards)
        done, _ = _attempt(request, form, lambda: services.plan_item_add(
            assessment=assessment, user=user, version=form.cleaned_data["version"],
            action=form.cleaned_data["action"], due_on=form.cleaned_data["due_on"],
            owner=form.cleaned_data["owner"], standard=form.cleaned_data["standard"]))
        if done:
            messages.success(request, "Action plan item added.")
            # At the main content, where the banner is first: not the form's #add-item.
            return redirect(reverse("s11:plan", args=[slug, pk]) + "#main-content")
    elif permissions.can_edit(user, assessment):
        form = PlanItemForm(standards=standards, initial={
            "version": assessment.version, "standard": request.GET.get("standard", "")})
    return _plan_page(request, partnership, assessment, form=form)


@require_POST
def plan_remove(request, slug, pk, item_pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    item = get_object_or_404(PlanItem, pk=item_pk, assessment=assessment)
    user = request.user
    permissions.require_edit(user, assessment)
    form = VersionForm(request.POST)
    done, _ = _attempt(request, form, lambda: services.plan_item_remove(
        item=item, user=user, version=form.cleaned_data["version"]))
    if done:
        messages.success(request, "Action plan item removed.")
        return redirect("s11:plan", slug=slug, pk=pk)
    standards = list(assessment.template.standards.all())
    return _plan_page(request, partnership, assessment, errors=_form_errors(form),
                      form=PlanItemForm(standards=standards, initial={"version": assessment.version}))


@require_POST
def carry_forward(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    permissions.require_edit(user, assessment)
    form = VersionForm(request.POST)
    previous = services.previous_return(assessment)
    done, copied = _attempt(request, form, lambda: services.carry_forward(
        assessment=assessment, user=user, version=form.cleaned_data["version"]))
    if done:
        messages.success(request, f"{copied} answer{'s' if copied != 1 else ''} and the open action "
                                  "plan items carried forward from the return signed off on "
                                  f"{date_format(previous.signed_off_at, 'j F Y')}. Check each "
                                  "one is still right.")
        return redirect("s11:return", slug=slug, pk=pk)
    return _detail_page(request, partnership, assessment, errors=_form_errors(form))


def _missing_items(slug, assessment, error):
    """Error summary items for what the service says is still missing, each linked to the
    page that puts it right (a refusal of another kind is listed without a link)."""
    if not isinstance(error, Incomplete):
        return [{"href": None, "message": message} for message in error.messages]
    items = []
    for missing in error.items:
        standard_pk = missing.anchor.removeprefix("standard-")
        if missing.step == "plan":
            href = reverse("s11:plan", args=[slug, assessment.pk]) + f"?standard={standard_pk}"
        else:
            href = reverse("s11:answer", args=[slug, assessment.pk, standard_pk])
        items.append({"href": href, "message": missing.message})
    return items


@require_http_methods(["GET", "POST"])
def submit_return(request, slug, pk):
    """GET: check your answers (read-only for those who cannot submit). POST: submit, or
    list exactly what is missing and change nothing."""
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    can_submit = permissions.can_submit(user, assessment)
    errors = []
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied(SUBMIT_REFUSED)
        form = VersionForm(request.POST)
        if form.is_valid():
            outcome = attempt(lambda: services.submit(
                assessment=assessment, user=user, version=form.cleaned_data["version"]))
            if outcome.done:
                who = signing.who_signs(assessment.agency,
                                        signing.signatories(assessment.agency))
                messages.success(request, f"{assessment.agency.name}'s return has been "
                                          f"submitted. {who}")
                return redirect("s11:return", slug=slug, pk=pk)
            errors = _missing_items(slug, assessment, outcome.error)
        else:
            errors = _form_errors(form)
    items = selectors.plan_items(assessment)
    return render(request, "agencies/returns/submit.html", {
        "partnership": partnership, "assessment": assessment,
        "answers": selectors.check_answers(assessment), "items": items,
        "template": assessment.template, "can_submit": can_submit,
        "can_edit": permissions.can_edit(user, assessment), "version": assessment.version,
        "signers": signing.signatories(assessment.agency) if can_submit else None,
        "errors": errors})


@require_http_methods(["GET", "POST"])
def sign_off(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    user = request.user
    if not permissions.can_sign_off(user, assessment):
        raise PermissionDenied(SIGN_OFF_REFUSED)
    form = bound(SignOffForm, request, agency=assessment.agency)
    done, _ = _attempt(request, form, lambda: services.sign_off(assessment=assessment, user=user))
    if done:
        messages.success(request, f"You have signed off {assessment.agency.name}'s return. It can "
                                  "no longer be changed. Its action plan has been added to the "
                                  f"action register of {_names(selectors.shared_with(assessment))}.")
        return redirect("s11:return", slug=slug, pk=pk)
    return render(request, "agencies/returns/sign_off.html", {
        "partnership": partnership, "assessment": assessment, "form": form,
        "title": "Sign off the return", "button": "Sign off the return",
        "caption": f"{assessment.agency.name}: {assessment.template.name}",
        "back": reverse("s11:return", args=[slug, pk]),
        "tasks": selectors.standard_tasks(assessment)[0],
        "items": selectors.plan_items(assessment),
        "shared": selectors.shared_with(assessment)})


def _versions(request, partnership, assessment):
    return selectors.versions(assessment, readable_only=not permissions.sees_draft_versions(
        request.user, partnership, assessment))


@require_GET
def versions(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    return render(request, "agencies/returns/versions.html", {
        "partnership": partnership, "assessment": assessment,
        "versions": list(_versions(request, partnership, assessment))})


@require_GET
def version(request, slug, pk, number):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    kept = _versions(request, partnership, assessment).filter(number=number).first()
    if kept is None:
        raise Http404("No such version")
    answers, plan_rows = selectors.snapshot_rows(assessment, kept)
    return render(request, "agencies/returns/version.html", {
        "partnership": partnership, "assessment": assessment, "kept": kept,
        "answers": answers, "plan": plan_rows,
        "status_label": Status(kept.status).label if kept.status in Status.values else kept.status})
