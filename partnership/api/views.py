from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import Max, Prefetch
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import dates, permissions, selectors
from ..forms.accounts import normalise_username
from ..models import Designation
from ..services import api_tokens, structure
from . import serializers as s
from .auth import TokenAuthentication
from .common import PARTNERSHIP_MESSAGE, StrictFields, whole_number
from .throttles import TokenThrottle, minutes


class TokenRequest(StrictFields, serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="Your e-mail address")
    password = serializers.CharField(max_length=4096, trim_whitespace=False,
                                     style={"input_type": "password"})
    code = serializers.CharField(
        required=False, allow_blank=True, max_length=64,
        help_text="If you have a second factor: the 6-digit code your authenticator app shows "
                  "now, or a recovery code you have not used (it is then spent).")
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=100,
        help_text="What the token is for, shown on your API access page.")

    def validate_username(self, value):
        """The e-mail address is normalised before authenticate() and django-axes see it."""
        return normalise_username(value)

    def validate(self, attrs):
        user = authenticate(request=self.context["request"], username=attrs["username"],
                            password=attrs["password"])
        if user is None:
            raise serializers.ValidationError("Unable to log in with provided credentials.",
                                              code="authorization")
        return {**attrs, "user": user}


class TokenView(APIView):
    """POST: exchange an e-mail address and password (and, for a person with a second factor,
    its code) for an API token that ends after API_TOKEN_DAYS days; send it as
    `Authorization: Token <token>`. Limited per client address (the `auth_token` throttle
    rate) as well as locked per account by django-axes.

    DELETE: revoke the token the request is sent with."""

    permission_classes = [AllowAny]  # POST; any other method needs a token (get_permissions)

    def _method(self):
        return getattr(self.request, "method", None)  # None while DRF builds the request

    def get_authenticators(self):
        return [] if self._method() == "POST" else [TokenAuthentication()]

    def get_permissions(self):
        return [AllowAny()] if self._method() == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        return [TokenThrottle()] if self._method() == "POST" else []

    def throttled(self, request, wait):
        raise exceptions.Throttled(wait, detail=(
            "Too many sign-in requests from your address. Wait "
            f"{minutes(wait)} minute{'s' if minutes(wait) != 1 else ''} and try again."))

    def permission_denied(self, request, message=None, code=None):
        raise exceptions.NotAuthenticated(
            "Send the token to revoke in the Authorization header: Token <token>. (To revoke "
            "tokens in your browser, use your API access page.)")

    @extend_schema(
        request=TokenRequest,
        responses={200: inline_serializer("TokenResponse", {
            "token": serializers.CharField(help_text="Shown only now: keep it secret."),
            "expiry": serializers.DateTimeField(help_text="When the token stops working.")}),
            403: OpenApiResponse(description="Your role needs a second factor, and you have "
                                             "not set one up yet.")},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequest(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        permissions.require_api_token_sign_in(data["user"])
        token, key = api_tokens.token_sign_in(
            user=data["user"], code=data.get("code", ""), name=data.get("name", ""),
            request=request)
        return Response({"token": key, "expiry": serializers.DateTimeField().to_representation(
            token.expiry)})

    def handle_exception(self, exc):
        """django-axes marks the request when the account is locked, before this attempt or
        by it (a wrong password, or a wrong code that was one too many): Django's
        authenticate() swallows the backend's PermissionDenied, so the serializer or the
        service only sees a failure. 429 says why."""
        if getattr(self.request, "axes_locked_out", False):
            return self._locked_out()
        return super().handle_exception(exc)

    def _locked_out(self):
        return Response(
            {"detail": "Too many failed sign-in attempts for this account. Wait "
                       f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes, "
                       "or reset your password."},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        api_tokens.token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WorkingDaysQuery(serializers.Serializer):
    start = serializers.DateField(help_text="Day 0, as YYYY-MM-DD")
    days = serializers.IntegerField(min_value=0, max_value=dates.MAX_DAYS,
                                    help_text="How many working days after start")
    partnership = serializers.IntegerField(
        required=False, min_value=1,
        help_text="Also skip this partnership's closure days (the id of one of yours)")


class WorkingDaysView(APIView):
    """The date `days` working days after `start` (England and Wales bank holidays and
    weekends skipped, and the partnership's closure days if one is given)."""

    @extend_schema(
        parameters=[WorkingDaysQuery],
        responses={200: inline_serializer("WorkingDays", {
            "start": serializers.DateField(), "days": serializers.IntegerField(),
            "date": serializers.DateField()})},
    )
    def get(self, request):
        query = WorkingDaysQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        partnership = None
        if "partnership" in query.validated_data:
            partnership = permissions.partnerships_for(request.user).filter(
                pk=query.validated_data["partnership"]).first()
            if partnership is None:
                raise Http404("No partnership with that id.")
        start, days = query.validated_data["start"], query.validated_data["days"]
        try:
            date = (dates.statutory_deadline(start, days) if partnership is None
                    else dates.local_deadline(start, days, partnership))
        except OverflowError:  # beyond 31 December 9999, the last day a date can be
            raise exceptions.ValidationError({"start": [
                f"Too late: {days} working days after it is beyond 31 December 9999."]}) from None
        return Response({"start": start, "days": days, "date": date})


class MeView(generics.GenericAPIView):
    serializer_class = s.MeSerializer

    def get(self, request):
        held = selectors.user_roles(request.user)
        user = request.user
        data = {
            "id": user.pk, "email": user.email, "full_name": user.full_name,
            "job_title": user.job_title,
            "agencies": selectors.user_agencies(user),
            "roles": held["partnership_roles"] + held["agency_roles"],
        }
        return Response(self.get_serializer(data).data)


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships you take part in."""

    serializer_class = s.PartnershipSerializer

    def get_queryset(self):
        # The yearly reports are scrutiny's (an app above the core): read through the
        # reverse relation's name, not an import.
        return (permissions.partnerships_for(self.request.user)
                .annotate(yearly_report_last_published_on=Max("yearly_reports__published_on"))
                .prefetch_related("local_authority_areas").order_by("name"))


@extend_schema(parameters=[OpenApiParameter(
    "partnership", int, description="Only agencies designated in this partnership (its id)."
)])
class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                    viewsets.GenericViewSet):
    """Agencies you can see. Business unit staff can edit an agency (PATCH)."""

    serializer_class = s.AgencySerializer
    http_method_names = ["get", "patch", "head", "options"]
    filterset_fields = {"sector": ["exact"]}

    def _partnership(self):
        if not hasattr(self, "_partnership_cache"):
            raw = self.request.query_params.get("partnership")
            partnership = None
            if raw is not None:
                pk = whole_number(raw, "partnership", PARTNERSHIP_MESSAGE)
                partnership = permissions.partnerships_for(self.request.user).filter(
                    pk=pk).first()
                if partnership is None:
                    raise Http404("No partnership with that id.")
            self._partnership_cache = partnership
        return self._partnership_cache

    def get_queryset(self):
        user = self.request.user
        agencies = permissions.agencies_for(user, self._partnership())
        visible = Designation.objects.active().filter(
            partnership__in=permissions.partnerships_for(user)
        ).order_by("partnership_id")
        return agencies.prefetch_related(
            Prefetch("designations", queryset=visible, to_attr="visible_designations"),
            "former_names",
        ).order_by("name")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "partnership": self._partnership()}

    def update(self, request, *args, **kwargs):
        agency = self.get_object()
        if not permissions.can_change_agency(request.user, agency):
            raise exceptions.PermissionDenied("Only the partnership's business unit can edit "
                                              "agencies.")
        serializer = self.get_serializer(agency, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        structure.agency_update(agency=agency, **{
            k: v for k, v in serializer.validated_data.items()
            if k in structure.AGENCY_EDITABLE_FIELDS
        })
        return Response(self.get_serializer(self.get_object()).data)
