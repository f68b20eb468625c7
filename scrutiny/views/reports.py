"""/p/<slug>/scrutiny/reports/...: the yearly report: its list, the report's page (job state
and progress, contents checklist, narratives, sign-offs, publication, versions), the same
report as an HTML page, and the PDF downloads.

Who sees what is decided in scrutiny/permissions.py (the yearly report section): readers
of scrutiny see every report; other people taking part in the partnership see a report
once it is published, and only its final versions (drafts answer 404)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.files import file_response
from partnership.lists import plain_page
from partnership.models import AccessEvent
from partnership.services.audit import access_event_record
from partnership.views.common import bound, submit

from .. import permissions
from ..forms.reports import NarrativeForm, PublicationForm, ReportForm, SignOffForm
from ..models import RenderStatus
from ..selectors import reports as selectors
from ..selectors.report_sections import BY_KEY, assemble, checklist
from ..services import report_render
from ..services import reports as services

HERE = "yearly-report"


def _report(request, slug, pk):
    partnership = permissions.partnership_for_report_readers(request.user, slug)
    return partnership, permissions.report_for(request.user, partnership, pk)


def _managed(request, slug, pk):
    partnership, report = permissions.report_for_scrutiny_readers(request.user, slug, pk)
    permissions.require_manage_reports(request.user, partnership)
    return partnership, report


@require_GET
def report_list(request, slug):
    partnership = permissions.partnership_for_report_readers(request.user, slug)
    last, overdue = selectors.publication_overdue(partnership)
    page, query = plain_page(request, selectors.report_list(
        permissions.reports_for(request.user, partnership)))
    return render(request, "scrutiny/reports/list.html", {
        "partnership": partnership, "here": HERE, "page": page, "query": query,
        "can_manage": permissions.can_manage_reports(request.user, partnership),
        "last_published_on": last, "overdue": overdue})


@require_http_methods(["GET", "POST"])
def report_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage_reports(request.user, partnership)
    form = bound(ReportForm, request)
    report = submit(request, form, lambda: services.report_create(
        partnership=partnership, created_by=request.user, **form.cleaned_data))
    if report:
        messages.success(request, f"Yearly report {report.label} started.")
        return redirect("scrutiny:report-detail", slug=slug, pk=report.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "here": HERE, "title": "Start a yearly report",
        "button": "Start the report", "back": reverse("scrutiny:report-list", args=[slug])})


@require_GET
def report_detail(request, slug, pk):
    partnership, report = _report(request, slug, pk)
    reader = permissions.can_view(request.user, partnership)
    versions = permissions.versions_for(request.user, report).order_by("-number")
    unsigned = reader and not report.published_on
    context = selectors.document_context(report, [])
    context.update({
        "here": HERE, "reader": reader,
        "versions": list(versions), "latest": selectors.latest_version(versions),
        "can_manage": reader and permissions.can_manage_reports(request.user, partnership),
        "can_sign": bool(unsigned and permissions.sign_off_memberships(request.user, report)),
        "can_recommend": bool(unsigned and permissions.recommend_memberships(request.user, report)),
        "status_url": reverse("scrutiny:api-report-detail", args=[report.pk]),
    })
    if reader:
        context["checklist"] = checklist(assemble(report))
        context["missing"] = [row for row in context["checklist"] if not row["complete"]]
    return render(request, "scrutiny/reports/detail.html", context)


@require_GET
def report_html(request, slug, pk):
    partnership, report = _report(request, slug, pk)
    context = selectors.document_context(report, assemble(report))
    context["here"] = HERE
    return render(request, "scrutiny/reports/html.html", context)


@require_POST
def render_version(request, slug, pk):
    _, report = _managed(request, slug, pk)
    version = report_render.render_request(report=report, requested_by=request.user)
    messages.success(request, f"Version {version.number} requested. This page shows its progress.")
    return redirect("scrutiny:report-detail", slug=slug, pk=report.pk)


@require_http_methods(["GET", "POST"])
def narrative_edit(request, slug, pk, section):
    partnership, report = _managed(request, slug, pk)
    requirement = BY_KEY.get(section)
    if requirement is None:
        raise Http404("No such section")
    current = report.narratives.filter(section=section).first()
    form = bound(NarrativeForm, request, initial={"text": current.text if current else ""})
    signed = report.sign_offs.exists()
    saved = submit(request, form, lambda: services.narrative_save(
        report=report, section=section, text=form.cleaned_data["text"], author=request.user) or True)
    if saved:
        withdrawn = signed and not report.sign_offs.exists()
        messages.success(request, f"Narrative for {requirement.heading} saved." + (
            " The report changed, so the partners' sign-offs were withdrawn." if withdrawn else ""))
        return redirect("scrutiny:report-detail", slug=slug, pk=report.pk)
    return render(request, "scrutiny/reports/narrative.html", {
        "partnership": partnership, "form": form, "here": HERE, "requirement": requirement,
        "title": requirement.heading, "caption": f"Yearly report {report.label}",
        "button": "Save the narrative", "back": reverse("scrutiny:report-detail", args=[slug, pk])})


def _partner_page(request, slug, pk, *, recommending):
    """Sign-off (lead partners) and recommending it (delegated partners): one form, the
    partner chosen among those the person acts for; the membership goes to the service."""
    partnership, report = permissions.report_for_scrutiny_readers(request.user, slug, pk)
    if recommending:
        permissions.require_recommend(request.user, report)
        memberships = permissions.recommend_memberships(request.user, report)
    else:
        permissions.require_sign_off(request.user, report)
        memberships = permissions.sign_off_memberships(request.user, report)
    action = services.recommend if recommending else services.sign_off
    form = bound(SignOffForm, request, partners=[m.agency for m in memberships],
                 label="Recommend sign-off for" if recommending else None)
    done = submit(request, form, lambda: action(
        report=report, membership=permissions.membership_for_partner(
            memberships, form.cleaned_data["partner"].pk)))
    if done:
        name = done.partner.name_on(report.period_end)
        messages.success(request, f"Sign-off recommended for {name}." if recommending
                         else f"Signed off for {name}.")
        return redirect("scrutiny:report-detail", slug=slug, pk=report.pk)
    return render(request, "scrutiny/reports/sign_off.html", {
        "partnership": partnership, "form": form, "here": HERE, "report": report,
        "recommending": recommending,
        "missing": [row for row in checklist(assemble(report)) if not row["complete"]],
        "title": ("Recommend the yearly report for sign-off" if recommending
                  else "Sign off the yearly report"),
        "caption": f"Yearly report {report.label}",
        "button": "Recommend sign-off" if recommending else "Sign off",
        "back": reverse("scrutiny:report-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def sign_off(request, slug, pk):
    return _partner_page(request, slug, pk, recommending=False)


@require_http_methods(["GET", "POST"])
def recommend(request, slug, pk):
    return _partner_page(request, slug, pk, recommending=True)


@require_http_methods(["GET", "POST"])
def publication(request, slug, pk):
    partnership, report = _managed(request, slug, pk)
    form = bound(PublicationForm, request, initial={
        "published_on": report.published_on, "published_url": report.published_url,
        "panel_sent_on": report.panel_sent_on,
        "foundations_sent_on": report.foundations_sent_on})
    done = submit(request, form, lambda: services.publication_record(report=report,
                                                                     **form.cleaned_data))
    if done:
        messages.success(request, "Publication recorded.")
        return redirect("scrutiny:report-detail", slug=slug, pk=report.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "here": HERE,
        "title": "Record publication", "caption": f"Yearly report {report.label}",
        "button": "Save", "back": reverse("scrutiny:report-detail", args=[slug, pk])})


@require_GET
def download(request, slug, pk, number):
    partnership, report = _report(request, slug, pk)
    version = permissions.version_for(request.user, report, number)
    if version.status != RenderStatus.READY or not version.file:
        raise Http404("This version is not ready")
    access_event_record(user=request.user, obj=report, action=AccessEvent.Action.DOWNLOAD,
                        partnership=partnership, path=request.path)
    return file_response(version.file, filename=version.filename, content_type="application/pdf")
