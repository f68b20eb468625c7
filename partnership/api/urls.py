from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("partnerships", views.PartnershipViewSet, basename="api-partnership")
router.register("agencies", views.AgencyViewSet, basename="api-agency")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("working-days/", views.WorkingDaysView.as_view(), name="api-working-days"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("funding/", include("funding.api_urls")),
    path("reviews/", include("reviews.api_urls")),
    path("section11/", include("agencies.api_urls")),
    path("scrutiny/", include("scrutiny.api_urls")),
    path("reports/", include("scrutiny.api_report_urls")),
    path("", include("governance.api_urls")),
    *router.urls,
]
