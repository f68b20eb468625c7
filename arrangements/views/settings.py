"""/p/<slug>/arrangements/settings/...: the youth custody and residential settings in the
partnership's area, which the arrangements list. Readers see the list; the business unit keeps
it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.views.common import bound, submit

from .. import permissions, services
from ..forms import SettingForm
from ..models import Setting


@require_GET
def setting_list(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    return render(request, "arrangements/settings.html", {
        "partnership": partnership,
        "settings": list(Setting.objects.filter(partnership=partnership)),
        "can_manage": permissions.can_manage(request.user, partnership)})


@require_http_methods(["GET", "POST"])
def setting_create(request, slug):
    partnership = permissions.partnership_for_readers(request.user, slug)
    permissions.require_manage(request.user, partnership)
    form = bound(SettingForm, request)
    setting = submit(request, form, lambda: services.setting_create(
        partnership=partnership, **form.cleaned_data))
    if setting:
        messages.success(request, f"{setting.name} added.")
        return redirect("arrangements:settings", slug=slug)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": "Add a setting",
        "button": "Add the setting", "back": reverse("arrangements:settings", args=[slug])})


@require_http_methods(["GET", "POST"])
def setting_edit(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    setting = permissions.setting_for(request.user, partnership, pk)
    form = bound(SettingForm, request, initial={
        name: getattr(setting, name) for name in services.SETTING_FIELDS})
    if submit(request, form, lambda: services.setting_update(setting=setting,
                                                             **form.cleaned_data)):
        messages.success(request, f"{setting.name} saved.")
        return redirect("arrangements:settings", slug=slug)
    return render(request, "form.html", {
        "partnership": partnership, "form": form, "title": setting.name,
        "button": "Save", "back": reverse("arrangements:settings", args=[slug])})


@require_POST
def setting_remove(request, slug, pk):
    partnership = permissions.partnership_for_readers(request.user, slug)
    setting = permissions.setting_for(request.user, partnership, pk)
    services.setting_remove(setting=setting)
    messages.success(request, f"{setting.name} removed from the list.")
    return redirect("arrangements:settings", slug=slug)
