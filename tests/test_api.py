"""The REST API: token sign-in, bad input, what each person sees, editing agencies."""

import pytest
from django.urls import reverse

from partnership.models import Agency, User

from .cast import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_for):
    return client_for


def token_for(client, email, password=PASSWORD):
    return client.post(reverse("api-token"), {"username": email, "password": password},
                       content_type="application/json", REMOTE_ADDR="10.0.0.9")


@pytest.fixture
def real_user(cast):
    user = User.objects.create_user("real@cast.example", PASSWORD, full_name="Real Person")
    from partnership.services import people

    people.membership_create(user=user, partnership=cast.p1, role="agency_lead",
                             agency=cast.agency_a)
    return user


def test_token_sign_in_and_use(client, real_user):
    response = token_for(client, "REAL@cast.example")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get(reverse("api-me"), HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json()["email"] == "real@cast.example"
    assert me.json()["agencies"] == [{"id": real_user.agency_memberships.get().agency_id,
                                      "name": "Agency A Academy"}]
    assert me.json()["roles"][0]["role"] == "agency_lead"


@pytest.mark.parametrize("email,password", [
    ("real@cast.example", "wrong password entirely"),
    ("nobody@cast.example", PASSWORD),
    ("", ""),
])
def test_token_refused_with_a_clear_message(client, real_user, email, password):
    response = token_for(client, email, password)
    assert response.status_code == 400
    assert response.json()  # field or non-field errors, never a crash


def test_token_lockout_answers_429(client, real_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        token_for(client, real_user.email, "wrong password entirely")
    response = token_for(client, real_user.email)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]


@pytest.mark.parametrize("header", [
    "Token", "Token not-a-real-token", "Token two parts", "Bearer abc", "Token \u00e9\u00e9",
])
def test_malformed_or_unknown_tokens_get_401(client, real_user, header):
    response = client.get(reverse("api-me"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_http_basic_is_not_accepted(client, real_user):
    import base64

    credentials = base64.b64encode(f"{real_user.email}:{PASSWORD}".encode()).decode()
    response = client.get(reverse("api-me"), HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 401


def test_partnerships_list_only_your_own(cast, api):
    ids = lambda who: {p["id"] for p in api(cast.users[who]).get(  # noqa: E731
        reverse("api-partnership-list")).json()["results"]}
    assert ids("bu_manager") == {cast.p1.pk}
    assert ids("lead_police") == {cast.p1.pk, cast.p2.pk}
    assert ids("outsider") == set()
    body = api(cast.bu_manager).get(reverse("api-partnership-list")).json()["results"][0]
    assert body["name"] == cast.p1.name and body["local_authority_areas"] == ["Northshire"]


def names(response):
    return {a["name"] for a in response.json()["results"]}


def test_agencies_filtered_by_partnership(cast, api):
    url = reverse("api-agency-list")
    response = api(cast.bu_manager).get(url, {"partnership": cast.p1.pk})
    assert names(response) == {"Northshire Council", "Northshire ICB", "Shires Police",
                               "Agency A Academy"}
    police = next(a for a in response.json()["results"] if a["name"] == "Shires Police")
    assert police["designation"]["kind"] == "police"
    assert police["designation"]["statutory"] is True
    assert police["sector"] == "police_justice"
    assert {d["partnership"] for d in police["designations"]} == {cast.p1.pk}
    assert names(api(cast.lead_a).get(url, {"partnership": cast.p1.pk})) == {"Agency A Academy"}
    # The police lead sees their force's designations in both partnerships.
    mine = api(cast.lead_police).get(url).json()["results"]
    assert [a["name"] for a in mine] == ["Shires Police"]
    assert {d["partnership"] for d in mine[0]["designations"]} == {cast.p1.pk, cast.p2.pk}
    assert mine[0]["designation"] is None


@pytest.mark.parametrize("value,status", [("abc", 400), ("-1", 400), ("1.5", 400), ("", 400)])
def test_partnership_filter_that_is_not_a_number(cast, api, value, status):
    response = api(cast.bu_manager).get(reverse("api-agency-list"), {"partnership": value})
    assert response.status_code == status
    assert "whole number" in response.json()["partnership"][0]


def test_partnership_filter_that_is_not_yours_looks_missing(cast, api):
    client = api(cast.bu_manager)
    theirs = client.get(reverse("api-agency-list"), {"partnership": cast.p2.pk})
    missing = client.get(reverse("api-agency-list"), {"partnership": 987654})
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content


def test_business_unit_edits_an_agency(cast, api):
    url = reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk})
    response = api(cast.bu_officer).patch(
        url, {"name": "Agency A Academy Trust", "website": "https://a.example",
              "id": 1, "designations": []},
        content_type="application/json")
    assert response.status_code == 200, response.json()
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.name == "Agency A Academy Trust"
    assert cast.agency_a.website == "https://a.example"
    assert response.json()["id"] == cast.agency_a.pk


@pytest.mark.parametrize("payload,field", [
    ({"sector": "nonsense"}, "sector"),
    ({"name": ""}, "name"),
    ({"name": "Shires Police"}, "name"),
    ({"website": "not a url"}, "website"),
])
def test_bad_agency_edits_are_refused_and_change_nothing(cast, api, payload, field):
    url = reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk})
    before = Agency.objects.values().get(pk=cast.agency_a.pk)
    response = api(cast.bu_manager).patch(url, payload, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert Agency.objects.values().get(pk=cast.agency_a.pk) == before


def test_agency_staff_cannot_edit_their_agency(cast, api):
    url = reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk})
    response = api(cast.lead_a).patch(url, {"name": "Mine now"}, content_type="application/json")
    assert response.status_code == 403
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.name == "Agency A Academy"


def test_not_json_is_refused_clearly(cast, api):
    url = reverse("api-agency-detail", kwargs={"pk": cast.agency_a.pk})
    response = api(cast.bu_manager).patch(url, "{not json", content_type="application/json")
    assert response.status_code == 400
    response = api(cast.bu_manager).patch(url, "name=x", content_type="text/plain")
    assert response.status_code == 415


def test_pagination_and_bad_page(cast, api):
    response = api(cast.bu_manager).get(reverse("api-agency-list"), {"page": "abc"})
    assert response.status_code == 400 and "page" in response.json()
    response = api(cast.bu_manager).get(reverse("api-agency-list"), {"page": "99"})
    assert response.status_code == 404  # a page past the last
    response = api(cast.bu_manager).get(reverse("api-agency-list"))
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_schema_is_valid_openapi_3(cast, api, tmp_path):
    from django.core.management import call_command

    response = api(cast.bu_manager).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/auth/token/", "/api/me/", "/api/partnerships/", "/api/agencies/",
                 "/api/agencies/{id}/"):
        assert path in schema["paths"], path
    assert "patch" in schema["paths"]["/api/agencies/{id}/"]
    assert "put" not in schema["paths"]["/api/agencies/{id}/"]
    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yml"))


def test_docs_page_renders(cast, api):
    response = api(cast.bu_manager).get(reverse("api-docs"))
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_agencies_filtered_by_sector(cast, api):
    url = reverse("api-agency-list")
    response = api(cast.bu_manager).get(url, {"sector": "health"})
    assert names(response) == {"Northshire ICB"}
    bad = api(cast.bu_manager).get(url, {"sector": "astrology"})
    assert bad.status_code == 400
    assert "sector" in bad.json()
