"""reviews' routes, under the `reviews` namespace: /p/<slug>/reviews/... (serious incident
notifications, the restricted child record, case access grants, rapid reviews, practice
reviews, recommendations, learning themes and the deadlines dashboard) and the API
(/api/reviews/...)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api_cases, api_practice
from .views import (
    cases,
    children,
    deadlines,
    national,
    practice,
    rapid,
    rapid_records,
    recommendations,
    themes,
)

app_name = "reviews"

# Serious incident notifications, the child record, case access grants and rapid reviews.
case_routes = [
    path("", cases.case_list, name="case-list"),
    path("new/", cases.case_create, name="case-create"),
    path("<int:pk>/", cases.case_detail, name="case-detail"),
    path("<int:pk>/edit/", cases.case_edit, name="case-edit"),
    path("<int:pk>/child/", cases.child_record, name="child-record"),
    path("<int:pk>/child/edit/", cases.child_record_edit, name="child-record-edit"),
    path("<int:pk>/children/", children.children, name="notified-children"),
    path("<int:pk>/children/new/", children.child_add, name="notified-child-add"),
    path("<int:pk>/children/<int:child_pk>/edit/", children.child_edit,
         name="notified-child-edit"),
    path("<int:pk>/children/<int:child_pk>/remove/", children.child_remove,
         name="notified-child-remove"),
    path("<int:pk>/dfe-form/", children.dfe_form, name="dfe-form"),
    path("<int:pk>/dfe-form.txt", children.dfe_form_text, name="dfe-form-text"),
    path("<int:pk>/grants/new/", cases.grant_create, name="grant-create"),
    path("<int:pk>/grants/<int:grant_pk>/revoke/", cases.grant_revoke, name="grant-revoke"),
    path("<int:pk>/rapid-review/start/", cases.rapid_start, name="rapid-start"),
    path("rapid/<int:pk>/", rapid.rapid_detail, name="rapid-detail"),
    path("rapid/<int:pk>/edit/", rapid.rapid_edit, name="rapid-edit"),
    path("rapid/<int:pk>/summaries/request/", rapid.summaries_request, name="summaries-request"),
    path("rapid/<int:pk>/summaries/<int:summary_pk>/", rapid.summary_edit, name="summary-edit"),
    path("rapid/<int:pk>/decision/", rapid.decision, name="decision"),
    path("rapid/<int:pk>/sign-off/", rapid.sign_off, name="sign-off"),
    path("rapid/<int:pk>/panel/", rapid.panel, name="panel"),
    path("rapid/<int:pk>/criteria/", rapid_records.criteria, name="rapid-criteria"),
    path("rapid/<int:pk>/processes/new/", rapid_records.process_add, name="rapid-process-add"),
    path("rapid/<int:pk>/processes/<int:process_pk>/", rapid_records.process_edit,
         name="rapid-process-edit"),
    path("rapid/<int:pk>/summaries/<int:summary_pk>/files/new/", rapid_records.attachment_add,
         name="summary-attachment-add"),
    path("rapid/<int:pk>/summaries/<int:summary_pk>/files/<int:attachment_pk>/",
         rapid_records.attachment_download, name="summary-attachment"),
    path("rapid/<int:pk>/summaries/<int:summary_pk>/files/<int:attachment_pk>/remove/",
         rapid_records.attachment_remove, name="summary-attachment-remove"),
]

# practice/..., national/..., recommendations/... and themes/...: practice reviews, the
# Panel's national reviews, recommendations and learning themes.
practice_routes = [
    path("practice/", practice.practice_review_list, name="practice-review-list"),
    path("practice/new/", practice.practice_review_create, name="practice-review-create"),
    path("practice/<int:pk>/", practice.practice_review_detail, name="practice-review-detail"),
    path("practice/<int:pk>/edit/", practice.practice_review_edit, name="practice-review-edit"),
    path("practice/<int:pk>/publication/", practice.practice_review_publication,
         name="practice-review-publication"),
    path("practice/<int:pk>/sign-off/", practice.practice_sign_off, name="practice-sign-off"),
    path("practice/<int:pk>/milestones/new/", practice.milestone_add,
         name="practice-milestone-add"),
    path("practice/<int:pk>/milestones/<int:milestone_pk>/done/", practice.milestone_done,
         name="practice-milestone-done"),
    path("practice/<int:pk>/briefings/new/", practice.briefing_add,
         name="practice-briefing-add"),
    path("national/", national.national_review_list, name="national-review-list"),
    path("national/new/", national.national_review_create, name="national-review-create"),
    path("national/<int:pk>/", national.national_review_detail, name="national-review-detail"),
    path("national/<int:pk>/edit/", national.national_review_edit, name="national-review-edit"),
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

# deadlines/: the case review deadlines dashboard.
deadline_routes = [
    path("deadlines/", deadlines.deadline_list, name="deadlines"),
]

# /api/reviews/...: notifications, rapid reviews, practice reviews and recommendations.
api_router = SimpleRouter()
api_router.register("notifications", api_cases.NotificationViewSet, basename="api-notification")
api_router.register("rapid-reviews", api_cases.RapidReviewViewSet, basename="api-rapid-review")
api_router.register("practice-reviews", api_practice.PracticeReviewViewSet,
                    basename="api-practice-review")
api_router.register("recommendations", api_practice.RecommendationViewSet, basename="api-recommendation")
api_router.register("national-reviews", api_practice.NationalReviewViewSet,
                    basename="api-national-review")

urlpatterns = [
    path("p/<slug:slug>/reviews/", include(case_routes + practice_routes + deadline_routes)),
    path("api/reviews/", include(api_router.urls)),
]
