"""/p/<slug>/reports/... and /p/<slug>/actions/export.*: attendance by agency over a
period (on screen, CSV and Excel) and the action register as CSV and Excel."""

import dataclasses

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from partnership import exports
from partnership import permissions as core
from partnership.models.dated import today

from .. import permissions
from ..forms.lists import ActionFilter
from ..forms.priorities import AttendanceFilterForm
from ..models import ActionStatus, Rag
from ..selectors import action_register, partnership_agencies, reports

FILTER_KEYS = ("start_0", "start_1", "start_2", "end_0", "end_1", "end_2", "group")


@dataclasses.dataclass
class AttendanceReport:
    start: object
    end: object
    group: object
    rows: list

    @property
    def statutory(self):
        return reports.statutory_rows(self.rows)

    @property
    def has_data(self):
        return any(row.meetings or row.recorded for row in self.rows)


def _attendance(request, slug):
    """(partnership, filter form, report or None while the filters have errors)."""
    user = request.user
    partnership = permissions.governance_partnership(user, slug)
    groups = permissions.groups_for(user, partnership).order_by("name")
    start, end = reports.last_twelve_months()
    form = AttendanceFilterForm(
        request.GET if any(key in request.GET for key in FILTER_KEYS) else None,
        groups=groups, initial={"start": start, "end": end})
    group = None
    if form.is_bound:
        if not form.is_valid():
            return partnership, form, None
        start, end, group = (form.cleaned_data[k] for k in ("start", "end", "group"))
    meetings = permissions.meetings_for(user, partnership)
    if group is not None:
        meetings = meetings.filter(group=group)
    rows = reports.attendance_by_agency(reports.meetings_in_period(meetings, start, end),
                                        partnership)
    return partnership, form, AttendanceReport(start, end, group, rows)


@require_GET
def attendance_report(request, slug):
    partnership, form, report = _attendance(request, slug)
    return render(request, "governance/reports/attendance.html", {
        "partnership": partnership, "form": form, "report": report,
        "query": request.GET.urlencode()})


ATTENDANCE_HEADER = ["Agency", "Statutory partner", "Meetings with a seat", "Present",
                     "Deputy sent", "Apologies", "Absent", "Recorded", "Attendance rate (%)"]


def attendance_rows(partnership, report):
    yield ["Attendance by agency"]
    yield ["Partnership", partnership.name]
    yield ["From", report.start]
    yield ["To", report.end]
    yield ["Group", report.group.name if report.group else "All groups"]
    yield []
    yield ATTENDANCE_HEADER
    for row in report.rows:
        yield [row.name or "No agency recorded", row.statutory, row.meetings, row.present,
               row.deputy, row.apologies, row.absent, row.recorded, row.rate]


@require_GET
def attendance_export(request, slug, fmt):
    partnership, _form, report = _attendance(request, slug)
    if report is None:  # the report page shows what is wrong with the filters
        return redirect(f"{reverse('governance:attendance-report', args=[slug])}?{request.GET.urlencode()}")
    name = f"{partnership.slug}-attendance-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}"
    rows = attendance_rows(partnership, report)
    if fmt == "csv":
        return exports.csv_stream(rows, f"{name}.csv")
    return exports.xlsx_download(rows, f"{name}.xlsx", title="Attendance",
                                 bold=("Agency",), widths={"A": 50, "B": 20})


ACTION_HEADER = ["Code", "Source", "Source detail", "Description", "Owner agency", "Owner",
                 "Due date", "Status", "RAG", "Completed on", "Last updated", "Latest update"]
RAG_TEXT = {Rag.RED: "Red (overdue)", Rag.AMBER: "Amber (due soon)",
            Rag.GREEN: "Green (on track)", Rag.BLUE: "Blue (complete)"}


def _latest(action):
    if action.latest_at is None:
        return None, ""
    text = action.latest_note or (f"Evidence: {action.latest_evidence}"
                                  if action.latest_evidence else
                                  f"Status: {ActionStatus(action.latest_status).label}")
    return action.latest_at, text


def action_rows(actions):
    yield ACTION_HEADER
    for a in actions:
        at, text = _latest(a)
        yield [a.code, a.get_source_display(), a.source_label, a.description,
               a.owner_agency.name, a.owner.full_name if a.owner_id else "", a.due_on,
               a.get_status_display(), RAG_TEXT[a.rag], a.completed_on,
               at.date() if at else None, text]


def _register_filters(request, user, partnership):
    """The action register's filters (those of the list on screen, so a download matches
    it); a value that is not valid (not a choice, an agency that owns none of the actions
    the viewer may see) is left out rather than refused, so a download never fails."""
    visible = permissions.actions_for(user, partnership)
    agencies = partnership_agencies(partnership).filter(pk__in=visible.values("owner_agency_id"))
    data = request.GET.copy()
    data.pop("page", None)
    filters = ActionFilter(data, queryset=action_register(visible), agencies=agencies)
    if not filters.is_valid():
        for name in filters.errors:
            data.pop(name, None)
        filters = ActionFilter(data, queryset=action_register(visible), agencies=agencies)
    return filters.qs


@require_GET
def action_export(request, slug, fmt):
    """The action register as CSV (streamed, row by row) or Excel (written row by row in
    constant memory), filtered as on screen."""
    user = request.user
    partnership = core.partnership_for(user, slug)
    rows = action_rows(reports.action_export(_register_filters(request, user, partnership),
                                             partnership))
    name = f"{partnership.slug}-actions-{today():%Y-%m-%d}"
    if fmt == "csv":
        return exports.csv_stream(rows, f"{name}.csv")
    return exports.xlsx_download(rows, f"{name}.xlsx", title="Action register", bold=("Code",),
                                 widths={"D": 60, "E": 30, "L": 60})
