"""Enforcing the second factor (issue 15). Who must have one is decided in
`partnership.permissions.mfa_required`; this module only acts on it, when MFA_ENFORCED is on.

A signed-in person who must have a second factor and:
- has none set up is sent to set one up (the second factor pages) from every page;
- has one, but this session was not signed in with it (it began before they set it up, or
  on another device before the business unit reset it), is signed out and asked to sign in
  again, which asks for the code.
Under /api/ a session answers 403 in JSON instead of a redirect (tokens are checked by the
token authentication itself). The second factor pages, signing out, the signed-out page and
the health probes stay open meanwhile.
"""

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import permissions
from .selectors.second_factor import DEVICES, has_device

OPEN_ROUTES = {"logout", "signed-out", "login", "account_login", "account_logout",
               "account_reauthenticate", "usersessions_keep_alive", "healthz", "readyz",
               "metrics", "accessibility"}
ENROL = ("Your role needs a second factor: set up an authenticator app or a passkey before "
         "you continue. It keeps children's information safe if your password is ever stolen.")
SIGN_IN_AGAIN = ("Sign in again with your second factor: this session began before you "
                 "set it up.")


def _open(request):
    match = request.resolver_match
    name = match.url_name if match else None
    return name in OPEN_ROUTES or (name or "").startswith("mfa_")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (not settings.MFA_ENFORCED or user is None or not user.is_authenticated
                or _open(request) or permissions.session_has_second_factor(request)
                or not permissions.mfa_required(user)):
            return None
        enrolled = has_device(user)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": SIGN_IN_AGAIN if enrolled else ENROL}, status=403)
        if enrolled:
            path = request.get_full_path()
            logout(request)
            messages.warning(request, SIGN_IN_AGAIN)
            return redirect_to_login(path)
        messages.warning(request, ENROL)
        return redirect(reverse("mfa_index"))


def record_enrolment(sender, request, user, authenticator, **kwargs):
    """Connected to allauth's authenticator_added in PartnershipConfig.ready(). Setting up an
    app (a code from it) or a passkey proves the person has it: the session counts as signed
    in with a second factor, as allauth records after a code at sign-in."""
    if (request is not None and authenticator.type in DEVICES
            and getattr(request, "user", None) is not None and request.user.pk == user.pk):
        record_authentication(request, user, "mfa", id=authenticator.pk,
                              type=authenticator.type, enrolled=True)
        # allauth sends the signal once the database has committed, which can be after the
        # response has saved the session (ATOMIC_REQUESTS, or a test's transaction).
        request.session.save()
