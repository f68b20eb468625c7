"""Single sign-on's first step: the work e-mail address chooses the organisation's provider
(partnership/sso.py) and the person goes on to sign in there. django-allauth's OpenID Connect
views take the answer (accounts/oidc/<provider>/login/callback/) and partnership/adapters.py
decides who that signs in."""

from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from requests import RequestException

from ..forms.sso import SingleSignOnForm

UNREACHABLE = ("Your organisation's sign-in service is not answering. Try again in a few "
               "minutes, or sign in with your e-mail address and password")


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request):
    if not settings.SSO_PROVIDERS:
        raise Http404("Single sign-on is not set up here")
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = get_next_redirect_url(request) or ""
    form = SingleSignOnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = get_adapter(request).get_provider(request, form.provider["id"])
        auth_params = {**provider.get_auth_params(), "login_hint": form.cleaned_data["email"]}
        try:
            return provider.redirect(request, AuthProcess.LOGIN, next_url=next_url or None,
                                     auth_params=auth_params)
        except (RequestException, OAuth2Error):
            # the provider's discovery document did not come, or was not JSON
            form.add_error(None, UNREACHABLE)
            return render(request, "registration/sso.html", {"form": form, "next": next_url},
                          status=503)
    return render(request, "registration/sso.html", {"form": form, "next": next_url})


@login_not_required
def provider_login(request, provider_id):
    """allauth's own start of a provider's sign-in (accounts/oidc/<id>/login/: a page to
    confirm, then a POST that fetches the provider's discovery document). A provider that
    does not answer is said plainly, as on the portal's single sign-on page, not a 500."""
    try:
        return oidc_views.login(request, provider_id=provider_id)
    except (RequestException, OAuth2Error):
        return render(request, "socialaccount/authentication_error.html",
                      {"unreachable": UNREACHABLE}, status=503)
