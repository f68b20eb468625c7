"""/p/<slug>/scrutiny/challenges/...: the challenge log. A challenge is raised to one or
more statutory partners; each addressed partner responds (or the business unit records
the response on its behalf); whoever raised it, the scrutineer or the business unit
records a judgement, then closes it. Scrutiny readers see every challenge; an agency's lead
or chief officer sees only those addressed to their agency (404 for the others). A challenge
raised from an indicator's page is about that indicator and period (the form comes filled
in); files on a challenge or a response download with the same access as what they are on."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership import periods
from partnership.errors import Invalid
from partnership.files import file_response
from partnership.forms.pickers import offer_in
from partnership.lists import filtered_page
from partnership.models.dated import today
from partnership.views.common import attempt, bound, submit

from .. import permissions
from ..forms.challenges import ChallengeForm, JudgementForm, ResponseForm
from ..forms.lists import ChallengeFilter
from ..models import ChallengeState
from ..selectors import challenges as selectors
from ..selectors.indicators import SPECS
from ..services import challenges as services


def _challenge(request, slug, pk):
    partnership = permissions.challenge_partnership(request.user, slug)
    return partnership, permissions.challenge_for(request.user, partnership, pk)


@require_GET
def challenge_list(request, slug):
    """The challenge log: the challenges the user may see, newest first, filtered by state,
    partner and overdue responses, a page at a time."""
    partnership = permissions.challenge_partnership(request.user, slug)
    user = request.user
    filters = ChallengeFilter(
        request.GET or None, queryset=selectors.challenge_list(
            permissions.challenges_for(user, partnership)),
        agencies=services.partner_agencies(partnership)
        if permissions.can_view(user, partnership) else None)
    page, query = filtered_page(request, filters)
    if page is not None:
        day = today()
        for challenge in page:
            challenge.overdue = challenge.is_overdue(day)
    return render(request, "scrutiny/challenges/list.html", {
        "partnership": partnership, "form": filters.form, "page": page, "query": query,
        "can_raise": permissions.can_raise(user, partnership)})


def _from_indicator(query):
    """The form's initial values for a challenge raised from an indicator's page
    (?indicator=CODE&period=PERIOD); none when either is not a real one."""
    code = query.get("indicator", "")
    if code not in SPECS:
        return {}
    try:
        period = periods.parse(query.get("period", ""))
    except Invalid:
        return {}
    return {"indicator": code, "period": period.code,
            "subject": f"{SPECS[code][0]}, {period.label}"}


def _raising_about(form):
    """The indicator (and period) the challenge being raised is about, as shown, or None."""
    code = form["indicator"].value()
    if code not in SPECS:
        return None
    try:
        return f"{SPECS[code][0]}, {periods.parse(form['period'].value() or '').label}"
    except Invalid:
        return SPECS[code][0]


def _about(challenge, partnership, reader):
    """What a challenge is about: {"label", "url"} (the drill-down page, for its readers),
    or None."""
    if not challenge.indicator:
        return None
    label, url = challenge.get_indicator_display(), None
    period = (periods.from_dates(challenge.period_start, challenge.period_end)
              if challenge.period_start else None)
    if reader and challenge.indicator in SPECS:
        url = reverse("scrutiny:indicator", args=[partnership.slug, challenge.indicator])
        url += f"?period={period.code}" if period else ""
    return {"label": f"{label}, {period.label}" if period else label, "url": url}


@require_http_methods(["GET", "POST"])
def challenge_create(request, slug):
    partnership = permissions.challenge_partnership(request.user, slug)
    permissions.require_raise(request.user, partnership)
    form = offer_in(bound(ChallengeForm, request, agencies=services.partner_agencies(partnership),
                          default_due=services.default_due_on(partnership),
                          initial=_from_indicator(request.GET)), "agencies", request,
                    many="partners")
    challenge = submit(request, form, lambda: services.challenge_raise(
        partnership=partnership, raised_by=request.user, **form.cleaned_data))
    if challenge:
        messages.success(request, f"Challenge {challenge.code} raised. Responses are due "
                                  f"{challenge.due_on:%-d %B %Y}.")
        return redirect("scrutiny:challenge-detail", slug=slug, pk=challenge.pk)
    return render(request, "scrutiny/challenges/raise.html", {
        "partnership": partnership, "form": form, "title": "Raise a challenge",
        "caption": "Challenge log", "button": "Raise the challenge", "multipart": True,
        "about": _raising_about(form),
        "back": reverse("scrutiny:challenge-list", args=[slug])})


@require_GET
def challenge_detail(request, slug, pk):
    partnership, challenge = _challenge(request, slug, pk)
    return _detail_page(request, partnership, challenge)


def _detail_page(request, partnership, challenge, errors=()):
    challenge = selectors.challenge_detail(challenge)
    user = request.user
    reader = permissions.can_view(user, partnership)
    mine = permissions.respond_agencies(user, challenge)
    visible = permissions.visible_addressee_agencies(user, challenge)
    addressees = [a for a in challenge.addressees.all() if a.agency_id in visible]
    files = [f for f in challenge.attachments.all() if f.addressee_id is None]
    for addressee in addressees:
        addressee.can_respond = (challenge.state == ChallengeState.RAISED
                                 and addressee.responded_on is None
                                 and addressee.agency_id in mine)
        addressee.files = [f for f in challenge.attachments.all()
                           if f.addressee_id == addressee.pk]
    return render(request, "scrutiny/challenges/detail.html", {
        "partnership": partnership, "challenge": challenge, "addressees": addressees,
        "files": files, "about": _about(challenge, partnership, reader),
        "overdue": challenge.is_overdue(today()), "errors": errors,
        "can_judge": permissions.can_judge(user, challenge)})


@require_GET
def attachment_download(request, slug, pk, file_pk):
    _partnership, challenge = _challenge(request, slug, pk)
    attachment = permissions.attachment_for(request.user, challenge, file_pk)
    return file_response(attachment.file, filename=attachment.filename,
                         content_type=attachment.content_type)


@require_http_methods(["GET", "POST"])
def response_create(request, slug, pk, agency_pk):
    partnership, challenge = _challenge(request, slug, pk)
    addressee = challenge.addressees.select_related("agency").filter(agency_id=agency_pk).first()
    if addressee is None or not (permissions.can_view(request.user, partnership) or
                                 permissions.challenge_agencies(request.user)
                                 .filter(pk=agency_pk).exists()):
        raise Http404("No such partner")
    on_behalf = permissions.require_respond(request.user, challenge, addressee.agency_id)
    form = bound(ResponseForm, request)
    if submit(request, form, lambda: services.response_record(
            challenge=challenge, agency=addressee.agency, user=request.user,
            on_behalf=on_behalf, **form.cleaned_data)):
        messages.success(request, f"{addressee.agency.name}'s response recorded.")
        return redirect("scrutiny:challenge-detail", slug=slug, pk=pk)
    title = f"Respond for {addressee.agency.name}"
    return render(request, "scrutiny/challenges/respond.html", {
        "partnership": partnership, "form": form, "challenge": challenge,
        "title": title + (" (on the partner's behalf)" if on_behalf else ""),
        "caption": f"Challenge {challenge.code}", "button": "Send the response",
        "multipart": True,
        "back": reverse("scrutiny:challenge-detail", args=[slug, pk])})


@require_http_methods(["GET", "POST"])
def judgement_create(request, slug, pk):
    partnership, challenge = _challenge(request, slug, pk)
    permissions.require_judge(request.user, challenge)
    form = bound(JudgementForm, request)
    if submit(request, form, lambda: services.judgement_record(
            challenge=challenge, user=request.user, **form.cleaned_data)):
        messages.success(request, f"Judgement on {challenge.code} recorded.")
        return redirect("scrutiny:challenge-detail", slug=slug, pk=pk)
    return render(request, "form.html", {
        "partnership": partnership, "form": form,
        "title": f"Record a judgement on {challenge.code}", "caption": challenge.subject,
        "button": "Record the judgement",
        "back": reverse("scrutiny:challenge-detail", args=[slug, pk])})


@require_POST
def challenge_close(request, slug, pk):
    partnership, challenge = _challenge(request, slug, pk)
    permissions.require_judge(request.user, challenge)
    outcome = attempt(lambda: services.challenge_close(challenge=challenge, user=request.user))
    if not outcome.done:
        return _detail_page(request, partnership, challenge,
                            errors=[{"message": m} for m in outcome.messages])
    messages.success(request, f"Challenge {challenge.code} closed.")
    return redirect("scrutiny:challenge-detail", slug=slug, pk=pk)
