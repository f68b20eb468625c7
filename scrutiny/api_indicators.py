"""/api/scrutiny/indicators/: the scrutiny indicators of one partnership for one period, as
`{code, name, value, unit, period, target, rag}`, for the partnership's scrutiny readers.

Parameters: `partnership` (required: the id of one of yours; 400 when not a whole number,
404 when it is not a partnership whose scrutiny you may read, exactly as for a missing one),
`period` (`YYYY`, the financial year from 1 April YYYY to 31 March YYYY+1, or `YYYY-Qn`,
quarter n of it, Q1 April–June to Q4 January–March; the current financial year when left
out; 400 otherwise) and `agency` (optional: an agency of the partnership; 400 otherwise).
Figures and targets are decimal strings (`"87.5"`, `"3"`), null when there is nothing to
measure in the period (no data) or no target is set. The multi-agency dataset's measures
follow the computed indicators, with codes starting `dataset_`."""

from django.db import models
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from partnership import periods
from partnership import permissions as core
from partnership.api.common import choice_field
from partnership.models.dated import today

from . import permissions
from .selectors import indicators as selectors

PERIOD_PARAMETER = OpenApiParameter(
    "period", str, description="YYYY (the financial year starting 1 April YYYY) or YYYY-Qn "
                               "(quarter n of it, Q1 April–June … Q4 January–March); the "
                               "current financial year when left out.")
PARTNERSHIP_PARAMETER = OpenApiParameter(
    "partnership", int, required=True,
    description="The partnership (the id of one whose scrutiny you may read).")
AGENCY_PARAMETER = OpenApiParameter(
    "agency", int, description="Only this agency's figures, where a figure belongs to an agency.")



class RagChoice(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class UnitChoice(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percentage"
    POUNDS = "pounds", "Pounds"


RagField = choice_field(RagChoice, "ScrutinyIndicatorRag")
UnitField = choice_field(UnitChoice, "ScrutinyIndicatorUnit")


def _whole_number(raw, name, message):
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise exceptions.ValidationError({name: [message]})
    return int(raw)


class PeriodQuery(serializers.Serializer):
    """`period` as written (the service's parse says what is wrong with it, on the field)."""

    period = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)

    def validate_period(self, raw):
        return periods.parse(raw)


def _text(value):
    return None if value is None else str(value)


class IndicatorListView(APIView):
    """The scrutiny indicators of a partnership for a period (figure, target and RAG)."""

    @extend_schema(
        parameters=[PARTNERSHIP_PARAMETER, PERIOD_PARAMETER, AGENCY_PARAMETER],
        responses={200: inline_serializer("ScrutinyIndicator", {
            "code": serializers.CharField(), "name": serializers.CharField(),
            "value": serializers.CharField(allow_null=True,
                                           help_text="A decimal string; null: no data"),
            "unit": UnitField(),
            "period": serializers.CharField(help_text="For example 2025/26 or 2025/26 Q3"),
            "target": serializers.CharField(allow_null=True),
            "rag": RagField(allow_null=True, help_text="null: no target, or no data"),
        }, many=True)},
    )
    def get(self, request):
        params = request.query_params
        pk = _whole_number(params.get("partnership"), "partnership",
                           "Enter a whole number: the id of one of your partnerships.")
        partnership = core.partnerships_for(request.user).filter(pk=pk).first()
        if partnership is None or not permissions.can_view(request.user, partnership):
            raise Http404("No partnership with that id.")
        query = PeriodQuery(data=params)
        query.is_valid(raise_exception=True)
        period = query.validated_data.get("period") or periods.containing(today())
        agency = None
        if params.get("agency") is not None:
            agency_pk = _whole_number(params["agency"], "agency",
                                      "Enter a whole number: the id of an agency of the "
                                      "partnership.")
            agency = selectors.agency_choices(partnership).filter(pk=agency_pk).first()
            if agency is None:
                raise exceptions.ValidationError(
                    {"agency": ["Choose an agency of the partnership."]})
        values = selectors.dashboard_values(partnership, period.start, period.end, agency,
                                            request.user)
        return Response([{"code": v.code, "name": v.name, "value": _text(v.value),
                          "unit": v.unit, "period": v.period, "target": _text(v.target),
                          "rag": v.rag} for v in values])
