"""The signed-in person's API access: their API tokens that have not expired (name, first
characters, made, ends, last used), making one (the token is shown once, on the page that
answers the POST, and never again) and revoking one or all of them. Only their own: anyone
else's token answers 404, as a missing one."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..forms.api_tokens import ApiTokenForm
from ..selectors.api_tokens import live_tokens
from ..services import api_tokens as services
from .common import bound, submit


@require_GET
def api_access(request):
    return render(request, "api_access/list.html", {
        "tokens": live_tokens(request.user), "days": settings.API_TOKEN_DAYS})


@never_cache
@require_http_methods(["GET", "POST"])
def api_token_create(request):
    form = bound(ApiTokenForm, request)
    made = submit(request, form, lambda: services.token_create(
        user=request.user, name=form.cleaned_data["name"]))
    if made:
        token, key = made
        return render(request, "api_access/created.html", {"token": token, "key": key})
    return render(request, "api_access/create.html", {"form": form, "days": settings.API_TOKEN_DAYS})


@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk):
    token = permissions.api_token_for(request.user, pk)
    if request.method == "POST":
        services.token_revoke(token=token)
        messages.success(request, f"The API token {token} is revoked: it no longer works.")
        return redirect("api-access")
    return render(request, "api_access/revoke.html", {"token": token})


@require_http_methods(["GET", "POST"])
def api_tokens_revoke_all(request):
    if request.method == "POST":
        services.tokens_revoke_all(user_id=request.user.pk)
        messages.success(request, "All your API tokens are revoked: none of them works now.")
        return redirect("api-access")
    return render(request, "api_access/revoke.html", {"count": live_tokens(request.user).count()})
