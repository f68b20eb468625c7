"""Rapid reviews: the review page, its forms, agency summaries written by each agency's lead,
the decision, the statutory partners' sign-offs and what was sent to the Panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.selectors import partnership_agencies
from partnership import dates
from partnership import permissions as core
from partnership.forms.pickers import offer_in
from partnership.services.audit import access_event_record
from partnership.views.common import attempt, bound, submit

from .. import permissions, selectors
from ..forms.cases import themes_choice
from ..forms.rapid import (
    DecisionForm,
    PanelForm,
    RapidReviewForm,
    SignOffForm,
    SummariesRequestForm,
    SummaryForm,
)
from ..models.rapid import SUMMARY_DAYS
from ..services import rapid
from ..services.rapid import REVIEW_FIELDS

RECEIVED = selectors.RECEIVED


def _review(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    return partnership, permissions.rapid_review_for(request.user, partnership, pk)


def _managed_review(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    return partnership, review


def _back(slug, review):
    return reverse("reviews:rapid-detail", args=[slug, review.pk])


def _signable(user, review, sign_offs):
    """The partners this user may still sign the decision off for."""
    if not review.decision or review.sent_to_panel_on:
        return []
    signed = {row.partner.pk for row in sign_offs if row.sign_off}
    return [p for p in permissions.sign_off_partners(user, review) if p.pk not in signed]


def review_page(request, partnership, review, *, errors=(), status=200):
    user = request.user
    full = permissions.can_view(user, partnership)
    page = selectors.rapid_review_page(review, permissions.summaries_for(user, review),
                                       full=full)
    access_event_record(user=user, obj=review, partnership=partnership, path=request.path)
    return render(request, "reviews/rapid/detail.html", {
        "partnership": partnership, "review": review, "case": review.notification,
        "full": full, "can_manage": permissions.can_manage(user, partnership),
        "writable": {s.pk for s in page["summaries"]
                     if s.status not in RECEIVED and permissions.can_write_summary(user, s)},
        "signable": _signable(user, review, page.get("sign_offs", [])),
        "errors": [{"href": "#sign-off" if errors else None, "message": m} for m in errors],
        **page}, status=status)


@require_GET
def rapid_detail(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    return review_page(request, partnership, review)


@require_http_methods(["GET", "POST"])
def rapid_edit(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    selected = list(review.themes.all())
    initial = {name: getattr(review, name) for name in REVIEW_FIELDS}
    initial["themes"] = selected
    form = bound(RapidReviewForm, request, initial=initial, themes=themes_choice(
        permissions.themes_for(request.user, partnership), selected))
    if submit(request, form, lambda: rapid.rapid_review_update(review=review,
                                                               **form.cleaned_data)):
        messages.success(request, "Rapid review updated.")
        return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Rapid review of {review.notification.pseudonym}",
        "caption": review.notification.reference, "button": "Save",
        "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def summaries_request(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    today = timezone.localdate()
    default_due = min(dates.local_deadline(today, SUMMARY_DAYS, partnership), review.due_on)
    agencies = partnership_agencies(partnership).exclude(
        pk__in=review.summaries.values("agency_id"))
    form = offer_in(bound(SummariesRequestForm, request, agencies=agencies,
                          default_due=default_due, review_due=review.due_on), "agencies", request)
    made = submit(request, form, lambda: rapid.summaries_request(
        review=review, agencies=list(form.cleaned_data["agencies"]),
        due_on=form.cleaned_data["due_on"]))
    if made:
        messages.success(request, "Summaries requested from "
                                  + ", ".join(s.agency.name for s in made)
                                  + f". Due by {made[0].due_on:%A %-d %B %Y}.")
        return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form, "title": "Ask agencies for their summaries",
        "caption": f"Rapid review of {review.notification.pseudonym}",
        "button": "Ask for summaries", "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def summary_edit(request, slug, pk, summary_pk):
    """The agency lead writes their agency's summary; the review's readers read it."""
    partnership, review = _review(request, slug, pk)
    user = request.user
    summary = permissions.summary_for(user, review, summary_pk)
    summary.rapid_review = review  # already loaded, with its notification
    form = None
    if request.method == "POST":
        permissions.require_write_summary(user, summary)
        form = SummaryForm(request.POST)
        action = request.POST.get("action", "draft")
        saved = submit(request, form, lambda: rapid.summary_save(
            summary=summary, user=user, involvement=form.cleaned_data["involvement"],
            analysis=form.cleaned_data["analysis"], version=form.cleaned_data["version"],
            submit=action in ("submit", "nil"), nil=action == "nil"))
        if saved:
            messages.success(request, {
                "submit": "Your summary has been submitted.",
                "nil": "Your nil return has been submitted.",
            }.get(action, "Your draft has been saved."))
            return redirect("reviews:summary-edit", slug=slug, pk=pk, summary_pk=summary_pk)
    else:
        access_event_record(user=user, obj=summary, partnership=partnership, path=request.path)
        if summary.status not in RECEIVED and permissions.can_write_summary(user, summary):
            form = SummaryForm(initial={"involvement": summary.involvement,
                                        "analysis": summary.analysis,
                                        "version": summary.version})
    return render(request, "reviews/rapid/summary.html", {
        "partnership": partnership, "review": review, "case": review.notification,
        "summary": summary, "form": form, "today": timezone.localdate(),
        "attachments": list(summary.attachments.select_related("uploaded_by")),
        "can_attach": summary.status not in RECEIVED and permissions.can_write_summary(
            user, summary),
        "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def decision(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(DecisionForm, request, initial={
        "decision": review.decision, "reasons": review.decision_reasons,
        "decided_on": review.decided_on})
    if submit(request, form, lambda: rapid.decision_record(review=review, **form.cleaned_data)):
        messages.success(request, "Decision recorded. Each safeguarding partner now signs it "
                                  "off.")
        return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    signed = review.sign_offs.count()
    return render(request, "reviews/rapid/form.html", {
        "partnership": partnership, "form": form, "title": "Record the decision",
        "caption": f"Rapid review of {review.notification.pseudonym}",
        "notes": [f"{signed} safeguarding partner{'s have' if signed != 1 else ' has'} signed "
                  "off the current decision. Changing the decision or its reasons withdraws "
                  "their sign-offs."] if signed else [],
        "button": "Save the decision", "back": _back(slug, review)})


@require_POST
def sign_off(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    partners = permissions.sign_off_partners(request.user, review)
    if not partners:
        raise PermissionDenied("Only a lead or delegated safeguarding partner signs off a "
                               "rapid review decision.")
    form = SignOffForm(request.POST, partners=partners)
    if form.is_valid():
        partner = next(p for p in partners if p.pk == form.cleaned_data["partner"])
        if attempt(lambda: rapid.sign_off(review=review, partner=partner, user=request.user),
                   form=form).done:
            messages.success(request, f"You have signed off the decision for {partner.name}.")
            return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    errors = [m for field_errors in form.errors.values() for m in field_errors]
    return review_page(request, partnership, review, errors=errors)


@require_http_methods(["GET", "POST"])
def panel(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(PanelForm, request, initial={
        "sent_on": review.sent_to_panel_on, "response": review.panel_response,
        "received_on": review.panel_response_on})

    @transaction.atomic
    def record():
        data = form.cleaned_data
        if data["sent_on"] and data["sent_on"] != review.sent_to_panel_on:
            rapid.panel_sent_record(review=review, sent_on=data["sent_on"])
        if data["received_on"]:
            rapid.panel_response_record(review=review, response=data["response"],
                                        received_on=data["received_on"])
        return review

    if submit(request, form, record):
        messages.success(request, "What was sent to the Panel has been recorded.")
        return redirect("reviews:rapid-detail", slug=slug, pk=pk)
    if request.method == "POST":
        review.refresh_from_db()
    missing = rapid.missing_sign_offs(review)
    return render(request, "reviews/rapid/form.html", {
        "partnership": partnership, "form": form, "title": "Send to the Panel",
        "caption": f"Rapid review of {review.notification.pseudonym}",
        "notes": ["Still to sign off the decision: " + ", ".join(a.name for a in missing)
                  + "."] if missing else [],
        "button": "Save", "back": _back(slug, review)})
