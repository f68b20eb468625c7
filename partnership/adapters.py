"""How django-allauth fits the portal: people are invited by their partnership's business
unit, never sign themselves up, and sign in through the portal's own pages."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def reauthenticate(self, user, password):
        """Confirming the password again (before adding or removing a second factor) signs in
        by the e-mail address, as the sign-in page does, so django-axes counts a wrong one."""
        reauthenticated = self.authenticate(context.request, username=user.email,
                                            password=password)
        return reauthenticated is not None and reauthenticated.pk == user.pk


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in people already invited; it never makes an account."""

    def is_open_for_signup(self, request, sociallogin):
        return False
