"""GET /api/funding/years/ and /api/funding/contributions/ (with each contribution's
payments), with writes for the business unit: years, contributions and
POST /api/funding/contributions/{id}/payments/. Money is a decimal string with two places."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partnership import permissions as core
from partnership.api.common import StrictFields
from partnership.models import Agency

from . import permissions, selectors, services
from .models import Contribution, FinancialYear, Payment
from .money import MoneyError, parse_money


class Money(serializers.DecimalField):
    """Accepts "1433.65" or "1,433.65"; refuses "1433,65" with a message saying how."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=12, decimal_places=2, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, float):
            raise serializers.ValidationError('Send money as a string, like "1433.65"')
        try:
            return parse_money(data)
        except MoneyError as error:
            raise serializers.ValidationError(str(error)) from None


class YearSerializer(StrictFields, serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    declared_budget = Money()
    contributions_total = Money(read_only=True)
    variance = Money(read_only=True)

    class Meta:
        model = FinancialYear
        fields = ["id", "partnership", "start_year", "label", "start", "end", "declared_budget",
                  "contributions_total", "variance", "notes", "variance_reason"]
        read_only_fields = ["id", "label", "start", "end", "contributions_total", "variance"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["partnership"].queryset = core.partnerships_for(request.user)
        if self.instance is not None:
            fields["partnership"].read_only = True
            fields["start_year"].read_only = True
        return fields


@extend_schema_serializer(component_name="Year")
class YearAsSeenSerializer(YearSerializer):
    """A year as the API answers it (OpenAPI only): null for the whole-budget fields to whoever
    does not see the whole budget (permissions.year_as_seen)."""

    def get_fields(self):
        fields = super().get_fields()
        for name in permissions.WHOLE_BUDGET_FIELDS:
            fields[name].allow_null = True
        return fields


class PaymentSerializer(serializers.ModelSerializer):
    amount = Money(read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "amount", "received_on", "recorded_at"]
        read_only_fields = fields


class PaymentCreateSerializer(StrictFields, serializers.Serializer):
    amount = Money(error_messages={"required": "Enter the amount received"})
    received_on = serializers.DateField(error_messages={
        "required": "Enter the day the payment was received",
        "invalid": "Enter the day the payment was received as a date, like 2026-06-27"})
    confirm_overpayment = serializers.BooleanField(
        required=False, default=False,
        help_text="Send true to record a payment that takes what was received above what was "
                  "invoiced (or agreed, before an invoice); without it such a payment is "
                  "refused (400 under amount).")


# What was received is the sum of the payments: a write to it is refused, saying where to go.
RECEIVED_FIELDS = ("received", "received_date")


class ContributionSerializer(StrictFields, serializers.ModelSerializer):
    agreed = Money()
    invoiced = Money(source="invoice_amount", required=False, allow_null=True)
    received = Money(source="received_amount", read_only=True, allow_null=True,
                     help_text="The sum of the payments (null before the first).")
    received_date = serializers.DateField(read_only=True, allow_null=True,
                                          help_text="The latest payment's day.")
    balance = Money(read_only=True, help_text="Invoiced (or agreed, before an invoice) less "
                                              "received; negative when over-paid.")
    overpaid = serializers.BooleanField(read_only=True)
    overdue = serializers.BooleanField(read_only=True, help_text=(
        "A balance is still to pay after the day it was due (due_on, or the year's end)."))
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Contribution
        fields = ["id", "agency", "year", "agreed", "agreed_share", "earmark", "in_kind",
                  "invoice_date", "invoiced", "invoice_reference", "due_on", "received_date",
                  "received", "balance", "overpaid", "overdue", "payments"]
        read_only_fields = ["id"]

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["year"].queryset = permissions.manageable_years(user)
        fields["agency"].queryset = Agency.objects.all()
        if self.instance is not None:
            fields["year"].read_only = True
            fields["agency"].read_only = True
        return fields

    def to_internal_value(self, data):
        sent = [name for name in RECEIVED_FIELDS if hasattr(data, "keys") and name in data]
        if sent:
            raise serializers.ValidationError({name: [
                "What was received is the sum of the contribution's payments: record a payment "
                "with POST /api/funding/contributions/{id}/payments/"] for name in sent})
        return super().to_internal_value(data)

    def to_representation(self, instance):
        selectors.payment_state(instance, instance.year)
        instance.overpaid = instance.over_paid_by is not None
        return super().to_representation(instance)


@extend_schema_view(list=extend_schema(responses=YearAsSeenSerializer),
                    retrieve=extend_schema(responses=YearAsSeenSerializer),
                    create=extend_schema(responses={201: YearAsSeenSerializer}),
                    partial_update=extend_schema(responses=YearAsSeenSerializer))
class YearViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Financial years of your partnerships (agency staff: those of the partnerships their
    agency serves). Business unit staff add and edit them."""

    serializer_class = YearSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["partnership"]

    def get_queryset(self):
        return permissions.all_years_for(self.request.user).order_by("partnership", "start_year")

    def list(self, request, *args, **kwargs):
        _, whole = permissions.partnerships_with_funding(request.user)
        rows = selectors.with_totals(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(rows)
        data = self.get_serializer(page, many=True).data
        for item in data:
            permissions.year_as_seen(item, item["partnership"] in whole)
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        year = self.get_object()
        year.contributions_total = selectors.contributions_total(year)
        year.variance = year.contributions_total - year.declared_budget
        data = self.get_serializer(year).data
        return Response(permissions.year_as_seen(
            data, permissions.sees_whole_budget(request.user, year.partnership)))

    def perform_create(self, serializer):
        data = serializer.validated_data
        permissions.require_manage(self.request.user, data["partnership"])
        serializer.instance = services.year_create(
            partnership=data["partnership"], start_year=data["start_year"],
            declared_budget=data["declared_budget"], notes=data.get("notes", ""))
        serializer.instance.contributions_total = selectors.contributions_total(serializer.instance)
        serializer.instance.variance = (serializer.instance.contributions_total
                                        - serializer.instance.declared_budget)

    def update(self, request, *args, **kwargs):
        year = self.get_object()
        permissions.require_manage(request.user, year.partnership)
        serializer = self.get_serializer(year, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.year_update(year=year, **{k: v for k, v in serializer.validated_data.items()
                                           if k in services.YEAR_FIELDS})
        return self.retrieve(request, *args, **kwargs)


class ContributionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.GenericViewSet):
    """Contribution lines: all of a partnership's for those who see its whole budget, and
    their own agency's for agency staff. Business unit staff add and edit them."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["year", "agency"]

    def get_serializer_class(self):
        return PaymentCreateSerializer if self.action == "payments" else ContributionSerializer

    def get_queryset(self):
        return (permissions.all_contributions_for(self.request.user)
                .select_related("agency", "year").prefetch_related("payments")
                .order_by("year", "-agreed", "agency__name"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        year, agency = data.pop("year"), data.pop("agency")
        permissions.require_manage(self.request.user, year.partnership)
        serializer.instance = services.contribution_create(year=year, agency=agency, **data)

    def update(self, request, *args, **kwargs):
        contribution = self.get_object()
        permissions.require_manage(request.user, contribution.year.partnership)
        serializer = self.get_serializer(contribution, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.contribution_update(contribution=contribution,
                                     **serializer.validated_data)
        return Response(self.get_serializer(contribution).data)

    @extend_schema(request=PaymentCreateSerializer,
                   responses={201: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def payments(self, request, pk=None):
        """Record a payment received (`amount`, `received_on`): the business unit only. The
        answer is the contribution, with `received` (the sum of its payments), `balance` and
        its payments."""
        contribution = self.get_object()
        permissions.require_manage(request.user, contribution.year.partnership)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.payment_add(contribution=contribution, amount=data["amount"],
                                 received_on=data["received_on"], recorded_by=request.user,
                                 confirmed=data["confirm_overpayment"])
        except services.OverPayment as over:
            raise serializers.ValidationError({"amount": [
                f'{over.message} If it is right, send "confirm_overpayment": true.']}) from None
        contribution = self.get_queryset().get(pk=contribution.pk)
        return Response(ContributionSerializer(contribution, context=self.get_serializer_context())
                        .data, status=status.HTTP_201_CREATED)
