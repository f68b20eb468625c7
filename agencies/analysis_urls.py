"""/p/<slug>/section-11/moderation/..., challenge/... and analysis/...: moderation and
feedback, challenge events with their follow-up actions, and the analysis of cycles with
its exports."""

from django.urls import path

from .views import analysis, challenge, moderation

urlpatterns = [
    path("moderation/returns/<int:pk>/", moderation.moderate, name="s11-moderate"),
    path("moderation/returns/<int:pk>/feedback/", moderation.feedback, name="s11-feedback"),
    path("challenge/", challenge.event_list, name="s11-challenge-list"),
    path("challenge/new/", challenge.event_create, name="s11-challenge-create"),
    path("challenge/<int:pk>/", challenge.event_detail, name="s11-challenge"),
    path("challenge/<int:pk>/edit/", challenge.event_edit, name="s11-challenge-edit"),
    path("challenge/<int:pk>/actions/new/", challenge.action_add,
         name="s11-challenge-action-add"),
    path("analysis/year-on-year/", analysis.year_on_year, name="s11-year-on-year"),
    path("analysis/<int:cycle_pk>/", analysis.cycle_analysis, name="s11-analysis"),
    path("analysis/<int:cycle_pk>/export.csv", analysis.export, {"fmt": "csv"},
         name="s11-export-csv"),
    path("analysis/<int:cycle_pk>/export.xlsx", analysis.export, {"fmt": "xlsx"},
         name="s11-export-xlsx"),
]
