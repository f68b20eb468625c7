"""How django-allauth fits the portal: people are invited by their partnership's business
unit, never sign themselves up, and sign in through the portal's own pages."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on signs in people already invited; it never makes an account."""

    def is_open_for_signup(self, request, sociallogin):
        return False
