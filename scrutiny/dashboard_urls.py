"""Routes: the scrutiny dashboard, one indicator's page and its target."""

from django.urls import path

from .views import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="scrutiny-dashboard"),
    path("indicators/<slug:code>/", dashboard.indicator_detail, name="scrutiny-indicator"),
    path("indicators/<slug:code>/target/", dashboard.target_edit, name="scrutiny-target-edit"),
    path("indicators/<slug:code>/target/remove/", dashboard.target_remove,
         name="scrutiny-target-remove"),
]
