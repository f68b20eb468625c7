"""Role x route cases for each person's API access page (see tests/matrix.py): every
signed-in person opens their own page and the form to make a token; a token is revoked by its
owner only (agency A's lead here; everyone else 404, as for a missing one). A valid new token
is not made here (its page answers 200 and changes data): tests/test_api_tokens.py makes one.
DELETE /api/auth/token/ revokes the token it is sent with: a session alone is refused (401)."""

from .matrix import SIGNED_IN, Case, expect


def lead_a_token(c):
    """An API token of agency A's lead, made on first use."""
    if "api_token" not in c.__dict__:
        from partnership.services.api_tokens import token_create

        c.api_token, _ = token_create(user=c.lead_a, name="Figures script")
    return {"pk": c.api_token.pk}


CASES = [
    Case("api-access", expect(SIGNED_IN)),
    Case("api-access-create", expect(SIGNED_IN)),
    Case("api-access-create", expect(SIGNED_IN), method="post", data={"name": "x" * 101},
         note="invalid"),
    Case("api-access-revoke", expect(("lead_a",)), kwargs=lead_a_token),
    Case("api-access-revoke", expect(("lead_a",), code=302), kwargs=lead_a_token,
         method="post"),
    Case("api-access-revoke", expect(()), kwargs=lambda c: {"pk": 999999}, method="post",
         note="missing"),
    Case("api-access-revoke-all", expect(SIGNED_IN)),
    Case("api-access-revoke-all", expect(SIGNED_IN, code=302), method="post"),
    Case("api-token", expect((), denied=401, anon=401), method="delete",
         note="a session cannot revoke a token"),
]
