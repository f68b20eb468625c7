"""Limits per client address on what anyone can ask without signing in: the API's token
endpoint and the password-reset form. DRF's throttles, keyed on the client's address
(X-Forwarded-For is trusted only for NUM_PROXIES proxies, REST_FRAMEWORK["NUM_PROXIES"]),
counted in the default cache. django-axes still locks each account after its own failures.

The rates are REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope], read when a request comes in
(DRF's own classes read them once, at import)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class AddressRateThrottle(SimpleRateThrottle):
    """Requests per client address in the throttle's `scope`, signed in or not."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(AddressRateThrottle):
    scope = "auth_token"


class PasswordResetThrottle(AddressRateThrottle):
    scope = "password_reset"


def minutes(wait):
    """A throttle's wait (seconds) as whole minutes for people, at least 1."""
    return max(1, int((wait or 60) + 59) // 60)
