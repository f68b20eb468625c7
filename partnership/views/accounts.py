"""Sign in, sign out, password reset and accepting an invitation."""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy

from ..api.throttles import PasswordResetThrottle, minutes
from ..forms import LoginForm
from ..tokens import invitation_token_generator


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """The password is right: allauth's login stages follow (the second factor, where
        the person has one) before the session is signed in."""
        user = form.get_user()
        # As allauth's own password sign-in does: the session's record that the password was
        # given (allauth reads these records for the second factor and for confirming who
        # you are again).
        record_authentication(self.request, user, method="password", email=user.email)
        return perform_login(self.request, user, redirect_url=self.get_success_url(),
                             email=user.email)


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
    """Links are built from SITE_URL (read for each request), like invitation links, never
    from the request's Host header. Sending is limited per client address (the
    `password_reset` throttle rate): past it, the form answers 429 and sends nothing."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "emails/password-reset-body.txt"
    subject_template_name = "emails/password-reset-subject.txt"

    @property
    def extra_email_context(self):
        # The e-mail's link is site_url + the path (Django's own `protocol` and `domain`
        # come from the request, and its PasswordResetView has no setting to change them).
        return {"valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
                "site_name": settings.SERVICE_NAME, "site_url": settings.SITE_URL.rstrip("/")}

    def form_valid(self, form):
        throttle = PasswordResetThrottle()
        if not throttle.allow_request(self.request, self):
            wait = minutes(throttle.wait())
            form.add_error(None, "Too many password reset requests have come from your "
                                 f"address. Wait {wait} minute{'s' if wait != 1 else ''} "
                                 "and try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


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
