"""Cycles, the agencies asked, and extensions. An agency asked by several partnerships in
overlapping cycles on the same template answers one shared return."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.models import Agency, Designation
from partnership.services.bulk import audited_create
from partnership.services.common import locked, model_update

from ..models import Cycle, Extension, ExtensionStatus, Request, Return, Status

CYCLE_FIELDS = ("name", "opens_on", "closes_on")


def agencies_to_ask(partnership, *, kinds=(), sectors=()):
    """Agencies designated in the partnership today, by designation kind and/or sector."""
    designations = Designation.objects.active().filter(partnership=partnership)
    if kinds:
        designations = designations.filter(kind__in=kinds)
    agencies = Agency.objects.filter(pk__in=designations.values("agency_id"))
    if sectors:
        agencies = agencies.filter(sector__in=sectors)
    return agencies.order_by("name")


def shared_returns(cycle, agency_ids):
    """The returns these agencies are already answering on the same template for another
    partnership's cycle whose dates overlap (not yet signed off): {agency id: return}, the
    oldest of each agency's."""
    returns = (Return.objects.filter(
        agency_id__in=agency_ids, template=cycle.template,
        requests__cycle__opens_on__lte=cycle.closes_on,
        requests__cycle__closes_on__gte=cycle.opens_on)
        .exclude(requests__cycle__partnership=cycle.partnership)
        .exclude(status=Status.SIGNED_OFF).order_by("-pk"))
    return {assessment.agency_id: assessment for assessment in returns}


@transaction.atomic
def cycle_create(*, partnership, template, agencies=(), **fields):
    if template.partnership_id not in (None, partnership.pk):
        raise Invalid({"template": "Choose a library template or one of the partnership's own"})
    if not template.standards.exists():
        raise Invalid({"template": "The template has no standards yet"})
    cycle = model_update(Cycle(partnership=partnership, template=template), fields, CYCLE_FIELDS)
    if not locked(template).frozen:  # a template edit waits for, or sees, the freeze
        template.frozen = True
        template.save(update_fields=["frozen"])
    requests_add(cycle=cycle, agencies=agencies)
    return cycle


@transaction.atomic
def cycle_update(*, cycle, **fields):
    """A moved deadline moves every request still on the old one (those with a granted
    extension keep theirs)."""
    old_deadline = locked(cycle).closes_on
    model_update(cycle, fields, CYCLE_FIELDS)
    if cycle.closes_on != old_deadline:
        cycle.requests.filter(due_on=old_deadline).update(due_on=cycle.closes_on)
    return cycle


@transaction.atomic
def requests_add(*, cycle, agencies):
    """Ask agencies designated in the partnership today, each once: a fixed number of
    queries however many (their returns and requests, and the audit entries, in bulk)."""
    designated = set(Designation.objects.active().filter(partnership=cycle.partnership)
                     .order_by().values_list("agency_id", flat=True))
    outside = [a.name for a in agencies if a.pk not in designated]
    if outside:
        raise Invalid({"agencies": f"Not part of {cycle.partnership}: {', '.join(outside)}"})
    asked = set(cycle.requests.order_by().values_list("agency_id", flat=True))
    agencies = list({a.pk: a for a in agencies if a.pk not in asked}.values())
    if not agencies:
        return []
    shared = shared_returns(cycle, [a.pk for a in agencies])
    new = audited_create(Return, [Return(agency=a, template=cycle.template)
                                  for a in agencies if a.pk not in shared])
    assessments = shared | {assessment.agency_id: assessment for assessment in new}
    return audited_create(Request, [
        Request(cycle=cycle, agency=a, due_on=cycle.closes_on, assessment=assessments[a.pk])
        for a in agencies])


@transaction.atomic
def extension_ask(*, request, user, until, reason):
    errors = {}
    if until <= request.due_on:
        errors["until"] = f"Ask for a date after the current deadline, {request.due_on:%-d %B %Y}"
    if not reason.strip():
        errors["reason"] = "Enter why the agency needs more time"
    if request.assessment.status not in (Status.DRAFT, Status.RETURNED):
        errors["until"] = "The return has already been submitted"
    if request.extensions.filter(status=ExtensionStatus.PENDING).exists():
        errors["until"] = "An extension request is already waiting for a decision"
    if errors:
        raise Invalid(errors)
    return Extension.objects.create(request=request, asked_by=user, until=until, reason=reason.strip())


@transaction.atomic
def extension_decide(*, extension, user, granted, comment=""):
    locked(extension)
    if extension.status != ExtensionStatus.PENDING:
        raise WrongState("This request has already been decided")
    if not granted and not comment.strip():
        raise Invalid({"comment": "Enter why the extension is refused"})
    extension.status = ExtensionStatus.GRANTED if granted else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at = user, timezone.now()
    extension.comment = comment.strip()
    extension.save()
    if granted:
        extension.request.due_on = extension.until
        extension.request.save(update_fields=["due_on"])
    return extension
