"""/api/scrutiny/...: the multi-agency dataset as resources.

- `dataset-measures/`: the measures of the caller's partnerships (list, retrieve;
  `?partnership=ID`), for the scrutiny readers and the staff of the agencies that report.
- `dataset-returns/`: agencies' quarterly returns with their figures (list, retrieve;
  `?partnership=ID`): every return for the scrutiny readers, their own agency's only for
  agency staff. An agency's lead POSTs a quarter's figures (creating the return, or
  saving over its draft) and PATCHes them, with the `version` they started from;
  `submit: true` submits. Validation errors are 400s; a stale `version` is 409 with the
  current one.

Who sees what comes only from scrutiny/permissions.py; writes go through
scrutiny/services/dataset.py."""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from partnership import permissions as core
from partnership.api.common import (
    ID_PATTERN,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    StrictFields,
    choice_field,
)
from partnership.quarters import Quarter

from . import permissions
from .models import DatasetReturn, DatasetStatus, DatasetValue, Measure, MeasureUnit
from .services import dataset as services

UnitField = choice_field(MeasureUnit, "DatasetMeasureUnit")
StatusField = choice_field(DatasetStatus, "DatasetReturnStatus")


class MeasureSerializer(serializers.ModelSerializer):
    unit = UnitField()
    agencies = serializers.PrimaryKeyRelatedField(many=True, read_only=True,
                                                  help_text="Agencies chosen by hand.")

    class Meta:
        model = Measure
        fields = ["id", "partnership", "code", "name", "definition", "unit", "sectors",
                  "agencies", "target", "higher_is_better", "active"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class MeasureViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """The dataset's measures: what agencies report each quarter, the target per quarter
    and who reports it (by sector, or agencies chosen by hand)."""

    serializer_class = MeasureSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return (permissions.measures_across(self.request.user, self.partnerships())
                .prefetch_related("agencies")
                .order_by("partnership_id", "name", "pk"))


class ValueSerializer(StrictFields, serializers.Serializer):
    measure = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    code = serializers.CharField(read_only=True)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0,
                                     allow_null=True)


class ReturnSerializer(serializers.ModelSerializer):
    status = StatusField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    quarter = serializers.SerializerMethodField()
    submitted_by_name = serializers.CharField(source="submitted_by.full_name", read_only=True,
                                              default=None, allow_null=True)
    values = serializers.SerializerMethodField()

    class Meta:
        model = DatasetReturn
        fields = ["id", "partnership", "agency", "agency_name", "period_start", "quarter",
                  "status", "note", "version", "submitted_by_name", "submitted_at",
                  "reopened_reason", "reopened_at", "values"]
        read_only_fields = fields

    def get_quarter(self, dataset_return) -> str:
        return dataset_return.quarter.label

    @extend_schema_field(ValueSerializer(many=True))
    def get_values(self, dataset_return):
        return ValueSerializer([{"measure": v.measure_id, "code": v.measure.code,
                                 "value": v.value} for v in dataset_return.values.all()],
                               many=True).data


class ReturnWriteSerializer(StrictFields, serializers.Serializer):
    """What an agency's lead sends: the figures (all or some of the measures), a note, the
    version they started from (0 for a new return) and whether to submit."""

    partnership = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    agency = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    period_start = serializers.DateField(required=False,
                                         help_text="The quarter's first day: 1 April, 1 July, "
                                                   "1 October or 1 January.")
    values = ValueSerializer(many=True, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(min_value=0)
    submit = serializers.BooleanField(required=False, default=False)

    def validate_values(self, rows):
        measures = [row["measure"] for row in rows]
        if len(measures) != len(set(measures)):
            raise serializers.ValidationError("Give each measure once")
        return rows


class DatasetConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(help_text="The return's current version (0: not "
                                                 "started yet).")


def _returns(queryset):
    return (queryset.select_related("agency", "submitted_by")
            .prefetch_related(Prefetch("values", queryset=DatasetValue.objects
                                       .select_related("measure").order_by("measure__name")))
            .order_by("-period_start", "agency__name", "pk"))


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class ReturnViewSet(PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Agencies' quarterly dataset returns: all for the scrutiny readers, their own
    agency's for agency staff. The agency's lead enters and submits the figures."""

    serializer_class = ReturnSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        return _returns(permissions.dataset_returns_across(user, self.partnerships()))

    def _save(self, partnership, agency, quarter, data, existing=None):
        values = {row["measure"]: row["value"] for row in data.get("values", [])}
        note = data.get("note", existing.note if existing else "")
        return services.return_save(
            partnership=partnership, agency=agency, quarter=quarter,
            user=self.request.user, version=data["version"], values=values, note=note,
            submit=data.get("submit", False))

    @extend_schema(request=ReturnWriteSerializer,
                   responses={201: ReturnSerializer,
                              403: OpenApiResponse(description="Only the agency's lead "
                                                               "enters its figures."),
                              409: DatasetConflictSerializer})
    def create(self, request, *args, **kwargs):
        write = ReturnWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data = write.validated_data
        missing = {name: ["This field is required."]
                   for name in ("partnership", "agency", "period_start") if name not in data}
        if missing:
            raise exceptions.ValidationError(missing)
        partnership = core.partnerships_for(request.user).filter(pk=data["partnership"]).first()
        if partnership is None:
            raise exceptions.ValidationError({"partnership": ["Choose one of your partnerships."]})
        try:
            agency = permissions.dataset_agency_for(request.user, partnership, data["agency"])
        except Http404:  # not an agency whose returns they see
            raise exceptions.ValidationError(
                {"agency": ["Choose your own agency in this partnership."]}) from None
        permissions.require_submit_dataset(request.user, agency)
        quarter = Quarter.parse(data["period_start"].isoformat())
        if quarter is None:
            raise exceptions.ValidationError(
                {"period_start": ["Give the first day of a quarter: 1 April, 1 July, "
                                  "1 October or 1 January."]})
        saved = self._save(partnership, agency, quarter, data)
        return Response(self._one(saved), status=status.HTTP_201_CREATED)

    @extend_schema(request=ReturnWriteSerializer,
                   responses={200: ReturnSerializer,
                              403: OpenApiResponse(description="Only the agency's lead "
                                                               "changes its figures."),
                              409: DatasetConflictSerializer})
    def partial_update(self, request, *args, **kwargs):
        dataset_return = self.get_object()
        permissions.require_submit_dataset(request.user, dataset_return.agency)
        write = ReturnWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        saved = self._save(dataset_return.partnership, dataset_return.agency,
                           dataset_return.quarter, write.validated_data, dataset_return)
        return Response(self._one(saved))

    def _one(self, dataset_return):
        fresh = _returns(DatasetReturn.objects.filter(pk=dataset_return.pk)).get()
        return ReturnSerializer(fresh, context=self.get_serializer_context()).data
