"""A rapid review in full: each criterion of the guidance with the partners' finding and
reasoning, the processes running alongside it (police investigation, inquest, trial, health
reviews) and their effect on its timing, and the files agencies attach to their summaries."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid, WrongState
from partnership.files import file_save
from partnership.services.common import locked, model_update

from ..models import (
    AgencySummary,
    Criterion,
    CriterionAssessment,
    Finding,
    ParallelProcess,
    ProcessKind,
    SummaryAttachment,
    SummaryStatus,
)

PROCESS_FIELDS = ("kind", "description", "effect_on_timing", "expected_end_on", "concluded_on")


@transaction.atomic
def criteria_record(*, review, findings):
    """`findings`: {criterion: (finding, reasoning)} for every criterion on the page. A
    criterion with a finding needs its reasoning; one with neither is not recorded (and an
    earlier record of it is removed). Fixed once the review has gone to the Panel."""
    locked(review)
    if review.sent_to_panel_on:
        raise WrongState("The rapid review has been sent to the Panel: its criteria can no "
                         "longer change")
    errors = {}
    for criterion, (finding, reasoning) in findings.items():
        if criterion not in Criterion.values:
            raise Invalid("Unknown criterion")
        if finding and finding not in Finding.values:
            errors[f"{criterion}_finding"] = "Choose one of the findings"
        elif finding and not reasoning.strip():
            errors[f"{criterion}_reasoning"] = "Enter the reasoning for this finding"
        elif reasoning.strip() and not finding:
            errors[f"{criterion}_finding"] = ("Choose a finding for this criterion, or clear "
                                              "its reasoning")
    if errors:
        raise Invalid(errors)
    for criterion, (finding, reasoning) in findings.items():
        if finding:
            CriterionAssessment.objects.update_or_create(
                rapid_review=review, criterion=criterion,
                defaults={"finding": finding, "reasoning": reasoning.strip()})
        else:
            CriterionAssessment.objects.filter(rapid_review=review, criterion=criterion).delete()
    return review


def _check_process(fields):
    errors = {}
    if fields.get("kind") == ProcessKind.OTHER and not fields.get("description", "").strip():
        errors["description"] = "Say what the other process is"
    concluded = fields.get("concluded_on")
    if concluded and concluded > timezone.localdate():
        errors["concluded_on"] = "The date it concluded must be today or in the past"
    if errors:
        raise Invalid(errors)


@transaction.atomic
def process_add(*, review, **fields):
    _check_process(fields)
    return model_update(ParallelProcess(rapid_review=review), fields, PROCESS_FIELDS)


@transaction.atomic
def process_update(*, process, **fields):
    locked(process)
    _check_process({"kind": process.kind, "description": process.description, **fields})
    return model_update(process, fields, PROCESS_FIELDS)


def _open_summary(summary):
    summary = AgencySummary.objects.select_for_update().get(pk=summary.pk)
    if summary.status in (SummaryStatus.SUBMITTED, SummaryStatus.NIL):
        raise WrongState("The summary has been submitted: its files can no longer change")
    return summary


@transaction.atomic
def attachment_add(*, summary, title, checked, user):
    """Attach a file (passed through partnership.uploads.check_upload) to a summary that
    has not been submitted."""
    summary = _open_summary(summary)
    if not title.strip():
        raise Invalid({"title": "Enter a title for the file"})
    attachment = SummaryAttachment(summary=summary, title=title.strip(), uploaded_by=user,
                                   filename=checked.filename, size=checked.size)
    file_save(attachment.file, checked)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment):
    """Take a file off a summary not yet submitted (the stored file is deleted by the
    retention job once no record names it)."""
    _open_summary(attachment.summary)
    attachment.delete()
