"""A meeting's life (mark as held, cancel, adjourn) and its e-mailed calendar invitations:
small confirmation pages, each step a POST through governance/services."""

from django import forms
from django.views.decorators.http import require_http_methods

from partnership.views.common import bound

from .. import permissions
from ..forms.lifecycle import ReasonForm
from ..services import invitations, lifecycle
from .meetings import _form_page, _meeting

CONFIRM = "governance/meetings/lifecycle_confirm.html"


@require_http_methods(["GET", "POST"])
def meeting_held(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(forms.Form, request)
    return _form_page(
        request, partnership, meeting, form, lambda: lifecycle.meeting_held(meeting=meeting),
        "Meeting marked as held. Its attendance, declarations and decisions can now be recorded.",
        "Mark the meeting as held", "Mark as held", template=CONFIRM,
        intro="Confirm that the meeting took place. Its attendance, declarations of interest "
              "and decisions can then be recorded, and its minutes written.")


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(ReasonForm, request, what="cancelled")
    return _form_page(
        request, partnership, meeting, form, lambda: lifecycle.meeting_cancel(
            meeting=meeting, reason=form.cleaned_data["reason"]),
        "Meeting cancelled. Everyone who was sent a calendar invitation will be sent a "
        "cancellation.", "Cancel the meeting", "Cancel the meeting", template=CONFIRM,
        intro="A cancelled meeting cannot be changed or held. Everyone who was sent a calendar "
              "invitation is sent a cancellation.")


@require_http_methods(["GET", "POST"])
def meeting_adjourn(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk, run=True)
    form = bound(ReasonForm, request, what="adjourned")
    return _form_page(
        request, partnership, meeting, form, lambda: lifecycle.meeting_adjourn(
            meeting=meeting, reason=form.cleaned_data["reason"]),
        "Meeting adjourned. Everyone who was sent a calendar invitation will be sent the update.",
        "Adjourn the meeting", "Adjourn the meeting", template=CONFIRM,
        intro="The meeting began and was stopped; its remaining business goes to a later "
              "meeting. What was recorded so far is kept.")


@require_http_methods(["GET", "POST"])
def invitations_send(request, slug, pk):
    partnership, meeting = _meeting(request, slug, pk)
    permissions.require_send_invitations(request.user, meeting)
    form = bound(forms.Form, request)
    sent = dict(meeting.invitations.values_list("user_id", "sequence"))
    people = [(person, sent.get(person.pk)) for person in invitations.invitees(meeting)]
    return _form_page(
        request, partnership, meeting, form,
        lambda: invitations.invitations_request(meeting=meeting),
        "Calendar invitations are being sent to the group's members who have an account.",
        "Send calendar invitations", "Send the invitations",
        template="governance/meetings/invitations.html", people=people,
        no_account=meeting.group.members.active().filter(user__isnull=True).count())
