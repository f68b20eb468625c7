"""Signing in with a second factor through the real pages (issue 15): the password, then a
code from the authenticator app (computed from the secret as the app would) or a recovery
code, each usable once; wrong codes limited per person; setting up an app and confirming
the password again before a change."""

from urllib.parse import urlencode

import pytest
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.urls import reverse

from partnership.models import User

from .cast import PASSWORD

pytestmark = pytest.mark.django_db


def code_now(secret):
    """The code an authenticator app shows now for this secret."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def wrong_code(secret):
    right = code_now(secret)
    return next(c for c in ("123456", "654321") if c != right)


@pytest.fixture(autouse=True)
def _forget_wrong_codes():
    """allauth counts wrong codes in the cache, by the person's id, which the next test's
    person may have again."""
    yield
    cache.clear()


@pytest.fixture
def person(db):
    """Someone with an authenticator app (a secret of their own) and recovery codes."""
    user = User.objects.create_user("person@cast.example", PASSWORD, full_name="Pat Person")
    user.secret = generate_totp_secret()
    TOTP.activate(user, user.secret)
    user.recovery_codes = RecoveryCodes.activate(user).get_unused_codes()
    return user


def password(client, user, pw=PASSWORD):
    return client.post(reverse("login"), {"username": user.email, "password": pw})


def signed_in(client):
    return "_auth_user_id" in client.session


def methods(client, user):
    class Request:
        session = client.session
    return [record["method"] for record in get_authentication_records(Request, user)]


def test_password_then_a_code_from_the_app_signs_in(client, person):
    response = password(client, person)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page
    assert "Use a recovery code" in page
    assert "Use a passkey or security key instead" not in page  # they have no key
    response = client.post(reverse("mfa_authenticate"), {"code": code_now(person.secret)})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in(client)
    assert methods(client, person) == ["password", "mfa"]
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "govuk-notification-banner" not in home.content.decode()  # no "signed in" banner


def test_a_wrong_or_missing_code_does_not_sign_in(client, person):
    password(client, person)
    response = client.post(reverse("mfa_authenticate"), {"code": wrong_code(person.secret)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "The code is not right" in page
    assert page.count('href="#id_code"') == 1  # the error summary links to the box
    assert not signed_in(client)
    empty = client.post(reverse("mfa_authenticate"), {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app, or a recovery code" in empty
    assert not signed_in(client)
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_wrong_codes_are_limited_per_person(client, person, settings):
    password(client, person)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code(person.secret)})
    # Past the limit even the right code is refused, with a message that says why.
    page = client.post(reverse("mfa_authenticate"),
                       {"code": code_now(person.secret)}).content.decode()
    assert "too many wrong attempts" in page
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once_only(client, person):
    code = person.recovery_codes[0]
    password(client, person)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302 and signed_in(client)
    client.post(reverse("logout"))
    password(client, person)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200 and "The code is not right" in again.content.decode()
    assert not signed_in(client)
    left = Authenticator.objects.get(user=person, type="recovery_codes").wrap()
    assert code not in left.get_unused_codes() and len(left.get_unused_codes()) == 9


def test_without_a_second_factor_the_password_signs_in(client):
    user = User.objects.create_user("plain@cast.example", PASSWORD, full_name="Plain")
    response = password(client, user)
    assert response["Location"] == reverse("home") and signed_in(client)
    assert methods(client, user) == ["password"]
    # Nothing to ask for: the second-factor page sends them on.
    assert client.get(reverse("mfa_authenticate")).status_code == 302


def test_setting_up_an_app_asks_for_the_password_again_then_the_code(client):
    user = User.objects.create_user("new@cast.example", PASSWORD, full_name="New Person")
    password(client, user)
    activate = reverse("mfa_activate_totp")
    response = client.get(activate)
    confirm = f"{reverse('account_reauthenticate')}?{urlencode({'next': activate})}"
    assert response.status_code == 302 and response["Location"] == confirm
    page = client.get(confirm).content.decode()
    assert "Confirm it is you" in page and 'autocomplete="current-password"' in page
    wrong = client.post(confirm, {"password": "not my password at all"})
    assert "The password is not right" in wrong.content.decode()
    response = client.post(confirm, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == activate
    page = client.get(activate).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page  # the QR code
    secret = client.session["mfa.totp.secret"]
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in page
    response = client.post(activate, {"code": wrong_code(secret)})
    assert "The code is not right" in response.content.decode()
    response = client.post(activate, {"code": code_now(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    page = client.get(response["Location"]).content.decode()
    assert all(code in page for code in codes)
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert download.content.decode().split() == codes
    index = client.get(reverse("mfa_index")).content.decode()
    assert "10 of 10 left" in index and reverse("mfa_deactivate_totp") in index


def test_removing_the_app_after_confirming_with_a_code(client, person):
    password(client, person)
    client.post(reverse("mfa_authenticate"), {"code": person.recovery_codes[0]})
    remove = reverse("mfa_deactivate_totp")
    confirm = client.get(remove)["Location"]
    assert confirm.startswith(reverse("account_reauthenticate"))
    # The other way to confirm: a code (here a recovery code; the app's was used at sign-in).
    page = client.get(confirm).content.decode()
    by_code = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': remove})}"
    assert f'href="{by_code}"' in page
    response = client.post(by_code, {"code": person.recovery_codes[1]})
    assert response.status_code == 302 and response["Location"] == remove
    assert "Remove the authenticator app" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not Authenticator.objects.filter(user=person).exists()  # codes went with it


def test_someone_else_s_key_is_not_found_even_after_confirming(client, person):
    other = User.objects.create_user("other@cast.example", PASSWORD, full_name="Other")
    name = "Key of the other person"
    key = Authenticator.objects.create(user=other, type="webauthn",
                                       data={"name": name, "credential": {}})
    password(client, person)
    client.post(reverse("mfa_authenticate"), {"code": code_now(person.secret)})
    confirm = f"{reverse('account_reauthenticate')}?{urlencode({'next': reverse('mfa_index')})}"
    client.post(confirm, {"password": PASSWORD})
    for route in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(route, kwargs={"pk": key.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Taken"}).status_code == 404
    assert name not in client.get(reverse("mfa_list_webauthn")).content.decode()
    key.refresh_from_db()
    assert key.wrap().name == name


def test_second_factor_secrets_are_kept_encrypted(cast, settings):
    """An authenticator app's key and the recovery codes' seed are not in the database as
    they are: a copy of it alone gives nobody a person's codes. The previous SECRET_KEY, kept
    in SECRET_KEY_FALLBACKS, still reads them."""
    secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
    app = TOTP.activate(cast.lead_a, secret).instance
    codes = RecoveryCodes.activate(cast.lead_a)
    stored = Authenticator.objects.get(pk=app.pk).data["secret"]
    assert secret not in stored and stored.startswith("gAAAA")  # a Fernet token
    seed = Authenticator.objects.get(pk=codes.instance.pk).data["seed"]
    assert RecoveryCodes(codes.instance).generate_codes()[0] not in seed
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new key, the old one kept as a fallback"
    assert TOTP(Authenticator.objects.get(pk=app.pk)).validate_code(code)
