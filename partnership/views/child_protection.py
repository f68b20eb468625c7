"""Multi-agency child protection teams (Children's Wellbeing and Schools Act 2026, s3): the
list and a team's page for the partnership's roles, recording teams and their members for
the business unit. Agency staff get 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..forms.child_protection import MemberEndForm, MemberForm, TeamForm
from ..lists import page_of
from ..selectors import child_protection as selectors
from ..services import child_protection as services
from .common import attempt, bound


def _team(request, slug, pk):
    partnership = permissions.partnership_for(request.user, slug)
    return partnership, permissions.child_protection_team_for(request.user, partnership, pk)


def _detail(partnership, team):
    return redirect("child-protection-team-detail", slug=partnership.slug, pk=team.pk)


@require_GET
def team_list(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_view_child_protection_teams(request.user, partnership)
    page = page_of(request, selectors.team_list(partnership))
    page.object_list = selectors.with_members(page.object_list)
    return render(request, "child_protection/list.html", {
        "partnership": partnership, "page": page,
        "can_manage": permissions.can_manage_child_protection_teams(request.user, partnership)})


@require_GET
def team_detail(request, slug, pk):
    partnership, team = _team(request, slug, pk)
    return render(request, "child_protection/detail.html", {
        "partnership": partnership, "team": selectors.team_detail(team),
        "can_manage": permissions.can_manage_child_protection_teams(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def team_create(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_manage_child_protection_teams(request.user, partnership)
    form = bound(TeamForm, request, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.team_create(partnership=partnership,
                                                       **form.cleaned_data), form=form)
        if outcome.done:
            messages.success(request, f"{outcome.result.name} added.")
            return _detail(partnership, outcome.result)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a child protection team",
        "button": "Add the team", "back": reverse("child-protection-team-list", args=[slug])})


@require_http_methods(["GET", "POST"])
def team_edit(request, slug, pk):
    partnership, team = _team(request, slug, pk)
    permissions.require_manage_child_protection_teams(request.user, partnership)
    initial = {name: getattr(team, name) for name in services.TEAM_FIELDS}
    form = bound(TeamForm, request, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        if "start_date" in changed and changed["start_date"] is None:
            changed.pop("start_date")
        outcome = attempt(lambda: services.team_update(team=team, **changed), form=form)
        if outcome.done:
            messages.success(request, f"{team.name} updated.")
            return _detail(partnership, team)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": f"Edit {team.name}",
        "button": "Save", "back": reverse("child-protection-team-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def member_add(request, slug, pk):
    partnership, team = _team(request, slug, pk)
    permissions.require_manage_child_protection_teams(request.user, partnership)
    form = bound(MemberForm, request, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.member_add(team=team, **form.cleaned_data),
                          form=form)
        if outcome.done:
            messages.success(request, f"{outcome.result.role}, {outcome.result.agency.name}, "
                                      f"is a member of {team.name}.")
            return _detail(partnership, team)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "caption": team.name,
        "title": "Add a member", "button": "Add the member",
        "back": reverse("child-protection-team-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def member_end(request, slug, pk, member_pk):
    partnership, team = _team(request, slug, pk)
    member = permissions.child_protection_member_for(team, member_pk)
    permissions.require_manage_child_protection_teams(request.user, partnership)
    form = bound(MemberEndForm, request, member=member)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.member_end(
            member=member, end_date=form.cleaned_data["end_date"]), form=form)
        if outcome.done:
            messages.success(request, f"{member.role}, {member.agency.name}, leaves "
                                      f"{team.name} after {outcome.result.end_date:%-d %B %Y}.")
            return _detail(partnership, team)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "caption": team.name,
        "title": f"End {member.role}'s place ({member.agency.name})", "button": "End the place",
        "back": reverse("child-protection-team-detail", args=[slug, pk])})
