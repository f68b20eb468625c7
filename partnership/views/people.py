"""The business unit's pages for people and roles."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions, roles, selectors
from ..forms import InviteForm, MembershipEndForm
from ..services import people
from .common import submit


def _partnership_managed_by(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    permissions.require_manage_members(request.user, partnership)
    return partnership


@require_GET
def people_list(request, slug):
    partnership = _partnership_managed_by(request, slug)
    return render(request, "people/list.html",
                  {"partnership": partnership, **selectors.people_list(partnership)})


def _invite(request, partnership, data):
    return people.user_invite(
        invited_by=request.user, partnership=partnership, email=data["email"],
        full_name=data["full_name"] or data["email"], job_title=data["job_title"],
        role=data["role"], agency=data["agency"], title=data["title"],
        start_date=data["start_date"], end_date=data["end_date"],
    )


@require_http_methods(["GET", "POST"])
def invite(request, slug):
    partnership = _partnership_managed_by(request, slug)
    form = InviteForm(request.POST if request.method == "POST" else None, partnership=partnership)
    membership = submit(request, form, lambda: _invite(request, partnership, form.cleaned_data))
    if membership is not None:
        messages.success(
            request,
            f"{membership.user.email} now holds the role "
            f"{roles.get(form.cleaned_data['role']).label.lower()}. We have e-mailed them.",
        )
        return redirect("people", slug=partnership.slug)
    return render(request, "people/invite.html",
                  {"partnership": partnership, "form": form, "roles": roles.ROLES})


@require_http_methods(["GET", "POST"])
def membership_end(request, slug, kind, pk):
    partnership = permissions.partnership_for(request.user, slug)
    membership = permissions.membership_for(request.user, partnership, kind, pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST" and form.is_valid():
        people.membership_end(membership=membership, end_date=form.cleaned_data["end_date"])
        messages.success(request, f"{membership.user}'s role as "
                                  f"{membership.get_role_display().lower()} ends on "
                                  f"{membership.end_date:%-d %B %Y}.")
        return redirect("people", slug=partnership.slug)
    return render(request, "people/end.html",
                  {"partnership": partnership, "membership": membership, "form": form})
