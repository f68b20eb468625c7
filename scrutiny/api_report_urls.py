"""API routes: /api/reports/yearly/...: the yearly report's PDF job."""

from django.urls import path, re_path

from partnership.api.common import ID_PATTERN

from . import api_reports

urlpatterns = [
    path("yearly/", api_reports.YearlyReportRequest.as_view(), name="api-report-create"),
    re_path(rf"^yearly/(?P<pk>{ID_PATTERN})/$", api_reports.YearlyReportDetail.as_view(),
            name="api-report-detail"),
    re_path(rf"^yearly/(?P<pk>{ID_PATTERN})/pdf/$", api_reports.YearlyReportPdf.as_view(),
            name="api-report-pdf"),
]
