"""Reads of national reviews, each in a fixed number of queries. Callers pass what the user
may see (reviews.permissions.national_reviews_for)."""

from django.db.models import Count, Prefetch

from .models import LearningTheme, NationalReview
from .selectors_practice import rag_recommendations, recommendations_with_actions


def _themes():
    return Prefetch("themes", LearningTheme.objects.order_by("name"))


def national_review_list(reviews):
    """Newest first (a queryset), with the rapid review's case, themes and how many
    recommendations. Two queries for a page of them."""
    return (reviews.select_related("rapid_review__notification")
            .prefetch_related(_themes())
            .annotate(recommendation_count=Count("recommendations"))
            .order_by("-published_on", "-panel_decided_on", "-pk"))


def national_review_detail(review, on=None):
    """One review with its themes and its recommendations with their actions (RAG set)."""
    review = (NationalReview.objects.select_related("rapid_review__notification", "partnership")
              .prefetch_related(_themes(), recommendations_with_actions()).get(pk=review.pk))
    rag_recommendations(review.recommendations.all(), review.partnership, on)
    return review
