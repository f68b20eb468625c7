"""/p/<slug>/...: priorities, the work plan, attendance reports and exports."""

from django.urls import path

from .views import priorities, reports

urlpatterns = [
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
