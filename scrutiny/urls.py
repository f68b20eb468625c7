"""scrutiny's routes, under the `scrutiny` namespace: /p/<slug>/scrutiny/... (the dashboard,
the multi-agency dataset, consultations, the scrutiny plan, the challenge log and the yearly
report) and the API (/api/scrutiny/... and /api/reports/yearly/...)."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from partnership.api.common import ID_PATTERN

from . import api_challenges, api_dataset, api_indicators, api_reports
from .views import activities, challenges, consultations, dashboard, dataset, reports

app_name = "scrutiny"

# The dashboard, one indicator's page and its target.
dashboard_routes = [
    path("", dashboard.dashboard, name="dashboard"),
    path("indicators/<slug:code>/", dashboard.indicator_detail, name="indicator"),
    path("indicators/<slug:code>/target/", dashboard.target_edit, name="target-edit"),
    path("indicators/<slug:code>/target/remove/", dashboard.target_remove,
         name="target-remove"),
]

# dataset/...: the multi-agency dataset.
dataset_routes = [
    path("", dataset.overview, name="dataset"),
    path("measures/", dataset.measure_list, name="dataset-measure-list"),
    path("measures/new/", dataset.measure_create, name="dataset-measure-create"),
    path("measures/<int:pk>/edit/", dataset.measure_edit, name="dataset-measure-edit"),
    path("returns/", dataset.return_list, name="dataset-return-list"),
    path("returns/<int:pk>/", dataset.return_detail, name="dataset-return-detail"),
    path("returns/<int:pk>/reopen/", dataset.return_reopen, name="dataset-return-reopen"),
    path("agencies/<int:agency_pk>/<str:quarter>/", dataset.return_form,
         name="dataset-return-form"),
]

# consultations/...: consultations with the relevant agencies.
consultation_routes = [
    path("", consultations.consultation_list, name="consultation-list"),
    path("new/", consultations.consultation_create, name="consultation-create"),
    path("<int:pk>/", consultations.consultation_detail, name="consultation-detail"),
    path("<int:pk>/questions/new/", consultations.question_add,
         name="consultation-question-add"),
    path("<int:pk>/send/", consultations.consultation_send, name="consultation-send"),
    path("<int:pk>/summary/", consultations.consultation_summary_page,
         name="consultation-summary"),
    path("<int:pk>/agencies/<int:agency_pk>/", consultations.respond,
         name="consultation-respond"),
]

# activities/...: the scrutiny plan, findings and the scrutineer's report sections.
activity_routes = [
    path("", activities.activity_list, name="activity-list"),
    path("new/", activities.activity_create, name="activity-create"),
    path("<int:pk>/", activities.activity_detail, name="activity-detail"),
    path("<int:pk>/edit/", activities.activity_edit, name="activity-edit"),
    path("<int:pk>/findings/new/", activities.finding_create, name="finding-create"),
    path("sections/", activities.section_list, name="section-list"),
    path("sections/new/", activities.section_create, name="section-create"),
    path("sections/<int:pk>/edit/", activities.section_edit, name="section-edit"),
]

# challenges/...: the challenge log.
challenge_routes = [
    path("", challenges.challenge_list, name="challenge-list"),
    path("new/", challenges.challenge_create, name="challenge-create"),
    path("<int:pk>/", challenges.challenge_detail, name="challenge-detail"),
    path("<int:pk>/respond/<int:agency_pk>/", challenges.response_create,
         name="challenge-respond"),
    path("<int:pk>/judgement/", challenges.judgement_create, name="challenge-judge"),
    path("<int:pk>/close/", challenges.challenge_close, name="challenge-close"),
    path("<int:pk>/files/<int:file_pk>/", challenges.attachment_download,
         name="challenge-attachment"),
]

# reports/...: the yearly report.
report_routes = [
    path("", reports.report_list, name="report-list"),
    path("new/", reports.report_create, name="report-create"),
    path("<int:pk>/", reports.report_detail, name="report-detail"),
    path("<int:pk>/html/", reports.report_html, name="report-html"),
    path("<int:pk>/render/", reports.render_version, name="report-render"),
    path("<int:pk>/sections/<slug:section>/", reports.narrative_edit, name="report-narrative"),
    path("<int:pk>/sign-off/", reports.sign_off, name="report-sign-off"),
    path("<int:pk>/recommend/", reports.recommend, name="report-recommend"),
    path("<int:pk>/publication/", reports.publication, name="report-publication"),
    path("<int:pk>/versions/<int:number>/pdf/", reports.download, name="report-download"),
]

# /api/scrutiny/...: the indicators, the dataset, the challenge log and the plan's activities.
api_router = SimpleRouter()
api_router.register("dataset-measures", api_dataset.MeasureViewSet,
                    basename="api-dataset-measure")
api_router.register("dataset-returns", api_dataset.ReturnViewSet, basename="api-dataset-return")
api_router.register("challenges", api_challenges.ChallengeViewSet, basename="api-challenge")
api_router.register("activities", api_challenges.ActivityViewSet, basename="api-activity")
api_routes = [
    path("indicators/", api_indicators.IndicatorListView.as_view(), name="api-indicators"),
    *api_router.urls,
]

# /api/reports/yearly/...: the yearly report's PDF job.
api_report_routes = [
    path("yearly/", api_reports.YearlyReportRequest.as_view(), name="api-report-create"),
    re_path(rf"^yearly/(?P<pk>{ID_PATTERN})/$", api_reports.YearlyReportDetail.as_view(),
            name="api-report-detail"),
    re_path(rf"^yearly/(?P<pk>{ID_PATTERN})/pdf/$", api_reports.YearlyReportPdf.as_view(),
            name="api-report-pdf"),
    re_path(rf"^yearly/(?P<pk>{ID_PATTERN})/sign-off/$", api_reports.YearlyReportSignOff.as_view(),
            name="api-report-sign-off"),
]

urlpatterns = [
    path("p/<slug:slug>/scrutiny/", include([
        path("", include(dashboard_routes)),
        path("dataset/", include(dataset_routes)),
        path("consultations/", include(consultation_routes)),
        path("activities/", include(activity_routes)),
        path("challenges/", include(challenge_routes)),
        path("reports/", include(report_routes)),
    ])),
    path("api/scrutiny/", include(api_routes)),
    path("api/reports/", include(api_report_routes)),
]
