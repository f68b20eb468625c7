"""Role x route cases for single sign-on (partnership/views/sso.py and django-allauth's OpenID
Connect views; see tests/matrix.py for the helpers and rules).

The matrix's deployment has no SSO_PROVIDERS, so there is no single sign-on: every route
answers 404 to everyone, signed in or not. tests/test_sso.py covers them with a provider
configured (a real one, scripts/oidc-provider.mjs, where OIDC_TEST_ISSUER is set).
"""

from .matrix import Case, everyone

NOBODY = everyone(404, anon=404)


def force(c):
    return {"provider_id": "force"}


CASES = [
    Case("sso", NOBODY),
    Case("sso", NOBODY, method="post", data={"email": "officer@force.example"}),
    Case("openid_connect_login", NOBODY, kwargs=force),
    Case("openid_connect_login", NOBODY, kwargs=force, method="post"),
    Case("openid_connect_callback", NOBODY, kwargs=force, query="?state=forged&code=x"),
]
