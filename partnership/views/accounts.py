"""Sign in, sign out, password reset and accepting an invitation."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy

from ..forms import LoginForm
from ..tokens import invitation_token_generator


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only. Also tells the browser to drop what it kept of the session's pages."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


@login_not_required
def signed_out(request):
    return render(request, "registration/signed_out.html",
                  {"idle_minutes": settings.SESSION_COOKIE_AGE // 60})


class PasswordResetView(auth_views.PasswordResetView):
    """Links are built from SITE_URL, like invitation links, not from the request's host."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "emails/password-reset-body.txt"
    subject_template_name = "emails/password-reset-subject.txt"
    domain_override = urlsplit(settings.SITE_URL).netloc
    use_https = settings.SITE_URL.startswith("https://")
    extra_email_context = {"valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
                           "site_name": settings.SERVICE_NAME}


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link in an invitation e-mail. Opening it changes nothing (mail scanners open
    links); the token is spent when the person sets their password."""

    token_generator = invitation_token_generator
    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("invitation-complete")
    reset_url_token = "set-password"  # noqa: S105 - a URL segment, not a secret


@login_not_required
def invitation_complete(request):
    return render(request, "registration/invitation_complete.html")
