"""API authentication by token (REST_FRAMEWORK's first authentication class): django-rest-knox's
`Authorization: Token <token>`. knox finds the token by its first characters and compares the
hash of the whole; an expired token is deleted when it is presented and refused like a revoked
one (401), as is the token of a deactivated person. This class also notes when a token is used,
at most once a minute (one UPDATE), for its owner's API access page."""

import datetime

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth
from rest_framework import exceptions

LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenAuthentication(auth.TokenAuthentication):
    def authenticate_credentials(self, token):
        try:
            token.decode("utf-8")
        except UnicodeError:  # knox would fail on it (a 500): no token is like that
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        return super().authenticate_credentials(token)

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
            type(token).objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return user, token


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of the class above (drf-spectacular's for knox), under the
    name DRF's own token authentication had, so clients' generated code keeps working."""

    target_class = TokenAuthentication
    name = "tokenAuth"
