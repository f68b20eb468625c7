"""Routes: /p/<slug>/scrutiny/reports/...: the yearly report."""

from django.urls import path

from .views import reports

urlpatterns = [
    path("", reports.report_list, name="scrutiny-report-list"),
    path("new/", reports.report_create, name="scrutiny-report-create"),
    path("<int:pk>/", reports.report_detail, name="scrutiny-report-detail"),
    path("<int:pk>/html/", reports.report_html, name="scrutiny-report-html"),
    path("<int:pk>/render/", reports.render_version, name="scrutiny-report-render"),
    path("<int:pk>/sections/<slug:section>/", reports.narrative_edit,
         name="scrutiny-report-narrative"),
    path("<int:pk>/sign-off/", reports.sign_off, name="scrutiny-report-sign-off"),
    path("<int:pk>/publication/", reports.publication, name="scrutiny-report-publication"),
    path("<int:pk>/versions/<int:number>/pdf/", reports.download, name="scrutiny-report-download"),
]
