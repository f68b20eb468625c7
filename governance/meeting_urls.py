"""/p/<slug>/...: meetings, their papers and the action register."""

from django.urls import path

from .views import actions, meetings

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("groups/<int:group_pk>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", meetings.item_add, name="meeting-item-add"),
    path("meetings/<int:pk>/items/<int:item_pk>/edit/", meetings.item_edit,
         name="meeting-item-edit"),
    path("meetings/<int:pk>/items/<int:item_pk>/papers/new/", meetings.paper_add,
         name="meeting-paper-add"),
    path("papers/<int:pk>/", meetings.paper_download, name="paper-download"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/declarations/new/", meetings.declaration_add,
         name="meeting-declaration-add"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_add, name="meeting-decision-add"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_edit, name="meeting-minutes"),
    path("meetings/<int:pk>/minutes/approve/", meetings.minutes_approve,
         name="meeting-minutes-approve"),
    path("decisions/", meetings.decision_list, name="decision-list"),
    path("actions/", actions.action_list, name="action-list"),
    path("actions/new/", actions.action_create, name="action-create"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", actions.action_progress, name="action-progress"),
    path("actions/<int:pk>/evidence/<int:update_pk>/", actions.evidence_download,
         name="action-evidence"),
]
