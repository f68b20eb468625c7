"""How django-allauth fits the portal: people are invited by their partnership's business
unit, never sign themselves up, and sign in through the portal's own pages."""

import base64
import hashlib
import logging
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.account.internal.flows.reauthentication import get_reauthentication_flows
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa import stages as mfa_stages
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.shortcuts import render

from . import sso

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_login_stages(self):
        """allauth's, with its second-factor step replaced by one that knows single sign-on."""
        return ["partnership.adapters.AuthenticateStage"
                if path == "allauth.mfa.stages.AuthenticateStage" else path
                for path in super().get_login_stages()]

    def is_reauthentication_required(self, *, app, **kwargs):
        """Someone who signs in only by single sign-on, with no password and no second factor
        yet, has nothing to confirm who they are with before setting one up: a single sign-on
        within the last ACCOUNT_REAUTHENTICATION_TIMEOUT counts as confirming it."""
        request = context.request
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not get_reauthentication_flows(user):
            since = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
            if any(record.get("method") == "socialaccount" and record.get("at", 0) >= since
                   for record in get_authentication_records(request, user)):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def reauthenticate(self, user, password):
        """Confirming the password again (before adding or removing a second factor) signs in
        by the e-mail address, as the sign-in page does, so django-axes counts a wrong one."""
        reauthenticated = self.authenticate(context.request, username=user.email,
                                            password=password)
        return reauthenticated is not None and reauthenticated.pk == user.pk


class AuthenticateStage(mfa_stages.AuthenticateStage):
    """allauth's second-factor step, except after single sign-on whose provider reported a
    multi-factor sign-in (`amr`) and may vouch for it (`mfa_from_amr`): that is recorded as the
    session's second factor and no code is asked for. Otherwise, as after a password."""

    def handle(self):
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None:
            config = sso.provider(sociallogin.account.provider)
            if sso.counts_as_second_factor(config, sociallogin):
                record_authentication(self.request, self.login.user, "mfa", type="amr",
                                      provider=config["id"])
                return None, True
        return super().handle()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in people already invited; it never makes an account."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """The provider has said who the person is: sign in only the active, invited person
        with that verified address, in a domain mapped to that provider (partnership/sso.py),
        connecting the provider's account to theirs on first use. Anything else is refused
        with a page that says why."""
        config = sso.provider(sociallogin.account.provider)
        said = sso.claims(sociallogin)
        email = said.get("email")
        user = get_user_model().objects.filter(email__iexact=email.strip()).first() \
            if isinstance(email, str) and email.strip() else None
        reason = sso.refusal(config, said, user) if config else "not_configured"
        if reason is None and sociallogin.is_existing and sociallogin.user.pk != user.pk:
            reason = "other_person"  # this provider account signed in as someone else before
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            reason = "not_sign_in"  # connecting accounts: the portal has no such page
        if reason:
            logger.warning("single sign-on refused: %s (provider %s, user %s)", reason,
                           sociallogin.account.provider, user.pk if user else None)
            raise ImmediateHttpResponse(render(
                request, "socialaccount/refused.html",
                {"reason": reason, "provider": config, "email": email}, status=403))
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def on_authentication_error(self, request, provider, error=None, exception=None,
                                extra_context=None):
        """A person who turned back at their provider's sign-in sees a page of ours (allauth
        would send them to a page the portal does not route); other failures get allauth's
        (templates/socialaccount/authentication_error.html)."""
        logger.warning("single sign-on with %s failed: %s %r", provider.sub_id, error, exception)
        if error == AuthError.CANCELLED:
            raise ImmediateHttpResponse(render(request, "socialaccount/login_cancelled.html",
                                               {"provider": provider}))


class MFAAdapter(DefaultMFAAdapter):
    """Second factors' secrets (an authenticator app's key, the seed recovery codes are
    derived from) are kept encrypted (Fernet, a key derived from SECRET_KEY; the keys of
    SECRET_KEY_FALLBACKS still read older ones), so a copy of the database alone does not
    give anyone a person's codes. Changing SECRET_KEY without keeping the old one in
    SECRET_KEY_FALLBACKS makes everyone set up their second factor again."""

    @staticmethod
    def _fernet():
        keys = [django_settings.SECRET_KEY, *getattr(django_settings, "SECRET_KEY_FALLBACKS", [])]
        return MultiFernet([Fernet(base64.urlsafe_b64encode(
            hashlib.sha256(f"second-factor-secrets:{key}".encode()).digest())) for key in keys])

    def encrypt(self, text):
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return self._fernet().decrypt(encrypted_text.encode()).decode()
