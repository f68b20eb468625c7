"""/p/<slug>/reviews/...: practice reviews, recommendations and learning themes."""

from django.urls import path

from .views import practice, recommendations, themes

urlpatterns = [
    path("practice/", practice.practice_review_list, name="practice-review-list"),
    path("practice/new/", practice.practice_review_create, name="practice-review-create"),
    path("practice/<int:pk>/", practice.practice_review_detail, name="practice-review-detail"),
    path("practice/<int:pk>/edit/", practice.practice_review_edit, name="practice-review-edit"),
    path("practice/<int:pk>/publication/", practice.practice_review_publication,
         name="practice-review-publication"),
    path("practice/<int:pk>/milestones/new/", practice.milestone_add,
         name="practice-milestone-add"),
    path("practice/<int:pk>/milestones/<int:milestone_pk>/done/", practice.milestone_done,
         name="practice-milestone-done"),
    path("practice/<int:pk>/briefings/new/", practice.briefing_add,
         name="practice-briefing-add"),
    path("recommendations/", recommendations.recommendation_list, name="recommendation-list"),
    path("recommendations/new/", recommendations.recommendation_create,
         name="recommendation-create"),
    path("recommendations/<int:pk>/", recommendations.recommendation_detail,
         name="recommendation-detail"),
    path("recommendations/<int:pk>/edit/", recommendations.recommendation_edit,
         name="recommendation-edit"),
    path("recommendations/<int:pk>/actions/new/", recommendations.action_add,
         name="recommendation-action-add"),
    path("themes/", themes.theme_list, name="theme-list"),
    path("themes/new/", themes.theme_create, name="theme-create"),
    path("themes/<int:pk>/edit/", themes.theme_edit, name="theme-edit"),
    path("themes/report/", themes.theme_report, name="theme-report"),
    path("themes/report.csv", themes.theme_report_csv, name="theme-report-csv"),
]
