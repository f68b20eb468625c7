"""/api/scrutiny/...: each area keeps its API routes in its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("scrutiny.api_indicator_urls")),
    path("", include("scrutiny.api_dataset_urls")),
    path("", include("scrutiny.api_challenge_urls")),
]
