"""The OpenAPI document's schema class (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): drf-spectacular's,
plus what every operation answers and its views do not say one by one.

- Errors. Every error is JSON (partnership/api/errors.py), and each operation documents the
  errors it can answer, with their bodies as shared components: `Error` (`{"detail": ...}`:
  401 not signed in, 403, 404 a record you may not see or that does not exist, 415, 429,
  503) and `ValidationError` (400: `{"field": ["message", ...], ...}`, `{"detail": ...,
  "missing": [...]}` for what is still to do, or a list of messages). Which errors apply is
  decided here from the operation: 401 and 403 when it needs authentication; 400 when it
  takes query parameters or a body; 404 when it has a path parameter, pages, a
  `partnership` filter or a body when signed in (a body names records by id: one you may
  not see is not found); 415 when it takes a body; 429 when it is throttled. A response a
  view documents itself (a 409 with the current version, a 400 listing what is missing) is
  kept (a 400 of its own may also be the shared one: field errors), and one documented without
  a body gets the shared one.
- A read-only URL that may be blank (a model URLField with blank=True, such as a partnership's
  website) is documented as a URL or "", as DRF writes it.

tests/test_api_fuzz.py (schemathesis) checks that the answers agree with the document.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

JSON = "application/json"
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, for a person."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "description": "The request was refused: its field errors (each field's messages, or the "
                   "errors of a nested object), what is still to do (`missing`), or a list of "
                   "messages.",
    "anyOf": [
        {"type": "object",
         "properties": {"detail": {"type": "string"},
                        "missing": {"type": "array", "items": {"type": "string"}}},
         "required": ["detail"]},
        {"type": "object",
         "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]}},
        {"type": "array", "items": {"type": "string"}},
    ],
}
DESCRIPTIONS = {
    "400": "Refused: the parameters or the body are not valid.",
    "401": "Not signed in: send a token (or sign in to the portal first).",
    "403": "You may not do this.",
    "404": "Not found, or not yours to see.",
    "415": "The body is not JSON.",
    "429": "Too many requests: wait and try again.",
}


class AutoSchema(SpectacularAutoSchema):
    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema,
                                      object=name)
        self.registry.register_on_missing(component)
        return component.ref

    def _error_codes(self):
        codes = set()
        has_body = self.method in ("POST", "PUT", "PATCH")
        parameters = [p for p in self._get_parameters() if p.get("in") in ("query", "path")]
        if self.get_auth():
            codes |= {"401", "403"}
        if has_body or any(p["in"] == "query" for p in parameters):
            codes.add("400")
        if (has_body and self.get_auth() or any(p["in"] == "path" for p in parameters)
                or self._get_paginator() is not None and self._is_list_view()
                or any(p["name"] == "partnership" and p["in"] == "query" for p in parameters)):
            codes.add("404")
        if has_body:
            codes.add("415")
        if self.view.get_throttles():
            codes.add("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = self._component("Error", ERROR)
        bodies = {"400": self._component("ValidationError", VALIDATION_ERROR)}
        for code in self._error_codes() | {c for c in responses if c >= "400"}:
            response = responses.setdefault(code, {"description": DESCRIPTIONS.get(code, "")})
            shared = bodies.get(code, error)
            if "content" not in response:
                response["content"] = {JSON: {"schema": shared}}
            elif code == "400" and JSON in response["content"]:
                # A body with field errors can be refused whatever else the 400 may say.
                own = response["content"][JSON]["schema"]
                if own != shared:
                    response["content"][JSON]["schema"] = {"anyOf": [own, shared]}
            if not response.get("description"):
                response["description"] = DESCRIPTIONS.get(code, "")
        return dict(sorted(responses.items()))

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (isinstance(field, serializers.URLField) and field.read_only
                and schema.get("format") == "uri" and _blank_in_model(field)):
            blank = {key: value for key, value in schema.items() if key != "format"}
            schema = {"oneOf": [schema, {**blank, "maxLength": 0}]}
        return schema


def _blank_in_model(field):
    """Whether the model field behind a (read-only) serializer field may be blank."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False
