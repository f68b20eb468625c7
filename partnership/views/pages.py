from asgiref.sync import async_to_sync
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST, require_safe

from .. import health, permissions, registry, selectors
from ..current import current_partnership, remember
from ..forms import PartnershipSwitchForm


@require_GET
def home(request):
    partnership, choices = current_partnership(request)
    context = {"partnership": partnership, "roles": selectors.user_roles(request.user),
               "my_agencies": list(selectors.user_agencies(request.user))}
    if partnership is not None:
        context["tasks"] = registry.home_tasks(request.user, partnership)
        context["can_manage"] = permissions.can_manage_members(request.user, partnership)
    return render(request, "home.html", context)


@require_POST
def partnership_switch(request):
    _, choices = current_partnership(request)
    form = PartnershipSwitchForm(request.POST, partnerships=choices)
    if form.is_valid():
        chosen = next(p for p in choices if p.slug == form.cleaned_data["partnership"])
        remember(request, chosen)
        messages.success(request, f"You are now working in {chosen.name}.")
    else:
        messages.error(request, "Choose one of your partnerships.")
    return redirect("home")


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "accessibility.html")


@login_not_required
@require_safe
def healthz(request):
    """Liveness: this process answers. Cheap, and touches nothing else: a database or Redis that
    is down is no reason to restart the web process, and would make every replica fail at once
    (/readyz checks them). HEAD (load balancers, uptime checks) answers with no body."""
    response = JsonResponse({"status": "ok"})
    add_never_cache_headers(response)
    if request.method == "HEAD":
        response.content = b""
    return response


@login_not_required
@require_safe
def readyz(request):
    """Readiness: database, cache, broker, a worker's heartbeat and storage, each named
    (partnership/health.py); 200 when all pass, 503 when one fails."""
    report = async_to_sync(health.readiness)()
    response = JsonResponse(report, status=200 if report["status"] == "ok" else 503)
    add_never_cache_headers(response)
    if request.method == "HEAD":
        response.content = b""
    return response
