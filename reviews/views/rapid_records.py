"""A rapid review in full: the criteria of the guidance with findings and reasoning, the
parallel processes (the business unit records them; the review's readers see them on its
page) and the files an agency's lead attaches to its summary (seen by whoever sees the
summary: its agency, the business unit and, once submitted, the review's readers)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.files import file_response
from partnership.models import AccessEvent
from partnership.services.audit import access_event_record
from partnership.uploads import EXTENSIONS
from partnership.views.common import attempt, bound, submit

from .. import permissions
from ..forms.rapid import AttachmentForm, CriteriaForm, ProcessForm
from ..models import ParallelProcess
from ..services import rapid_records as services
from ..services.rapid_records import PROCESS_FIELDS
from .rapid import _back, _managed_review, _review


@require_http_methods(["GET", "POST"])
def criteria(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    initial = {}
    for assessment in review.criteria.all():
        initial[f"{assessment.criterion}_finding"] = assessment.finding
        initial[f"{assessment.criterion}_reasoning"] = assessment.reasoning
    form = bound(CriteriaForm, request, initial=initial)
    if submit(request, form, lambda: services.criteria_record(review=review,
                                                              findings=form.findings())):
        messages.success(request, "The criteria have been recorded.")
        return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    return render(request, "reviews/rapid/criteria.html", {
        "partnership": partnership, "review": review, "case": review.notification,
        "form": form, "back": _back(slug, review)})


def _process_page(request, partnership, review, form, title, button):
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": title,
        "caption": f"Rapid review of {review.notification.pseudonym}", "button": button,
        "back": _back(partnership.slug, review) + "#processes"})


@require_http_methods(["GET", "POST"])
def process_add(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(ProcessForm, request)
    if submit(request, form, lambda: services.process_add(review=review, **form.cleaned_data)):
        messages.success(request, "Parallel process added.")
        return redirect(_back(slug, review) + "#processes")
    return _process_page(request, partnership, review, form, "Add a parallel process",
                         "Add the process")


@require_http_methods(["GET", "POST"])
def process_edit(request, slug, pk, process_pk):
    partnership, review = _review(request, slug, pk)
    process = _process(review, process_pk)
    permissions.require_manage(request.user, partnership)
    form = bound(ProcessForm, request,
                 initial={name: getattr(process, name) for name in PROCESS_FIELDS})
    if submit(request, form, lambda: services.process_update(process=process,
                                                             **form.cleaned_data)):
        messages.success(request, f"{process.get_kind_display()} updated.")
        return redirect(_back(slug, review) + "#processes")
    return _process_page(request, partnership, review, form,
                         f"Change the {process.get_kind_display().lower()}", "Save")


def _process(review, pk):
    try:
        return review.parallel_processes.get(pk=pk)
    except (ParallelProcess.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such process") from None


def _summary(request, slug, pk, summary_pk):
    partnership, review = _review(request, slug, pk)
    summary = permissions.summary_for(request.user, review, summary_pk)
    summary.rapid_review = review
    return partnership, review, summary


@require_http_methods(["GET", "POST"])
def attachment_add(request, slug, pk, summary_pk):
    partnership, review, summary = _summary(request, slug, pk, summary_pk)
    permissions.require_attach(request.user, summary)
    form = bound(AttachmentForm, request)
    if submit(request, form, lambda: services.attachment_add(
            summary=summary, title=form.cleaned_data["title"],
            checked=form.cleaned_data["file"], user=request.user)):
        messages.success(request, "File added to your summary.")
        return redirect("reviews:summary-edit", slug=slug, pk=pk, summary_pk=summary_pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "multipart": True,
        "title": f"Add a file to the {summary.agency.name} summary",
        "caption": f"Rapid review of {review.notification.pseudonym}", "button": "Add the file",
        "back": reverse("reviews:summary-edit", args=[slug, pk, summary_pk])})


@require_GET
def attachment_download(request, slug, pk, summary_pk, attachment_pk):
    partnership, review, summary = _summary(request, slug, pk, summary_pk)
    attachment = permissions.attachment_for(summary, attachment_pk)
    access_event_record(user=request.user, obj=attachment, partnership=partnership,
                        action=AccessEvent.Action.DOWNLOAD, path=request.path)
    extension = attachment.filename.rsplit(".", 1)[-1].lower()
    return file_response(attachment.file, filename=attachment.filename,
                         content_type=EXTENSIONS.get(extension, "application/octet-stream"))


@require_POST
def attachment_remove(request, slug, pk, summary_pk, attachment_pk):
    _, _, summary = _summary(request, slug, pk, summary_pk)
    attachment = permissions.attachment_for(summary, attachment_pk)
    permissions.require_attach(request.user, summary)
    if attempt(lambda: services.attachment_remove(attachment=attachment),
               request=request).done:
        messages.success(request, f"‘{attachment.title}’ removed from your summary.")
    return redirect("reviews:summary-edit", slug=slug, pk=pk, summary_pk=summary_pk)
