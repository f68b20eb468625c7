"""/p/<slug>/reviews/recommendations/...: the recommendations of the partnership's rapid
and practice reviews, and the actions that carry them out.

Actions live on the partnership's action register (governance.services.actions, source
"review"): their progress and evidence of completion are recorded on the register's own
action page; the evidence of impact is recorded here, on the recommendation. Readers see;
the business unit writes (403 for other readers); anyone else gets 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from governance.forms.meetings import ActionForm
from governance.selectors import partnership_agencies, people_in
from partnership.forms.pickers import offer_in
from partnership.lists import filtered_page
from partnership.views.common import bound, submit

from .. import permissions
from .. import selectors_practice as selectors
from ..forms.lists import RecommendationFilter
from ..forms.practice import theme_choices
from ..forms.recommendations import RecommendationEditForm, RecommendationForm
from ..services import recommendations as services


def _recommendation(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return partnership, permissions.recommendation_for(request.user, partnership, pk)


def _back(slug, recommendation):
    return reverse("reviews:recommendation-detail", args=[slug, recommendation.pk])


@require_GET
def recommendation_list(request, slug):
    """Recommendations of every review the user may see, newest first, filtered by learning
    theme and status, a page at a time (their actions with RAG)."""
    partnership = permissions.partnership_for_readers(request.user, slug)
    user = request.user
    filters = RecommendationFilter(
        request.GET or None, themes=permissions.themes_for(user, partnership),
        queryset=selectors.recommendation_list(permissions.recommendations_for(user, partnership)))
    page, query = filtered_page(request, filters)
    if page is not None:
        page.object_list = selectors.rag_recommendations(list(page.object_list), partnership)
    return render(request, "reviews/recommendations/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query})


def _review_from_query(request, partnership):
    """The review a new recommendation is for: ?practice=<id>, ?rapid=<id> or
    ?national=<id> (or the same names in the form), among those the user may see (404
    otherwise)."""
    for name, lookup in (("practice", permissions.practice_review_for),
                         ("rapid", permissions.rapid_review_for),
                         ("national", permissions.national_review_for)):
        pk = request.GET.get(name) or request.POST.get(name)
        if pk:
            return lookup(request.user, partnership, pk)
    raise Http404("No such review")


def review_url(slug, review):
    """A review's own page (rapid reviews' pages are reviews/urls.py's)."""
    from ..models import NationalReview, PracticeReview

    if isinstance(review, PracticeReview):
        return reverse("reviews:practice-review-detail", args=[slug, review.pk])
    if isinstance(review, NationalReview):
        return reverse("reviews:national-review-detail", args=[slug, review.pk])
    return reverse("reviews:rapid-detail", args=[slug, review.pk])


@require_http_methods(["GET", "POST"])
def recommendation_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    review = _review_from_query(request, partnership)
    permissions.require_manage(request.user, partnership)
    form = bound(RecommendationForm, request, themes=theme_choices(partnership))
    recommendation = submit(request, form, lambda: services.recommendation_create(
        review=review, **form.cleaned_data))
    if recommendation:
        messages.success(request, f"Recommendation {recommendation.number} added.")
        return redirect("reviews:recommendation-detail", slug=slug, pk=recommendation.pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Add a recommendation to {review}",
        "caption": "Recommendations", "button": "Add the recommendation",
        "back": review_url(slug, review)})


@require_GET
def recommendation_detail(request, slug, pk):
    partnership, recommendation = _recommendation(request, slug, pk)
    recommendation = selectors.recommendation_detail(recommendation)
    return render(request, "reviews/recommendations/detail.html", {
        "partnership": partnership, "recommendation": recommendation,
        "review": recommendation.review,
        "review_url": review_url(partnership.slug, recommendation.review),
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, slug, pk):
    partnership, recommendation = _recommendation(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    themes = list(recommendation.themes.all())
    form = bound(RecommendationEditForm, request, themes=theme_choices(partnership, themes),
                 initial={"text": recommendation.text, "status": recommendation.status,
                          "response": recommendation.response, "impact": recommendation.impact,
                          "themes": themes})
    if submit(request, form, lambda: services.recommendation_update(
            recommendation=recommendation, **form.cleaned_data)):
        messages.success(request, f"Recommendation {recommendation.number} updated.")
        return redirect("reviews:recommendation-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Change recommendation {recommendation.number}",
        "caption": str(recommendation.review), "button": "Save",
        "back": _back(slug, recommendation)})


@require_http_methods(["GET", "POST"])
def action_add(request, slug, pk):
    partnership, recommendation = _recommendation(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    form = offer_in(bound(ActionForm, request, agencies=partnership_agencies(partnership),
                          people=people_in(partnership)), "owner_agency", request)
    action = submit(request, form, lambda: services.action_add(
        recommendation=recommendation, created_by=request.user, **form.cleaned_data))
    if action:
        messages.success(request, f"Action {action.code} added to the action register.")
        return redirect("reviews:recommendation-detail", slug=slug, pk=pk)
    return render(request, "picker_form.html", {
        "partnership": partnership, "form": form,
        "title": f"Add an action for recommendation {recommendation.number}",
        "caption": str(recommendation.review), "button": "Add the action",
        "back": _back(slug, recommendation)})
