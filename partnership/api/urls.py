"""/api/...: the core's API (sign-in token, the signed-in person, working days, the OpenAPI
schema and its docs, partnerships and agencies). Each feature app keeps its API routes in
its own urls.py, under its namespace."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import child_protection, notifications, views

router = SimpleRouter()
router.register("partnerships", views.PartnershipViewSet, basename="api-partnership")
router.register("agencies", views.AgencyViewSet, basename="api-agency")
router.register("child-protection-teams", child_protection.ChildProtectionTeamViewSet,
                basename="api-child-protection-team")
router.register("notifications", notifications.NotificationViewSet, basename="api-inbox")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("working-days/", views.WorkingDaysView.as_view(), name="api-working-days"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
