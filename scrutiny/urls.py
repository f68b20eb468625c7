"""/p/<slug>/scrutiny/...: each area keeps its routes in its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("scrutiny.dashboard_urls")),
    path("dataset/", include("scrutiny.dataset_urls")),
    path("consultations/", include("scrutiny.consultation_urls")),
    path("activities/", include("scrutiny.activity_urls")),
    path("challenges/", include("scrutiny.challenge_urls")),
    path("reports/", include("scrutiny.report_urls")),
]
