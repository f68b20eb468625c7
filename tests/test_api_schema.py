"""What the API fuzzing (tests/test_api_fuzz.py, CI only) found, kept in the normal passes: the
OpenAPI document's error responses and nullable fields (partnership/api/schema.py), JSON
errors where a page or a calendar was answered."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(cast, client_for):
    response = client_for(cast.bu_manager).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_errors_as_json(document):
    error = "#/components/schemas/Error"
    invalid = "#/components/schemas/ValidationError"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            signed_in = (path, method) != ("/api/auth/token/", "post")
            if signed_in:
                assert responses["401"]["content"]["application/json"]["schema"] == {"$ref": error}
                assert "403" in responses, (method, path)
            if "{id}" in path or method in ("post", "patch"):
                assert "404" in responses or not signed_in, (method, path)
            if method in ("post", "patch"):
                schema = responses["400"]["content"]["application/json"]["schema"]
                assert schema == {"$ref": invalid} or {"$ref": invalid} in schema["anyOf"]
                assert "415" in responses
    assert "429" in document["paths"]["/api/auth/token/"]["post"]["responses"]


def test_what_is_sometimes_null_or_blank_is_documented_so(document):
    schemas = document["components"]["schemas"]
    for name in ("declared_budget", "contributions_total", "variance", "notes", "variance_reason"):
        assert schemas["Year"]["properties"][name]["nullable"] is True, name
    assert "nullable" not in schemas["YearRequest"]["properties"]["declared_budget"]
    assert schemas["ChallengeAddressee"]["properties"]["responded_by_name"]["nullable"] is True
    assert schemas["Return"]["properties"]["submitted_by_name"]["nullable"] is True
    for component, name in (("Partnership", "website"), ("Meeting", "online_link")):
        blank = schemas[component]["properties"][name]["oneOf"][1]
        assert blank["maxLength"] == 0 and "format" not in blank, component


def test_an_api_path_no_route_matches_answers_json(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.get("/api/actions/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_a_calendar_error_is_json(cast, client_for):
    response = client_for(cast.bu_manager).get("/api/meetings/999999/ics/", {"format": "ics"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_an_api_body_django_cannot_read_answers_json(cast, client_for):
    response = client_for(cast.bu_manager).generic("POST", "/api/actions/", b"x=1",
                                                    content_type="multipart/form-data")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
