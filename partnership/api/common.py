"""What every app's API shares: narrowing lists to the caller's partnerships
(`?partnership=ID`), choice fields with named OpenAPI enums. (Service errors become
responses in one place: partnership/api/errors.py.)"""

import operator
from functools import reduce

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers

from .. import permissions

MAX_ID = 2**63 - 1  # the largest id a database column holds
ID_PATTERN = r"[0-9]{1,18}"  # ids beyond what a database column holds are simply not found
PARTNERSHIP_PARAMETER = OpenApiParameter(
    "partnership", int, description="Only this partnership (the id of one of yours).")


def either(model, querysets):
    """The rows of `model` in any of `querysets` (one per partnership), as one queryset."""
    conditions = [Q(pk__in=queryset.values("pk")) for queryset in querysets]
    if not conditions:
        return model.objects.none()
    return model.objects.filter(reduce(operator.or_, conditions))


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
    one). Without it, and for single records, all the caller's partnerships count."""

    def partnerships(self):
        if not hasattr(self, "_partnerships"):
            mine = permissions.partnerships_for(self.request.user).order_by("pk")
            raw = self.request.query_params.get("partnership")
            if raw is None or self.action != "list":
                self._partnerships = list(mine)
            else:
                if not (raw.isascii() and raw.isdigit()):
                    raise exceptions.ValidationError(
                        {"partnership": ["Enter a whole number: the id of one of your "
                                         "partnerships."]})
                partnership = mine.filter(pk=int(raw)).first()
                if partnership is None:
                    raise Http404("No partnership with that id.")
                self._partnerships = [partnership]
        return self._partnerships

    def partnership_by_id(self, pk):
        return next(p for p in self.partnerships() if p.pk == pk)
