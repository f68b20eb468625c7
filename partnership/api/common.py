"""What every app's API shares: narrowing lists to the caller's partnerships
(`?partnership=ID`), whole-number query parameters, choice fields with named OpenAPI enums,
write serializers that refuse fields they do not know. (Service errors become responses in
one place: partnership/api/errors.py.)"""

import datetime
from collections.abc import Mapping

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination

from .. import permissions
from ..dates import implausible

MAX_ID = 2**63 - 1  # the largest id a database column holds
ID_PATTERN = r"[0-9]{1,18}"  # ids beyond what a database column holds are simply not found
PARTNERSHIP_MESSAGE = "Enter a whole number: the id of one of your partnerships."
PARTNERSHIP_PARAMETER = OpenApiParameter(
    "partnership", int, description="Only this partnership (the id of one of yours).")


def whole_number(raw, name, message="Enter a whole number."):
    """A query parameter that must be a whole number (an id, a page): its value as an int, or
    400 naming the parameter. Only ASCII digits count: `str.isdigit()` also accepts "²" and
    other digits int() refuses or reads differently."""
    if not (raw.isascii() and raw.isdigit()):
        raise exceptions.ValidationError({name: [message]})
    return int(raw)


def body_partnership(request):
    """The partnership a create's body names, when it is a whole number and one of the
    caller's; None otherwise (the serializer then says what is wrong with the field)."""
    raw = request.data.get("partnership") if hasattr(request.data, "get") else None
    if (isinstance(raw, int) and not isinstance(raw, bool)) or (
            isinstance(raw, str) and raw.isascii() and raw.isdigit()):
        return permissions.partnerships_for(request.user).filter(pk=int(raw)).first()
    return None


class Pagination(PageNumberPagination):
    """DRF's page numbers (REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]), except that a page
    that is not a whole number answers 400 naming `page` (a page past the last is still
    404)."""

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw and raw not in self.last_page_strings:
            whole_number(raw, self.page_query_param, "Enter a whole number: a page, from 1.")
        return super().get_page_number(request, paginator)


class StrictFields:
    """Mixed into every serializer that takes a request body: a field it does not have is
    refused (400 naming it), not silently dropped, so a misspelt or unexpected field never
    looks as if it was saved. Read-only fields are known fields: sent, they are ignored. A
    date outside the plausible years (partnership.dates.plausible_years) is refused too."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["This field is not known here. Remove it or check its spelling."]
                     for name in unknown})
        values = super().to_internal_value(data)
        wrong = {name: [message] for name, value in values.items()
                 if isinstance(value, datetime.date) and (message := implausible(value))}
        if wrong:
            raise serializers.ValidationError(wrong)
        return values


def choice_field(choices, component, blank=False):
    """A choice field whose OpenAPI enum is one named component (several records have a
    `status`, each with its own choices); `blank` allows the empty choice."""
    values = [*([""] if blank else []), *choices.values]

    @extend_schema_field({"type": "string", "enum": values}, component_name=component)
    class Field(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices.choices, **kwargs)

    Field.__name__ = Field.__qualname__ = component + "Field"
    return Field


class PartnershipScoped:
    """`?partnership=ID` narrows a list to one of the caller's partnerships: 400 when it
    is not a whole number, 404 when it is not one of theirs (exactly as for a missing
    one). Without it, and for single records, all the caller's partnerships count. The
    caller's grants on them are read at once (permissions.prefetch), and each app's
    `..._across(user, partnerships)` turns them into one query for the whole list."""

    def partnerships(self):
        if not hasattr(self, "_partnerships"):
            mine = permissions.partnerships_for(self.request.user).order_by("pk")
            raw = self.request.query_params.get("partnership")
            if raw is None or self.action != "list":
                self._partnerships = list(mine)
            else:
                pk = whole_number(raw, "partnership", PARTNERSHIP_MESSAGE)
                partnership = mine.filter(pk=pk).first()
                if partnership is None:
                    raise Http404("No partnership with that id.")
                self._partnerships = [partnership]
            permissions.prefetch(self.request.user, self._partnerships)
        return self._partnerships
