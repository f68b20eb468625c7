"""A partnership's own templates: copies of a library template (or of its own), edited
until a cycle uses them; then changes need a new version."""

from django.db import transaction
from django.db.models import Max

from partnership.errors import Invalid, WrongState
from partnership.services.common import locked, model_update

from ..models import AssessmentTemplate, Question, Standard

TEMPLATE_FIELDS = ("name", "scale", "action_below", "guidance")
STANDARD_FIELDS = ("number", "title", "description", "guidance", "position", "rate_questions")
QUESTION_FIELDS = ("number", "text", "guidance", "evidence_required", "position")


def check_editable(template):
    """Refuse changes to library and frozen templates, saying why."""
    if template.partnership_id is None:
        raise WrongState("Library templates cannot be changed: make a copy first")
    if template.frozen:
        raise WrongState("A cycle uses this version: make a new version to change it")


@transaction.atomic
def template_copy(*, template, partnership, name=None, new_version=False):
    """Copy a template into the partnership: as a new template (version 1), or as the next
    version of the partnership's own template (`new_version`)."""
    name = name or template.name
    if new_version:
        if template.partnership_id != partnership.pk:
            raise Invalid("Only the partnership's own templates get new versions")
        version = (AssessmentTemplate.objects.filter(partnership=partnership, name=name)
                   .aggregate(v=Max("version"))["v"] or 0) + 1
    else:
        if AssessmentTemplate.objects.filter(partnership=partnership, name=name).exists():
            raise Invalid({"name": "The partnership already has a template with this name"})
        version = 1
    copy = AssessmentTemplate.objects.create(
        partnership=partnership, kind=template.kind, name=name, version=version,
        previous=template, scale=template.scale, action_below=template.action_below,
        guidance=template.guidance)
    for standard in template.standards.prefetch_related("questions"):
        questions = list(standard.questions.all())
        standard.pk, standard.template = None, copy
        standard.save()
        for question in questions:
            question.pk, question.standard = None, standard
            question.save()
    return copy


@transaction.atomic
def template_update(*, template, **fields):
    check_editable(locked(template))
    model_update(template, fields, TEMPLATE_FIELDS)
    values = {value for value, _ in template.options}
    if template.action_below > max(values) + 1 or template.action_below < min(values):
        raise Invalid({"action_below": "Choose a rating of the template's scale"})
    return template


@transaction.atomic
def standard_add(*, template, **fields):
    check_editable(locked(template))
    fields.setdefault("position", (template.standards.aggregate(p=Max("position"))["p"] or 0) + 1)
    return model_update(Standard(template=template), fields, STANDARD_FIELDS)


@transaction.atomic
def standard_update(*, standard, **fields):
    check_editable(locked(standard.template))
    return model_update(standard, fields, STANDARD_FIELDS)


@transaction.atomic
def standard_remove(*, standard):
    check_editable(locked(standard.template))
    standard.delete()


@transaction.atomic
def question_add(*, standard, **fields):
    check_editable(locked(standard.template))
    fields.setdefault("position", (standard.questions.aggregate(p=Max("position"))["p"] or 0) + 1)
    return model_update(Question(standard=standard), fields, QUESTION_FIELDS)


@transaction.atomic
def question_update(*, question, **fields):
    check_editable(locked(question.standard.template))
    return model_update(question, fields, QUESTION_FIELDS)
