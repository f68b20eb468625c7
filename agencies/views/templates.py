"""Assessment templates: the library and the partnership's own, for its partnership roles;
the business unit copies, edits (until a cycle uses a version) and makes new versions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.lists import page_of
from partnership.views.common import attempt, bound, submit

from .. import permissions
from .. import selectors_cycles as selectors
from ..forms.templates import (
    QuestionForm,
    StandardForm,
    TemplateCopyForm,
    TemplateEditForm,
    without_blank_position,
)
from ..models import Question
from ..services import templates as service


def _reader(request, slug):
    """Templates are for the partnership's roles: agency staff get 404."""
    partnership = permissions.partnership_for_assessments(request.user, slug)
    if not permissions.can_read(request.user, partnership):
        raise Http404("No such page")
    return partnership


def _template(request, slug, pk):
    partnership = _reader(request, slug)
    return partnership, permissions.template_for(request.user, partnership, pk)


def _managed(request, slug, pk):
    partnership, template = _template(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    return partnership, template


def _standard(template, pk):
    try:
        return template.standards.get(pk=pk)
    except (template.standards.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such standard") from None


def _question(template, pk):
    try:
        return Question.objects.select_related("standard").get(pk=pk, standard__template=template)
    except (Question.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such question") from None


def _refusal(template):
    """The service's reason this template cannot be changed, if any."""
    return " ".join(attempt(lambda: service.check_editable(template)).messages)


def _back(slug, template, anchor=""):
    return reverse("s11:template", args=[slug, template.pk]) + anchor


def _form_page(request, partnership, template, form, title, button, back):
    return render(request, "agencies/templates/form.html", {
        "partnership": partnership, "template": template, "form": form, "title": title,
        "caption": f"{template.name}, version {template.version}", "button": button,
        "back": back, "refusal": _refusal(template)})


@require_GET
def template_list(request, slug):
    partnership = _reader(request, slug)
    page = page_of(request, selectors.template_list(
        permissions.templates_for(request.user, partnership), partnership))
    return render(request, "agencies/templates/list.html", {
        "partnership": partnership, "page": page, "query": "",
        "groups": selectors.by_kind(page.object_list),
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_GET
def template_detail(request, slug, pk):
    partnership, template = _template(request, slug, pk)
    user = request.user
    can_manage = permissions.can_manage(user, partnership)
    own = template.partnership_id == partnership.pk
    return render(request, "agencies/templates/detail.html", {
        "partnership": partnership, "template": template,
        "can_manage": can_manage, "own": own,
        "can_edit": permissions.can_edit_template(user, template, partnership),
        "can_new_version": can_manage and own and template.frozen,
        **selectors.template_page(template, partnership)})


@require_http_methods(["GET", "POST"])
def template_copy(request, slug, pk):
    partnership, template = _managed(request, slug, pk)
    suggested = template.name if template.partnership_id is None else f"Copy of {template.name}"
    form = bound(TemplateCopyForm, request, initial={"name": suggested})
    copy = submit(request, form, lambda: service.template_copy(
        template=template, partnership=partnership, name=form.cleaned_data["name"]))
    if copy:
        messages.success(request, f"{copy.name} created from {template.name}, version "
                                  f"{template.version}. You can change it until a cycle uses it.")
        return redirect("s11:template", slug=slug, pk=copy.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Copy the template to edit it",
        "caption": f"{template.name}, version {template.version}", "button": "Make the copy",
        "back": _back(slug, template)})


@require_POST
def template_new_version(request, slug, pk):
    partnership, template = _managed(request, slug, pk)
    if template.partnership_id == partnership.pk and not template.frozen:
        messages.error(request, "No cycle uses this version yet: change it as it is")
        return redirect("s11:template", slug=slug, pk=pk)
    outcome = attempt(lambda: service.template_copy(
        template=template, partnership=partnership, new_version=True), request=request)
    if not outcome.done:
        return redirect("s11:template", slug=slug, pk=pk)
    made = outcome.result
    messages.success(request, f"Version {made.version} of {made.name} created. Cycles that use "
                              f"version {template.version} keep it.")
    return redirect("s11:template", slug=slug, pk=made.pk)


@require_http_methods(["GET", "POST"])
def template_edit(request, slug, pk):
    partnership, template = _managed(request, slug, pk)
    form = bound(TemplateEditForm, request, template=template, initial={
        name: getattr(template, name) for name in service.TEMPLATE_FIELDS})
    if submit(request, form, lambda: service.template_update(template=template,
                                                             **form.cleaned_data)):
        messages.success(request, f"{template.name} updated.")
        return redirect("s11:template", slug=slug, pk=pk)
    return _form_page(request, partnership, template, form, "Change the template", "Save",
                      _back(slug, template))


@require_http_methods(["GET", "POST"])
def standard_add(request, slug, pk):
    partnership, template = _managed(request, slug, pk)
    form = bound(StandardForm, request)
    standard = submit(request, form, lambda: service.standard_add(
        template=template, **without_blank_position(form.cleaned_data)))
    if standard:
        messages.success(request, f"Standard {standard.number} added.")
        return redirect(_back(slug, template, f"#standard-{standard.pk}"))
    return _form_page(request, partnership, template, form, "Add a standard", "Add the standard",
                      _back(slug, template))


@require_http_methods(["GET", "POST"])
def standard_edit(request, slug, pk, standard_pk):
    partnership, template = _template(request, slug, pk)
    standard = _standard(template, standard_pk)
    permissions.require_manage(request.user, partnership)
    form = bound(StandardForm, request, initial={
        name: getattr(standard, name) for name in service.STANDARD_FIELDS})
    if submit(request, form, lambda: service.standard_update(
            standard=standard, **without_blank_position(form.cleaned_data))):
        messages.success(request, f"Standard {standard.number} updated.")
        return redirect(_back(slug, template, f"#standard-{standard.pk}"))
    return _form_page(request, partnership, template, form, f"Change standard {standard.number}",
                      "Save", _back(slug, template, f"#standard-{standard.pk}"))


@require_http_methods(["GET", "POST"])
def question_add(request, slug, pk, standard_pk):
    partnership, template = _template(request, slug, pk)
    standard = _standard(template, standard_pk)
    permissions.require_manage(request.user, partnership)
    form = bound(QuestionForm, request)
    question = submit(request, form, lambda: service.question_add(
        standard=standard, **without_blank_position(form.cleaned_data)))
    if question:
        messages.success(request, f"Question {question.number} added.")
        return redirect(_back(slug, template, f"#standard-{standard.pk}"))
    return _form_page(request, partnership, template, form,
                      f"Add a question to standard {standard.number}", "Add the question",
                      _back(slug, template, f"#standard-{standard.pk}"))


@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk, question_pk):
    partnership, template = _template(request, slug, pk)
    question = _question(template, question_pk)
    permissions.require_manage(request.user, partnership)
    form = bound(QuestionForm, request, initial={
        name: getattr(question, name) for name in service.QUESTION_FIELDS})
    if submit(request, form, lambda: service.question_update(
            question=question, **without_blank_position(form.cleaned_data))):
        messages.success(request, f"Question {question.number} updated.")
        return redirect(_back(slug, template, f"#standard-{question.standard_id}"))
    return _form_page(request, partnership, template, form, f"Change question {question.number}",
                      "Save", _back(slug, template, f"#standard-{question.standard_id}"))
