"""/p/<slug>/reviews/practice/...: local child safeguarding practice reviews, their
milestones, publication and learning briefings.

The partnership's readers (reviews.permissions.can_view) see them; the business unit
records them (others who can see get 403); anyone else, agency staff included, gets 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.lists import filtered_page
from partnership.services.audit import access_event_record
from partnership.views.common import attempt, bound, query_id, submit

from .. import permissions
from .. import selectors_practice as selectors
from ..forms.lists import PracticeReviewFilter
from ..forms.practice import (
    BriefingForm,
    MilestoneDoneForm,
    MilestoneForm,
    PracticeReviewEditForm,
    PracticeReviewForm,
    PublicationForm,
    theme_choices,
)
from ..models import Decision, Milestone, Stage
from ..models.practice import PRE_PUBLICATION_DAYS
from ..services import practice as services


def _review(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return partnership, permissions.practice_review_for(request.user, partnership, pk)


def _managed_review(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    return partnership, review


def _back(slug, review):
    return reverse("reviews:practice-review-detail", args=[slug, review.pk])


@require_GET
def practice_review_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    filters = PracticeReviewFilter(
        request.GET or None, themes=permissions.themes_for(request.user, partnership),
        queryset=selectors.practice_review_list(
            permissions.practice_reviews_for(request.user, partnership)))
    page, query = filtered_page(request, filters)
    if page is not None:
        page.object_list = selectors.with_states(page.object_list)
    return render(request, "reviews/practice/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "can_manage": permissions.can_manage(request.user, partnership)})


def create_from_rapid_review(request, slug, *, decision, without, form_class, create, page):
    """The page that records a review (practice or national) for the business unit, offering
    the rapid reviews whose decision was `decision` and that have none yet (`without`: the
    reverse relation's name); `?rapid=ID` picks one. `page`: the form page's texts, the
    success message (with {title}) and the list and detail route names."""
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    rapid_reviews = (permissions.rapid_reviews_for(request.user, partnership)
                     .filter(decision=decision, **{f"{without}__isnull": True})
                     .select_related("notification").order_by("-due_on"))
    initial = {}
    wanted = query_id(request, "rapid")
    if wanted is not None and rapid_reviews.filter(pk=wanted).exists():
        initial["rapid_review"] = wanted
    form = bound(form_class, request, rapid_reviews=rapid_reviews,
                 themes=theme_choices(partnership), initial=initial)
    review = submit(request, form, lambda: create(partnership=partnership, **form.cleaned_data))
    if review:
        messages.success(request, page["made"].format(title=review.title))
        return redirect(page["detail"], slug=slug, pk=review.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": page["title"],
        "caption": page["caption"], "button": page["button"],
        "back": reverse(page["list"], args=[slug])})


@require_http_methods(["GET", "POST"])
def practice_review_create(request, slug):
    return create_from_rapid_review(
        request, slug, decision=Decision.PRACTICE_REVIEW, without="practice_review",
        form_class=PracticeReviewForm, create=services.practice_review_create, page={
            "title": "Add a practice review", "button": "Add the review",
            "caption": "Local child safeguarding practice reviews",
            "made": "Practice review {title} added.",
            "list": "reviews:practice-review-list", "detail": "reviews:practice-review-detail"})


@require_GET
def practice_review_detail(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    access_event_record(user=request.user, obj=review, partnership=partnership,
                        path=request.path)
    review = selectors.practice_review_detail(review)
    rows = selectors.sign_off_rows(review)
    return render(request, "reviews/practice/detail.html", {
        "partnership": partnership, "review": review, "publication": review.publication_state,
        "pre_publication_days": PRE_PUBLICATION_DAYS, "today": timezone.localdate(),
        "ofsted_rule": services.OFSTED_RULE, "sign_off_rows": rows,
        "signable": _signable(request.user, review, rows),
        "can_manage": permissions.can_manage(request.user, partnership)})


def _signable(user, review, rows):
    """(stage, membership) the user may sign off now: their lead partner roles, for the
    stages not yet signed for that partner and not blocked by an earlier stage."""
    if review.published_on or review.status == "closed":
        return []
    memberships = permissions.practice_signer_memberships(user, review)
    found = []
    for row in rows:
        signed = {partner.pk for partner, sign_off in row.signatures if sign_off}
        pending = [m for m in memberships if m.agency_id not in signed]
        if pending and not services.stage_blocked(review, row.stage):
            found.extend((row.stage, m) for m in pending)
    return found


@require_POST
def practice_sign_off(request, slug, pk):
    """A lead safeguarding partner signs off a stage for the partner they lead; anyone else
    who sees the review gets 403, with the reason."""
    partnership, review = _review(request, slug, pk)
    membership = permissions.require_practice_signer(request.user, review,
                                                     request.POST.get("partner"))
    stage = request.POST.get("stage", "")
    outcome = attempt(lambda: services.practice_sign_off(review=review, stage=stage,
                                                         membership=membership),
                      request=request)
    if outcome.done:
        messages.success(request, f"You have signed off {Stage(stage).label.lower()} for "
                                  f"{membership.agency.name}.")
    return redirect(_back(slug, review) + "#sign-off")


@require_http_methods(["GET", "POST"])
def practice_review_edit(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    themes = list(review.themes.all())
    form = bound(PracticeReviewEditForm, request, themes=theme_choices(partnership, themes),
                 current_status=review.status, initial={
                     **{name: getattr(review, name) for name in services.FIELDS},
                     "themes": themes})
    if submit(request, form, lambda: services.practice_review_update(
            review=review, **form.cleaned_data)):
        messages.success(request, f"Practice review {review.title} updated.")
        return redirect("reviews:practice-review-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change {review.title}",
        "caption": "Practice review", "button": "Save", "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def practice_review_publication(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(PublicationForm, request, initial={
        "publication": review.publication, "reasons": review.not_publishing_reasons,
        "planned_on": review.planned_publication_on, "copy_sent_on": review.copy_sent_on,
        "ofsted_copy_sent_on": review.ofsted_copy_sent_on,
        "published_on": review.published_on, "published_url": review.published_url})
    if submit(request, form, lambda: services.publication_record(
            review=review, **form.cleaned_data)):
        messages.success(request, f"Publication of {review.title} recorded.")
        return redirect("reviews:practice-review-detail", slug=slug, pk=pk)
    review.refresh_from_db()  # a refused write leaves the page showing what is recorded
    return render(request, "reviews/practice/publication.html", {
        "partnership": partnership, "form": form, "review": review,
        "publication": selectors.publication_state(review, timezone.localdate()),
        "pre_publication_days": PRE_PUBLICATION_DAYS, "ofsted_rule": services.OFSTED_RULE,
        "title": f"Publication of {review.title}", "caption": "Practice review",
        "button": "Save", "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def milestone_add(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(MilestoneForm, request)
    if submit(request, form, lambda: services.milestone_add(review=review, **form.cleaned_data)):
        messages.success(request, "Milestone added.")
        return redirect("reviews:practice-review-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Add a milestone to {review.title}",
        "caption": "Practice review", "button": "Add the milestone", "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def milestone_done(request, slug, pk, milestone_pk):
    partnership, review = _review(request, slug, pk)
    try:
        milestone = review.milestones.get(pk=milestone_pk)
    except Milestone.DoesNotExist:
        raise Http404("No such milestone") from None
    permissions.require_manage(request.user, partnership)
    form = bound(MilestoneDoneForm, request)
    if submit(request, form, lambda: services.milestone_done(milestone=milestone,
                                                              **form.cleaned_data)):
        messages.success(request, f"Milestone '{milestone.title}' marked done.")
        return redirect("reviews:practice-review-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Mark '{milestone.title}' done",
        "caption": review.title, "button": "Save", "back": _back(slug, review)})


@require_http_methods(["GET", "POST"])
def briefing_add(request, slug, pk):
    partnership, review = _managed_review(request, slug, pk)
    form = bound(BriefingForm, request)
    if submit(request, form, lambda: services.briefing_add(review=review, **form.cleaned_data)):
        messages.success(request, "Learning briefing added.")
        return redirect("reviews:practice-review-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Add a learning briefing from {review.title}", "caption": "Practice review",
        "button": "Add the briefing", "back": _back(slug, review)})
