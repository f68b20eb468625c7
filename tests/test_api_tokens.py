"""API tokens that end (issue 15, item 3): POST /api/auth/token/ with the second factor's code,
the answer's expiry, expiry and revocation enforced on every API route, DELETE, revocation of
all of a person's tokens on a password change or reset, deactivation and a removed second
factor, and the person's API access page."""

import datetime
import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from partnership.models import ApiToken, User
from partnership.services import api_tokens, people

from .cast import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
ADDRESS = "10.0.0.7"


def ask(client, email, password=PASSWORD, **more):
    return client.post(TOKEN_URL, {"username": email, "password": password, **more},
                       content_type="application/json", REMOTE_ADDR=ADDRESS)


def with_token(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def app_for(user):
    """An authenticator app for the person, with its own secret (allauth remembers the codes
    used, per person id, in the cache, and ids come again after a test's rollback)."""
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)


def totp_now(user):
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(user.totp_secret, counter))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The token endpoint's throttle counts, and allauth's used codes and wrong codes (by the
    person's id, which the next test's person may have again), live in the cache."""
    yield
    cache.clear()


@pytest.fixture
def person(cast):
    """An agency lead of P1 (a second factor is optional for them), with a real password."""
    user = User.objects.create_user("api@cast.example", PASSWORD, full_name="Api Person")
    people.membership_create(user=user, partnership=cast.p1, role="agency_lead",
                             agency=cast.agency_a)
    return user


@pytest.fixture
def with_app(person):
    """The person, with an authenticator app and recovery codes."""
    app_for(person)
    RecoveryCodes.activate(person)
    return person


def works(key):
    return Client().get(reverse("api-me"), **with_token(key)).status_code == 200


# ------------------------------------------------------------------ POST /api/auth/token/
def test_a_token_for_a_password_when_the_person_has_no_second_factor(client, person):
    response = ask(client, "API@cast.example", name="Figures script")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    expiry = datetime.datetime.fromisoformat(body["expiry"])
    assert abs(expiry - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(
        minutes=1)
    row = ApiToken.objects.get(user=person)
    assert row.name == "Figures script" and row.expiry == expiry
    assert body["token"] not in row.digest and row.token_key == body["token"][:15]
    assert works(body["token"])


def test_the_lifetime_is_a_setting(client, person, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(days=2)}
    expiry = datetime.datetime.fromisoformat(ask(client, person.email).json()["expiry"])
    assert datetime.timedelta(days=1) < expiry - timezone.now() <= datetime.timedelta(days=2)


def test_a_person_with_an_app_must_give_its_code(client, with_app):
    missing = ask(client, with_app.email)
    assert missing.status_code == 400
    assert "6-digit code" in missing.json()["code"][0]
    wrong = ask(client, with_app.email,
                code="000000" if totp_now(with_app) != "000000" else "111111")
    assert wrong.status_code == 400 and "not right" in wrong.json()["code"][0]
    assert not ApiToken.objects.filter(user=with_app).exists()
    right = ask(client, with_app.email, code=totp_now(with_app))
    assert right.status_code == 200 and works(right.json()["token"])


def test_an_app_code_is_accepted_once(client, with_app):
    code = totp_now(with_app)
    assert ask(client, with_app.email, code=code).status_code == 200
    again = ask(client, with_app.email, code=code)
    assert again.status_code == 400 and "code" in again.json()


def test_a_recovery_code_is_spent_once(client, with_app):
    [code, *_] = RecoveryCodes(Authenticator.objects.get(
        user=with_app, type=Authenticator.Type.RECOVERY_CODES)).get_unused_codes()
    assert ask(client, with_app.email, code=code).status_code == 200
    again = ask(client, with_app.email, code=code)
    assert again.status_code == 400 and "code" in again.json()
    assert ApiToken.objects.filter(user=with_app).count() == 1


def test_wrong_codes_lock_the_account(client, with_app, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert ask(client, with_app.email, code="12345678").status_code == 400
    last = ask(client, with_app.email, code="12345678")
    assert last.status_code == 429 and "Too many failed" in last.json()["detail"]
    assert ask(client, with_app.email, code=totp_now(with_app)).status_code == 429


def test_a_role_that_needs_a_second_factor_without_one_is_refused(client, cast, settings):
    manager = User.objects.create_user("bu@cast.example", PASSWORD, full_name="Bu Person")
    people.membership_create(user=manager, partnership=cast.p1, role="business_unit_manager")
    settings.MFA_ENFORCED = False  # as for the pages: not enforced, not refused
    assert ask(client, manager.email).status_code == 200
    ApiToken.objects.all().delete()
    settings.MFA_ENFORCED = True
    response = ask(client, manager.email)
    assert response.status_code == 403
    assert "set up an authenticator app or a passkey" in response.json()["detail"]
    assert not ApiToken.objects.exists()
    app_for(manager)
    assert ask(client, manager.email, code=totp_now(manager)).status_code == 200


def test_no_more_than_the_limit_of_live_tokens(client, person, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    assert ask(client, person.email).status_code == 200
    assert ask(client, person.email).status_code == 200
    refused = ask(client, person.email)
    assert refused.status_code == 400 and "Revoke one" in str(refused.json())
    ApiToken.objects.filter(user=person).update(expiry=timezone.now())  # expired: not counted
    assert ask(client, person.email).status_code == 200


def test_the_schema_documents_code_expiry_and_delete(cast, client_for):
    document = client_for(cast.bu_manager).get("/api/schema/", {"format": "json"}).json()
    operations = document["paths"][TOKEN_URL]
    assert set(operations) == {"post", "delete"}
    assert "security" not in operations["post"] and "403" in operations["post"]["responses"]
    assert operations["delete"]["security"] == [{"tokenAuth": []}]
    assert {"204", "401"} <= set(operations["delete"]["responses"])
    schemas = document["components"]["schemas"]
    assert set(schemas["TokenRequestRequest"]["properties"]) == {
        "username", "password", "code", "name"}
    assert schemas["TokenResponse"]["properties"]["expiry"]["format"] == "date-time"
    assert "Token" in document["components"]["securitySchemes"]["tokenAuth"]["description"]


# ------------------------------------------------------------------ ending a token
def test_an_expired_token_is_refused_and_deleted(client, person):
    key = ask(client, person.email).json()["token"]
    expiry = ApiToken.objects.get(user=person).expiry
    with time_machine.travel(expiry - datetime.timedelta(seconds=5), tick=False):
        assert works(key)
    with time_machine.travel(expiry + datetime.timedelta(seconds=1), tick=False):
        response = Client().get(reverse("api-me"), **with_token(key))
    assert response.status_code == 401
    assert not ApiToken.objects.filter(user=person).exists()


def test_delete_revokes_the_token_it_is_sent_with(client, person):
    first = ask(client, person.email).json()["token"]
    second = ask(client, person.email).json()["token"]
    response = Client().delete(TOKEN_URL, **with_token(first))
    assert response.status_code == 204
    assert not works(first) and works(second)
    assert Client().delete(TOKEN_URL, **with_token(first)).status_code == 401


def test_delete_without_a_token_says_what_to_send(cast, client_for, person):
    for client in (client_for(person), Client()):
        response = client.delete(TOKEN_URL)
        assert response.status_code == 401
        assert "Authorization header: Token" in response.json()["detail"]


def test_last_used_is_noted_at_most_once_a_minute(client, person):
    key = ask(client, person.email).json()["token"]
    assert ApiToken.objects.get(user=person).last_used is None
    assert works(key)
    first = ApiToken.objects.get(user=person).last_used
    assert first is not None
    assert works(key)
    assert ApiToken.objects.get(user=person).last_used == first
    with time_machine.travel(first + datetime.timedelta(minutes=2), tick=False):
        assert works(key)
        assert ApiToken.objects.get(user=person).last_used == timezone.now()


def two_tokens(user):
    return [api_tokens.token_create(user=user)[1] for _ in range(2)]


def test_a_password_change_revokes_them_all(person, cast):
    keys, others = two_tokens(person), two_tokens(cast.lead_a)
    person.set_password("a brand new passphrase")
    person.save()
    assert not any(works(key) for key in keys)
    assert all(works(key) for key in others)


def test_signing_in_or_saving_without_a_new_password_keeps_them(client, person):
    keys = two_tokens(person)
    person.full_name = "Api Person Renamed"
    person.save()
    assert client.post(reverse("login"), {"username": person.email, "password": PASSWORD},
                       REMOTE_ADDR=ADDRESS).status_code == 302
    assert all(works(key) for key in keys)


def test_a_password_reset_revokes_them_all(client, person):
    keys = two_tokens(person)
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "a brand new passphrase",
                                      "new_password2": "a brand new passphrase"})
    assert response.status_code == 302
    assert not any(works(key) for key in keys)


def test_deactivation_revokes_them_all(person):
    keys = two_tokens(person)
    people.user_deactivate(user=person)
    assert not ApiToken.objects.filter(user=person).exists()
    assert not any(works(key) for key in keys)


def test_removing_a_second_factor_revokes_them_all(with_app):
    keys = two_tokens(with_app)
    Authenticator.objects.filter(user=with_app, type=Authenticator.Type.RECOVERY_CODES).delete()
    assert all(works(key) for key in keys)  # recovery codes come and go with the app
    Authenticator.objects.get(user=with_app, type=Authenticator.Type.TOTP).delete()
    assert not any(works(key) for key in keys)


def test_the_business_unit_resetting_a_second_factor_revokes_them_all(cast, with_app):
    from partnership.services import mfa

    keys = two_tokens(with_app)
    mfa.second_factor_reset(person=with_app, by=cast.bu_manager, partnership=cast.p1)
    assert not any(works(key) for key in keys)


# ------------------------------------------------------------------ every API route
def api_routes():
    """(URL, name) of every route under /api/, its path parameters filled with 1 (a record
    that may or may not exist: the token must be refused before that matters)."""
    routes = []

    def walk(patterns, prefix="", namespace="", groups=()):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            names = (*groups, *pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route,
                     f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                     names)
            elif route.lstrip("^").startswith("api/"):
                kwargs = {name: "json" if name == "format" else "1" for name in names}
                routes.append((reverse(namespace + pattern.name, kwargs=kwargs),
                               namespace + pattern.name))

    walk(get_resolver().url_patterns)
    return sorted(set(routes))


METHODS = ("get", "post", "put", "patch", "delete", "options")


def refusals(key):
    """Every route x method answered other than 401 with the token: [(method, url, status)].
    DRF authenticates in APIView.initial(), before it looks for the method's handler (405) or
    the record (404), so a bad token is refused whatever the method and the record. The one
    exception by design: POST /api/auth/token/ authenticates nobody (it is how a token is
    asked for), so it answers its own 400 for an empty body."""
    wrong = []
    client = Client()
    for url, name in api_routes():
        for method in METHODS:
            if (name, method) == ("api-token", "post"):
                continue
            with transaction.atomic():  # knox deletes an expired token it is shown: keep it
                response = client.generic(method.upper(), url, "{}",
                                          content_type="application/json", **with_token(key))
                transaction.set_rollback(True)
            if response.status_code != 401:
                wrong.append((method, url, response.status_code))
    return wrong


def test_every_api_route_refuses_an_expired_token(cast):
    _, key = api_tokens.token_create(user=cast.bu_manager)
    assert len(api_routes()) > 40
    expiry = ApiToken.objects.get(user=cast.bu_manager).expiry
    with time_machine.travel(expiry + datetime.timedelta(seconds=1), tick=False):
        assert refusals(key) == []
    assert ApiToken.objects.filter(user=cast.bu_manager).exists()  # each deletion rolled back


def test_every_api_route_refuses_a_revoked_token(cast):
    _, key = api_tokens.token_create(user=cast.bu_manager)
    assert Client().delete(TOKEN_URL, **with_token(key)).status_code == 204
    assert refusals(key) == []


# ------------------------------------------------------------------ the API access page
def test_the_page_makes_a_token_shown_once(cast, client_for, person):
    client = client_for(person)
    page = client.post(reverse("api-access-create"), {"name": "Monthly figures"})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    key = re.search(r'id="api-token" name="api-token" type="text" value="([0-9a-f]{64})"',
                    html).group(1)
    assert "Copy it now: it will not be shown again" in html and works(key)
    listing = client.get(reverse("api-access")).content.decode()
    assert "Monthly figures" in listing and key[:8] in listing and key[:9] not in listing


def test_the_page_refuses_a_name_too_long_and_past_the_limit(client_for, person, settings):
    client = client_for(person)
    long = client.post(reverse("api-access-create"), {"name": "x" * 101})
    assert "Enter a name of 100 characters or fewer" in long.content.decode()
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 1}
    api_tokens.token_create(user=person)
    over = client.post(reverse("api-access-create"), {"name": "One more"}).content.decode()
    assert "govuk-error-summary" in over and "Revoke one you no longer use" in over


def test_revoking_one_and_all_from_the_page(cast, client_for, person):
    client = client_for(person)
    kept, gone = api_tokens.token_create(user=person, name="Kept"), \
        api_tokens.token_create(user=person, name="Gone")
    confirm = client.get(reverse("api-access-revoke", args=[gone[0].pk])).content.decode()
    assert "Revoke the API token Gone" in confirm
    response = client.post(reverse("api-access-revoke", args=[gone[0].pk]))
    assert response.status_code == 302 and not works(gone[1]) and works(kept[1])
    # Someone else's token is not found, and stays.
    theirs, their_key = api_tokens.token_create(user=cast.lead_a)
    assert client.post(reverse("api-access-revoke", args=[theirs.pk])).status_code == 404
    assert works(their_key)
    assert client.post(reverse("api-access-revoke-all")).status_code == 302
    assert not works(kept[1]) and works(their_key)
    assert "You have no API tokens that work" in client.get(reverse("api-access")).content.decode()


def test_the_list_page_queries_do_not_grow(client_for, person, django_assert_max_num_queries):
    client = client_for(person)
    api_tokens.token_create(user=person, name="First")
    client.get(reverse("api-access"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("api-access"))
    for n in range(8):
        api_tokens.token_create(user=person, name=f"Script {n}")
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("api-access")).content.decode()
    assert "Script 7" in page and "First" in page


def test_the_migration_drops_drf_tokens_kept_in_clear():
    """DRF's authtoken table (tokens in clear, never expiring) goes, with its migration
    records; where it never was, the step does nothing."""
    import importlib

    from django.apps import apps
    from django.db.migrations.recorder import MigrationRecorder

    class Editor:  # what the step uses of a schema editor, inside the test's transaction
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    step = importlib.import_module("partnership.migrations.0014_api_tokens").drop_drf_tokens
    Editor().execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY)")
    Editor().execute("INSERT INTO authtoken_token VALUES ('0123456789abcdef')")
    MigrationRecorder.Migration.objects.create(app="authtoken", name="0001_initial")
    for _ in range(2):
        step(apps, Editor())
        assert "authtoken_token" not in connection.introspection.table_names()
        assert not MigrationRecorder.Migration.objects.filter(app="authtoken").exists()
