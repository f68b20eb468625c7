"""/p/<slug>/arrangements/...: the published arrangements and the threshold document, each in
numbered versions: the list (with the review warning), a version's page, drafting, editing a
section, taking the records again, sign-off and publication. Who may do what is decided in
arrangements/permissions.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.lists import page_of
from partnership.views.common import attempt, bound, submit

from .. import permissions, selectors, services
from ..forms import PublishForm, SectionForm, SignOffForm, VersionForm
from ..models import SECTIONS

WITHDRAWN = " The document changed, so the partners' sign-offs were withdrawn: they sign it again."


def _version(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return partnership, permissions.version_for(request.user, partnership, pk)


def _managed(request, slug, pk):
    partnership, version = _version(request, slug, pk)
    permissions.require_manage(request.user, partnership)
    return partnership, version


def _detail(version):
    return reverse("arrangements:detail", args=[version.partnership.slug, version.pk])


@require_GET
def version_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    page = page_of(request, selectors.versions_in_order(partnership))
    page.object_list = selectors.version_list(page.object_list, partnership)
    return render(request, "arrangements/list.html", {
        "partnership": partnership, "page": page,
        "warnings": selectors.review_due(partnership),
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def version_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(VersionForm, request)
    version = submit(request, form, lambda: services.version_create(
        partnership=partnership, kind=form.cleaned_data["kind"], user=request.user))
    if version:
        messages.success(request, f"Version {version.number} drafted from today's records.")
        return redirect(_detail(version))
    return render(request, "arrangements/create.html", {
        "partnership": partnership, "form": form, "title": "Draft a new version",
        "button": "Draft the version", "back": reverse("arrangements:list", args=[slug])})


@require_GET
def version_detail(request, slug, pk):
    partnership, version = _version(request, slug, pk)
    rows = selectors.sign_off_rows(version)
    signers = permissions.sign_off_memberships(request.user, partnership)
    signed = {row["agency"].pk for row in rows if row["sign_off"]}
    return render(request, "arrangements/detail.html", {
        "partnership": partnership, "version": version, "snapshot": version.snapshot,
        "sections": selectors.sections(version), "partners": rows,
        "missing_sections": services.missing_sections(version),
        "can_manage": permissions.can_manage(request.user, partnership),
        "can_sign": any(m.agency_id not in signed for m, _ in signers)})


@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk, key):
    partnership, version = _managed(request, slug, pk)
    heading = next((s for s in SECTIONS[version.kind] if s[0] == key), None)
    if heading is None:
        raise Http404("No such section")
    current = version.sections.filter(key=key).first()
    form = bound(SectionForm, request, initial={"text": current.text if current else ""})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services.section_save(
            version=version, key=key, text=form.cleaned_data["text"]), form=form)
    if outcome and outcome.done:
        messages.success(request, f"{heading[1]} saved." + (WITHDRAWN if outcome.result else ""))
        return redirect(_detail(version))
    return render(request, "arrangements/section.html", {
        "partnership": partnership, "form": form, "version": version, "asks": heading[2],
        "signed": version.sign_offs.exists(), "title": heading[1],
        "caption": str(version), "button": "Save", "back": _detail(version)})


@require_POST
def snapshot_refresh(request, slug, pk):
    _, version = _managed(request, slug, pk)
    outcome = attempt(lambda: services.snapshot_refresh(version=version), request=request)
    if outcome.done:
        messages.success(request, "The recorded facts were taken again from today's records."
                         + (WITHDRAWN if outcome.result else ""))
    return redirect(_detail(version))


@require_http_methods(["GET", "POST"])
def sign_off(request, slug, pk):
    partnership, version = _version(request, slug, pk)
    memberships = permissions.require_sign_off(request.user, partnership)
    form = bound(SignOffForm, request, memberships=memberships)
    done = submit(request, form, lambda: services.sign_off(
        version=version, membership=form.chosen()[0], education=form.chosen()[1]))
    if done:
        messages.success(request, f"Signed off for {done.partner.name}.")
        return redirect(_detail(version))
    return render(request, "arrangements/sign_off.html", {
        "partnership": partnership, "form": form, "version": version,
        "missing_sections": services.missing_sections(version),
        "title": f"Sign off {version.get_kind_display().lower()}", "caption": str(version),
        "button": "Sign off", "back": _detail(version)})


@require_http_methods(["GET", "POST"])
def publish(request, slug, pk):
    partnership, version = _managed(request, slug, pk)
    form = bound(PublishForm, request)
    done = submit(request, form, lambda: services.publish(
        version=version, published_on=form.cleaned_data["published_on"], user=request.user))
    if done:
        messages.success(request, f"Version {version.number} is published on the public pages.")
        return redirect(_detail(version))
    return render(request, "arrangements/publish.html", {
        "partnership": partnership, "form": form, "version": version,
        "missing": services.missing_partners(version), "title": "Publish",
        "caption": str(version), "button": "Publish", "back": _detail(version)})
