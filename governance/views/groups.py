"""The partnership's groups: the list and reporting lines, a group's page, adding and
editing groups (business unit), seats and a year's meetings (business unit or chair)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partnership import permissions as core
from partnership.forms.pickers import offer_in
from partnership.models import Partnership
from partnership.views.common import attempt, bound

from .. import permissions
from ..forms.groups import GroupForm, MemberEndForm, MemberForm, ScheduleForm
from ..models import Group
from ..selectors import groups as selectors
from ..selectors.attendance import absent_running
from ..services import groups as services
from ..services import meetings as meeting_services

# Helpers


def _group(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    return partnership, permissions.group_for(request.user, partnership, pk)


def _posted(form):
    """The form's own inputs as posted, to carry through a confirmation step."""
    inputs = []
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        suffixes = getattr(field.widget, "widgets_names", None) or [""]
        inputs += [(html_name + suffix, form.data.get(html_name + suffix, ""))
                   for suffix in suffixes]
    return inputs


def _detail(partnership, group):
    return redirect("governance:group-detail", slug=partnership.slug, pk=group.pk)


# Pages


@require_GET
def group_list(request, slug):
    partnership = core.partnership_for(request.user, slug)
    context = selectors.group_list(permissions.groups_for(request.user, partnership), partnership)
    return render(request, "governance/groups/list.html", {
        **context, "partnership": partnership,
        "sees_all": permissions.can_view_governance(request.user, partnership),
        "can_manage": permissions.can_manage_governance(request.user, partnership)})


@require_GET
def group_detail(request, slug, pk):
    partnership, group = _group(request, slug, pk)
    context = selectors.group_detail(group, partnership,
                                     permissions.groups_for(request.user, partnership))
    return render(request, "governance/groups/detail.html", {
        **context, "partnership": partnership,
        "can_manage": permissions.can_manage_governance(request.user, group.partnership),
        "can_run": permissions.can_run_group(request.user, group),
        "can_schedule": selectors.default_count(group) is not None,
        "absent": absent_running(Group.objects.filter(pk=group.pk))})


def _group_form(request, partnership, group=None):
    people = selectors.people_in(partnership, also=group.chair if group and group.chair_id
                                 else None)
    governed = permissions.partnerships_governed(request.user).exclude(pk=partnership.pk)
    if group is not None:
        share_with = Partnership.objects.filter(
            pk__in=[*governed.values_list("pk", flat=True),
                    *group.shared_with.values_list("pk", flat=True)]).order_by("name")
        initial = {name: getattr(group, name) for name in services.GROUP_FIELDS}
        initial["shared_with"] = list(group.shared_with.all())
    else:
        share_with, initial = governed.order_by("name"), {}
    return bound(GroupForm, request, people=people, share_with=share_with, group=group,
                  groups=permissions.groups_for(request.user, partnership).order_by("name"),
                  initial=initial)


def _shared(form):
    return list(form.cleaned_data["shared_with"]) if "shared_with" in form.fields else None


@require_http_methods(["GET", "POST"])
def group_create(request, slug):
    partnership = core.partnership_for(request.user, slug)
    permissions.require_manage_governance(request.user, partnership)
    form = _group_form(request, partnership)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.group_create(
            partnership=partnership, shared_with=_shared(form) or (), **form.service_fields()),
            form=form)
        if outcome.done:
            messages.success(request, f"{outcome.result.name} added.")
            return _detail(partnership, outcome.result)
    return render(request, "governance/groups/form.html", {
        "partnership": partnership, "form": form, "title": "Add a group",
        "button": "Add the group", "back": reverse("governance:group-list", args=[partnership.slug])})


@require_http_methods(["GET", "POST"])
def group_edit(request, slug, pk):
    partnership, group = _group(request, slug, pk)
    permissions.require_manage_governance(request.user, group.partnership)
    title = f"Edit {group.name}"
    form = _group_form(request, group.partnership, group)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.group_update(
            group=group, shared_with=_shared(form), **form.service_fields()), form=form)
        if outcome.done:
            messages.success(request, f"{group.name} updated.")
            return _detail(partnership, group)
    return render(request, "governance/groups/form.html", {
        "partnership": partnership, "form": form, "title": title, "button": "Save",
        "back": reverse("governance:group-detail", args=[partnership.slug, pk])})


@require_http_methods(["GET", "POST"])
def member_add(request, slug, pk):
    partnership, group = _group(request, slug, pk)
    permissions.require_run_group(request.user, group)
    form = offer_in(bound(MemberForm, request, people=selectors.people_in(group.partnership),
                          agencies=selectors.agencies_in(group.partnership)), "agency", request)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.member_add(group=group, **form.service_fields()),
                          form=form)
        if outcome.done:
            messages.success(request, f"{outcome.result.display} now has a seat on {group.name}.")
            return _detail(partnership, group)
    return render(request, "governance/groups/member_add.html", {
        "partnership": partnership, "group": group, "form": form})


@require_http_methods(["GET", "POST"])
def member_end(request, slug, pk, member_pk):
    partnership, group = _group(request, slug, pk)
    member = permissions.member_for(group, member_pk)
    permissions.require_run_group(request.user, group)
    form = bound(MemberEndForm, request, member=member)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.member_end(
            member=member, end_date=form.cleaned_data["end_date"]), form=form)
        if outcome.done:
            ended = outcome.result
            messages.success(request, f"{ended.display}'s seat on {group.name} ends on "
                                      f"{ended.end_date:%-d %B %Y}.")
            return _detail(partnership, group)
        member.refresh_from_db()
    return render(request, "governance/groups/member_end.html", {
        "partnership": partnership, "group": group, "member": member, "form": form})


@require_http_methods(["GET", "POST"])
def schedule(request, slug, pk):
    """Two steps without JavaScript: the form posts to "Check the dates", which shows the
    dates and posts them back (hidden) to create the meetings."""
    partnership, group = _group(request, slug, pk)
    permissions.require_run_group(request.user, group)
    context = {"partnership": partnership, "group": group}
    count = selectors.default_count(group)
    if count is None:
        return render(request, "governance/groups/schedule_ad_hoc.html", context)
    form = bound(ScheduleForm, request, group=group, initial={"count": count})
    context.update(form=form, default_count=count)
    if request.method != "POST" or "change" in request.POST or not form.is_valid():
        return render(request, "governance/groups/schedule.html", context)
    data = form.cleaned_data
    if "confirm" in request.POST:
        outcome = attempt(lambda: meeting_services.schedule_generate(
            group=group, first=data["first"], start_time=data["start_time"],
            count=data["count"], location=data["location"]), form=form)
        if outcome.done:
            made = outcome.result
            if made:
                messages.success(request, f"{len(made)} meeting{'s' if len(made) != 1 else ''} "
                                          f"of {group.name} added, from "
                                          f"{made[0].starts_at:%-d %B %Y}.")
            else:
                messages.info(request, "No meetings added: each of those days already has a "
                                       "meeting of the group or comes after it ends.")
            return _detail(partnership, group)
        return render(request, "governance/groups/schedule.html", context)
    outcome = attempt(lambda: meeting_services.schedule_dates(group, data["first"], data["count"]),
                      form=form)
    if not outcome.done:
        return render(request, "governance/groups/schedule.html", context)
    rows = selectors.schedule_preview(group, data["first"], outcome.result)
    context.update(rows=rows, adding=sum(1 for row in rows if not row["skip"]),
                   moved=any(row["moved_from"] for row in rows), hidden=_posted(form))
    return render(request, "governance/groups/schedule_check.html", context)
