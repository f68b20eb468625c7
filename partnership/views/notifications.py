"""The signed-in person's notifications (newest first, read or unread) and their choice of
how each kind reaches them. Only their own: another person's notification answers 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.notifications import PreferencesForm, UnreadFilter
from ..selectors.notifications import notification_list
from ..services import notifications as services
from .common import bound, submit

PER_PAGE = 25


@require_GET
def inbox(request):
    filters = UnreadFilter(request.GET)
    unread = filters.is_valid() and filters.cleaned_data["unread"]
    page = Paginator(notification_list(request.user, unread=unread), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "form": filters, "unread": unread,
        "query": "unread=on" if unread else ""})


@require_POST
def notification_read(request, pk):
    """Mark one read; with `open`, go on to the page it is about, else back to the list."""
    notification = services.notification_read(
        notification=permissions.notification_for(request.user, pk))
    if "open" in request.POST and url_has_allowed_host_and_scheme(
            notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect(_back(request))


@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read."
                     if count else "You have no unread notifications.")
    return redirect(_back(request))


def _back(request):
    """The list, on the page and filter the person came from."""
    query = {name: value for name in ("unread", "page")
             if (value := request.POST.get(name, "")).isascii() and value.isalnum()}
    return reverse("notifications") + (f"?{urlencode(query)}" if query else "")


@require_http_methods(["GET", "POST"])
def preferences(request):
    form = bound(PreferencesForm, request, current=services.preferences(request.user))
    if submit(request, form, lambda: services.preferences_save(
            user=request.user, choices=form.cleaned_data)):
        messages.success(request, "Your choices are saved.")
        return redirect("notification-preferences")
    return render(request, "notifications/preferences.html", {"form": form})
