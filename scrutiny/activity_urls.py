"""/p/<slug>/scrutiny/activities/...: the scrutiny plan, findings and the scrutineer's
report sections."""

from django.urls import path

from .views import activities

urlpatterns = [
    path("", activities.activity_list, name="scrutiny-activity-list"),
    path("new/", activities.activity_create, name="scrutiny-activity-create"),
    path("<int:pk>/", activities.activity_detail, name="scrutiny-activity-detail"),
    path("<int:pk>/edit/", activities.activity_edit, name="scrutiny-activity-edit"),
    path("<int:pk>/findings/new/", activities.finding_create, name="scrutiny-finding-create"),
    path("sections/", activities.section_list, name="scrutiny-section-list"),
    path("sections/new/", activities.section_create, name="scrutiny-section-create"),
    path("sections/<int:pk>/edit/", activities.section_edit, name="scrutiny-section-edit"),
]
