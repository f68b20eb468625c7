"""/p/<slug>/groups/...: the partnership's groups, their seats and meeting schedules."""

from django.urls import path

from .views import groups

urlpatterns = [
    path("", groups.group_list, name="group-list"),
    path("new/", groups.group_create, name="group-create"),
    path("<int:pk>/", groups.group_detail, name="group-detail"),
    path("<int:pk>/edit/", groups.group_edit, name="group-edit"),
    path("<int:pk>/members/new/", groups.member_add, name="group-member-add"),
    path("<int:pk>/members/<int:member_pk>/end/", groups.member_end, name="group-member-end"),
    path("<int:pk>/schedule/", groups.schedule, name="group-schedule"),
]
