"""Self-assessment items for the home page: returns for agency leads to complete (or to
amend), returns for chief officers to sign off, and for the business unit the extension
requests waiting for a decision and the overdue returns of each cycle."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from partnership import roles
from partnership.registry import HomeTask

from . import permissions
from .models import EDITABLE, Extension, ExtensionStatus, Kind, Request, Status

NAMES = {Kind.SECTION_11: "Section 11 return",
         Kind.SECTION_175: "Section 175/157 audit"}


def assessment_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    today = timezone.localdate()
    return (_lead_tasks(user, partnership, today) + _sign_off_tasks(user, partnership)
            + _business_unit_tasks(user, partnership, today))


def _requests(partnership, agencies, statuses):
    return (Request.objects.filter(cycle__partnership=partnership, agency__in=agencies,
                                   assessment__status__in=statuses)
            .select_related("agency", "cycle", "assessment__template")
            .order_by("due_on", "agency__name", "pk"))


def _url(partnership, assessment):
    return reverse("s11:return", args=[partnership.slug, assessment.pk])


def _name(request):
    return f"{request.agency.name} {NAMES.get(request.assessment.template.kind, 'return')}"


def _lead_tasks(user, partnership, today):
    """Each of the lead's agency's returns this partnership asked for and not yet submitted."""
    agencies = permissions.own_agencies(user, roles.SUBMIT_AGENCY_RETURNS)
    tasks = []
    for request in _requests(partnership, agencies, EDITABLE):
        assessment, overdue = request.assessment, request.due_on < today
        due = f"{'Was due' if overdue else 'Due'} {request.due_on:%-d %B %Y}."
        if assessment.status == Status.RETURNED:
            comment = Truncator(assessment.returned_comment).words(25)
            tasks.append(HomeTask(
                title=f"The {_name(request)} was sent back for amendment",
                url=_url(partnership, assessment), overdue=overdue,
                description=f"{request.cycle.name}. {due}" + (f" “{comment}”" if comment else "")))
        else:
            tasks.append(HomeTask(title=f"Complete the {_name(request)}",
                                  url=_url(partnership, assessment), overdue=overdue,
                                  description=f"{request.cycle.name}. {due}"))
    return tasks


def _sign_off_tasks(user, partnership):
    """Submitted returns of the chief officer's agency, waiting for their sign-off."""
    agencies = permissions.own_agencies(user, roles.SIGN_OFF_AGENCY_RETURNS)
    tasks, seen = [], set()
    for request in _requests(partnership, agencies, (Status.SUBMITTED,)):
        if request.assessment_id in seen:
            continue
        seen.add(request.assessment_id)
        submitted = request.assessment.submitted_at
        tasks.append(HomeTask(
            title=f"Sign off the {_name(request)}", url=_url(partnership, request.assessment),
            description=f"{request.cycle.name}."
                        + (f" Submitted {timezone.localtime(submitted):%-d %B %Y}."
                           if submitted else "")))
    return tasks


def _business_unit_tasks(user, partnership, today):
    if not permissions.can_manage(user, partnership):
        return []
    tasks = []
    pending = Extension.objects.filter(request__cycle__partnership=partnership,
                                       status=ExtensionStatus.PENDING).count()
    if pending:
        tasks.append(HomeTask(title="Extension requests waiting for a decision", count=pending,
                              url=reverse("s11:extension-list", args=[partnership.slug])))
    overdue = (Request.objects.filter(cycle__partnership=partnership, due_on__lt=today,
                                      assessment__status__in=EDITABLE)
               .values("cycle_id", "cycle__name", "cycle__opens_on")
               .annotate(n=Count("pk")).order_by("-cycle__opens_on", "cycle_id"))
    for row in overdue:
        tasks.append(HomeTask(title=f"Overdue returns in the {row['cycle__name']}",
                              count=row["n"], overdue=True,
                              url=reverse("s11:cycle", args=[partnership.slug, row["cycle_id"]])))
    return tasks
