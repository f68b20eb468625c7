"""arrangements' routes, under the `arrangements` namespace: the signed-in pages
(/p/<slug>/arrangements/...), the API (/api/arrangements/) and the public pages
(/public/<slug>/...), which need no sign-in."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from . import api
from .views import documents, public, settings

app_name = "arrangements"

# /p/<slug>/arrangements/...
document_routes = [
    path("", documents.version_list, name="list"),
    path("new/", documents.version_create, name="create"),
    path("<int:pk>/", documents.version_detail, name="detail"),
    path("<int:pk>/sections/<slug:key>/", documents.section_edit, name="section-edit"),
    path("<int:pk>/refresh/", documents.snapshot_refresh, name="refresh"),
    path("<int:pk>/sign-off/", documents.sign_off, name="sign-off"),
    path("<int:pk>/publish/", documents.publish, name="publish"),
    path("settings/", settings.setting_list, name="settings"),
    path("settings/new/", settings.setting_create, name="setting-create"),
    path("settings/<int:pk>/", settings.setting_edit, name="setting-edit"),
    path("settings/<int:pk>/remove/", settings.setting_remove, name="setting-remove"),
]

# /public/<slug>/... (no sign-in)
public_routes = [
    path("", public.index, name="public-index"),
    path("feed/", public.feed, name="public-feed"),
    path("yearly-reports/<int:pk>/", public.report, name="public-report"),
    path("yearly-reports/<int:pk>/pdf/", public.report_pdf, name="public-report-pdf"),
    re_path(r"^(?P<kind>arrangements|threshold)/(?P<number>[0-9]{1,9})/$", public.document,
            name="public-document"),
]

# /api/arrangements/
api_router = SimpleRouter()
api_router.register("arrangements", api.VersionViewSet, basename="api-version")

urlpatterns = [
    path("p/<slug:slug>/arrangements/", include(document_routes)),
    path("public/<slug:slug>/", include(public_routes)),
    path("api/", include(api_router.urls)),
]
