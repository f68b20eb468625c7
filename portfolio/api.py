"""/api/portfolio/?agency=ID: an agency's portfolio for its own staff (portfolio/permissions.py),
every kind of item in one list of one shape, soonest due first, paginated; filtered by
`partnership` (an id of one the agency serves), `kind`, `due=overdue` and `due_before`
(YYYY-MM-DD). A parameter that is not valid answers 400 naming it; an agency that is not
the caller's, 404."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers

from partnership.api.common import MAX_ID

from . import permissions, selectors
from .forms import OVERDUE, PortfolioApiFilter


class PortfolioQuery(serializers.Serializer):
    agency = serializers.IntegerField(min_value=1, max_value=MAX_ID,
                                      help_text="The agency (the id of one of yours).")


class ItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(selectors.KINDS.items()))
    kind_label = serializers.CharField()
    partnership = serializers.IntegerField(source="partnership_id")
    partnership_name = serializers.CharField()
    title = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    overdue = serializers.BooleanField()
    url = serializers.CharField(help_text="The item's page in the portal (a path).")
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True,
        help_text="For a contribution: what is still to pay on the invoice.")


@extend_schema(parameters=[
    OpenApiParameter("agency", int, required=True, description="The agency (one of yours)."),
    OpenApiParameter("partnership", int, description="Only this partnership (one the agency "
                                                     "serves)."),
    OpenApiParameter("kind", str, enum=list(selectors.KINDS), description="Only this kind."),
    OpenApiParameter("due", str, enum=[OVERDUE], description="Only overdue items."),
    OpenApiParameter("due_before", OpenApiTypes.DATE, description="Only items due before "
                                                                  "this day."),
])
class PortfolioView(generics.ListAPIView):
    """Everything the agency owes the partnerships it serves."""

    serializer_class = ItemSerializer
    filter_backends = []

    def list(self, request, *args, **kwargs):
        query = PortfolioQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        agency, kinds = permissions.portfolio_for(request.user, query.validated_data["agency"])
        filters = PortfolioApiFilter(request.query_params, agency=agency, kinds=kinds)
        if not filters.is_valid():
            raise exceptions.ValidationError(filters.errors)
        page = self.paginate_queryset(filters.qs)
        return self.get_paginated_response(
            self.get_serializer(selectors.finish(page, agency), many=True).data)
