from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from .. import permissions, registry, selectors
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
    """GET answers the state as JSON; HEAD (load balancers, uptime checks) the same status
    with no body."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unavailable"},
                                status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    if request.method == "HEAD":
        response.content = b""
    return response
