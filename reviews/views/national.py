"""/p/<slug>/reviews/national/...: national reviews by the Child Safeguarding Practice Review
Panel, with their recommendations (which join the action register like local ones).

The partnership's readers (reviews.permissions.can_view) see them; the business unit
records them (others who can see get 403); anyone else, agency staff included, gets 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership.lists import filtered_page
from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_national as selectors
from ..forms.lists import NationalReviewFilter
from ..forms.practice import NationalReviewForm, theme_choices
from ..models import Decision
from ..services import national as services
from .practice import create_from_rapid_review


def _review(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return partnership, permissions.national_review_for(request.user, partnership, pk)


@require_GET
def national_review_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    filters = NationalReviewFilter(
        request.GET or None, themes=permissions.themes_for(request.user, partnership),
        queryset=selectors.national_review_list(
            permissions.national_reviews_for(request.user, partnership)))
    page, query = filtered_page(request, filters)
    return render(request, "reviews/national/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def national_review_create(request, slug):
    """From a rapid review that referred the case for a national review, or standalone."""
    return create_from_rapid_review(
        request, slug, decision=Decision.NATIONAL, without="national_review",
        form_class=NationalReviewForm, create=services.national_review_create, page={
            "title": "Record a national review", "button": "Record the review",
            "caption": "National reviews by the Panel",
            "made": "National review {title} recorded.",
            "list": "reviews:national-review-list", "detail": "reviews:national-review-detail"})


@require_GET
def national_review_detail(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    return render(request, "reviews/national/detail.html", {
        "partnership": partnership, "review": selectors.national_review_detail(review),
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def national_review_edit(request, slug, pk):
    partnership, review = _review(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    themes = list(review.themes.all())
    form = bound(NationalReviewForm, request, themes=theme_choices(partnership, themes),
                 initial={**{name: getattr(review, name) for name in services.FIELDS},
                          "themes": themes})
    if submit(request, form, lambda: services.national_review_update(review=review,
                                                                     **form.cleaned_data)):
        messages.success(request, f"National review {review.title} updated.")
        return redirect("reviews:national-review-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Change {review.title}",
        "caption": "National review", "button": "Save",
        "back": reverse("reviews:national-review-detail", args=[slug, pk])})
