"""/p/<slug>/reviews/...: serious incident notifications, the restricted child record, case
access grants and rapid reviews."""

from django.urls import path

from .views import cases, rapid

urlpatterns = [
    path("", cases.case_list, name="review-case-list"),
    path("new/", cases.case_create, name="review-case-create"),
    path("<int:pk>/", cases.case_detail, name="review-case-detail"),
    path("<int:pk>/edit/", cases.case_edit, name="review-case-edit"),
    path("<int:pk>/child/", cases.child_record, name="review-child-record"),
    path("<int:pk>/child/edit/", cases.child_record_edit, name="review-child-record-edit"),
    path("<int:pk>/grants/new/", cases.grant_create, name="review-grant-create"),
    path("<int:pk>/grants/<int:grant_pk>/revoke/", cases.grant_revoke,
         name="review-grant-revoke"),
    path("<int:pk>/rapid-review/start/", cases.rapid_start, name="review-rapid-start"),
    path("rapid/<int:pk>/", rapid.rapid_detail, name="review-rapid-detail"),
    path("rapid/<int:pk>/edit/", rapid.rapid_edit, name="review-rapid-edit"),
    path("rapid/<int:pk>/summaries/request/", rapid.summaries_request,
         name="review-summaries-request"),
    path("rapid/<int:pk>/summaries/<int:summary_pk>/", rapid.summary_edit,
         name="review-summary-edit"),
    path("rapid/<int:pk>/decision/", rapid.decision, name="review-decision"),
    path("rapid/<int:pk>/sign-off/", rapid.sign_off, name="review-sign-off"),
    path("rapid/<int:pk>/panel/", rapid.panel, name="review-panel"),
]
