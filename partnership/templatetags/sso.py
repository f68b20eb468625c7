"""`{% sso_form as sso_form %}`: the sign-in page's single sign-on form, or None where the
deployment has no single sign-on provider (SSO_PROVIDERS)."""

from django import template
from django.conf import settings

from ..forms.sso import SingleSignOnForm

register = template.Library()


@register.simple_tag
def sso_form():
    return SingleSignOnForm() if settings.SSO_PROVIDERS else None
