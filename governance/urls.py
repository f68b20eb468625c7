"""governance's routes, under the `governance` namespace: the partnership's groups,
meetings, the action register, priorities and the work plan (/p/<slug>/...), private
calendar feeds (/calendar/...) and the API (/api/groups/, meetings/, actions/)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api_actions, api_groups, api_meetings
from .views import actions, agenda, calendars, groups, lifecycle, meetings, minutes, priorities, reports
from .views import minutes_template as template_views
from .views import records as record_views

app_name = "governance"

# /p/<slug>/groups/...: the groups, their seats and meeting schedules.
group_routes = [
    path("", groups.group_list, name="group-list"),
    path("new/", groups.group_create, name="group-create"),
    path("<int:pk>/", groups.group_detail, name="group-detail"),
    path("<int:pk>/edit/", groups.group_edit, name="group-edit"),
    path("<int:pk>/members/new/", groups.member_add, name="group-member-add"),
    path("<int:pk>/members/<int:member_pk>/end/", groups.member_end, name="group-member-end"),
    path("<int:pk>/schedule/", groups.schedule, name="group-schedule"),
]

# /p/<slug>/...: meetings, their papers and calendar files, decisions and the action register.
meeting_routes = [
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
    path("meetings/<int:pk>/agenda/", agenda.agenda_page, name="meeting-agenda"),
    path("meetings/<int:pk>/agenda/publish/", agenda.agenda_publish,
         name="meeting-agenda-publish"),
    path("meetings/<int:pk>/agenda/reopen/", agenda.agenda_reopen, name="meeting-agenda-reopen"),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", agenda.item_move,
         name="meeting-item-move"),
    path("meetings/<int:pk>/items/<int:item_pk>/remove/", agenda.item_remove,
         name="meeting-item-remove"),
    path("meetings/<int:pk>/papers/<int:paper_pk>/remove/", agenda.paper_remove,
         name="meeting-paper-remove"),
    path("meetings/<int:pk>/papers/<int:paper_pk>/replace/", agenda.paper_replace,
         name="meeting-paper-replace"),
    path("meetings/<int:pk>/pack/", agenda.pack_page, name="meeting-pack"),
    path("meetings/<int:pk>/pack.pdf", agenda.pack_download, name="meeting-pack-download"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/declarations/new/", meetings.declaration_add,
         name="meeting-declaration-add"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_add, name="meeting-decision-add"),
    path("meetings/<int:pk>/minutes/", minutes.minutes_edit, name="meeting-minutes"),
    path("meetings/<int:pk>/minutes/draft/", minutes.minutes_draft, name="meeting-minutes-draft"),
    path("meetings/<int:pk>/minutes/approve/", minutes.minutes_approve,
         name="meeting-minutes-approve"),
    path("meetings/<int:pk>/minutes.pdf", minutes.minutes_pdf, name="meeting-minutes-pdf"),
    path("meetings/<int:pk>/minutes.docx", minutes.minutes_docx, name="meeting-minutes-docx"),
    path("meetings/<int:pk>/calendar.ics", calendars.meeting_ics, name="meeting-ics"),
    path("meetings/<int:pk>/held/", lifecycle.meeting_held, name="meeting-held"),
    path("meetings/<int:pk>/cancel/", lifecycle.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/adjourn/", lifecycle.meeting_adjourn, name="meeting-adjourn"),
    path("meetings/<int:pk>/invitations/", lifecycle.invitations_send, name="meeting-invitations"),
    path("meetings/<int:pk>/decisions/<int:record_pk>/correct/", record_views.decision_correct,
         name="meeting-decision-correct"),
    path("meetings/<int:pk>/decisions/<int:record_pk>/withdraw/", record_views.decision_withdraw,
         name="meeting-decision-withdraw"),
    path("meetings/<int:pk>/declarations/<int:record_pk>/correct/",
         record_views.declaration_correct, name="meeting-declaration-correct"),
    path("meetings/<int:pk>/declarations/<int:record_pk>/withdraw/",
         record_views.declaration_withdraw, name="meeting-declaration-withdraw"),
    path("decisions/", record_views.decision_list, name="decision-list"),
    path("minutes-template/", template_views.minutes_template, name="minutes-template"),
    path("minutes-template/download/", template_views.minutes_template_download,
         name="minutes-template-download"),
    path("minutes-template/remove/", template_views.minutes_template_remove,
         name="minutes-template-remove"),
    path("actions/", actions.action_list, name="action-list"),
    path("actions/new/", actions.action_create, name="action-create"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", actions.action_progress, name="action-progress"),
    path("actions/<int:pk>/evidence/<int:update_pk>/", actions.evidence_download,
         name="action-evidence"),
]

# /p/<slug>/...: priorities, the work plan, attendance reports and exports.
plan_routes = [
    path("priorities/", priorities.priority_list, name="priority-list"),
    path("priorities/new/", priorities.priority_create, name="priority-create"),
    path("priorities/<int:pk>/edit/", priorities.priority_edit, name="priority-edit"),
    path("priorities/<int:pk>/items/new/", priorities.work_plan_item_create,
         name="work-plan-item-create"),
    path("work-plan/<int:pk>/edit/", priorities.work_plan_item_edit, name="work-plan-item-edit"),
    path("reports/attendance/", reports.attendance_report, name="attendance-report"),
    path("reports/attendance.csv", reports.attendance_export, {"fmt": "csv"},
         name="attendance-export-csv"),
    path("reports/attendance.xlsx", reports.attendance_export, {"fmt": "xlsx"},
         name="attendance-export-xlsx"),
    path("actions/export.csv", reports.action_export, {"fmt": "csv"}, name="action-export-csv"),
    path("actions/export.xlsx", reports.action_export, {"fmt": "xlsx"},
         name="action-export-xlsx"),
]

# /calendar/...: each person's private calendar feed.
calendar_routes = [
    path("", calendars.feed_page, name="calendar-feed"),
    path("new/", calendars.feed_reset, name="calendar-feed-reset"),
    path("revoke/", calendars.feed_revoke, name="calendar-feed-revoke"),
    path("feed/<slug:secret>.ics", calendars.feed_ics, name="calendar-feed-ics"),
]

# /api/...: groups, meetings and the action register.
api_router = SimpleRouter()
api_router.register("groups", api_groups.GroupViewSet, basename="api-group")
api_router.register("meetings", api_meetings.MeetingViewSet, basename="api-meeting")
api_router.register("actions", api_actions.ActionViewSet, basename="api-action")

urlpatterns = [
    path("p/<slug:slug>/groups/", include(group_routes)),
    path("p/<slug:slug>/", include(meeting_routes + plan_routes)),
    path("calendar/", include(calendar_routes)),
    path("api/", include(api_router.urls)),
]
