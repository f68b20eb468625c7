"""/p/<slug>/reviews/national/...: national reviews by the Child Safeguarding Practice Review
Panel, with their recommendations (which join the action register like local ones).

The partnership's readers (reviews.permissions.can_view) see them; the business unit
records them (others who can see get 403); anyone else, agency staff included, gets 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership.views.common import bound, query_id, submit

from .. import permissions
from .. import selectors_national as selectors
from ..forms.practice import NationalReviewForm, theme_choices
from ..models import Decision
from ..services import national as services


def _review(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return partnership, permissions.national_review_for(request.user, partnership, pk)


@require_GET
def national_review_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    reviews = selectors.national_review_list(
        permissions.national_reviews_for(request.user, partnership))
    return render(request, "reviews/national/list.html", {
        "partnership": partnership, "reviews": reviews,
        "can_manage": permissions.can_manage(request.user, partnership)})


def _referred(user, partnership):
    """Rapid reviews that referred the case for a national review, with none recorded."""
    return (permissions.rapid_reviews_for(user, partnership)
            .filter(decision=Decision.NATIONAL, national_review__isnull=True)
            .select_related("notification").order_by("-due_on"))


@require_http_methods(["GET", "POST"])
def national_review_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    referred = _referred(request.user, partnership)
    initial = {}
    wanted = query_id(request, "rapid")
    if wanted is not None and referred.filter(pk=wanted).exists():
        initial["rapid_review"] = wanted
    form = bound(NationalReviewForm, request, rapid_reviews=referred,
                 themes=theme_choices(partnership), initial=initial)
    review = submit(request, form, lambda: services.national_review_create(
        partnership=partnership, **form.cleaned_data))
    if review:
        messages.success(request, f"National review {review.title} recorded.")
        return redirect("reviews:national-review-detail", slug=slug, pk=review.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Record a national review",
        "caption": "National reviews by the Panel", "button": "Record the review",
        "back": reverse("reviews:national-review-list", args=[slug])})


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
