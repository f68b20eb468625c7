"""/api/scrutiny/...: the challenge log as a resource (list, retrieve, raise; respond, judge
and close as actions on a challenge) and the scrutiny plan's activities (read only).

Lists cover all the caller's partnerships, or the one named by `?partnership=ID` (400 when
not a whole number, 404 when not one of theirs). Who sees and does what comes only from
scrutiny/permissions.py; every write goes through scrutiny/services. An agency's lead or
chief officer sees only the challenges addressed to their agency, and on them only their
own agency's response."""

from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership import permissions as core
from partnership.api.common import (
    ID_PATTERN,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    StrictFields,
    choice_field,
)
from partnership.models import Agency
from partnership.models.dated import today

from . import permissions
from .models import (
    ActivityStatus,
    ActivityType,
    Challenge,
    ChallengeAddressee,
    ChallengeState,
    Finding,
    FindingKind,
    Judgement,
    ScrutinyActivity,
)
from .services import challenges as services

ChallengeStateField = choice_field(ChallengeState, "ChallengeState")
JudgementField = choice_field(Judgement, "ChallengeJudgement", blank=True)
ChallengeVerdictField = choice_field(Judgement, "ChallengeVerdict")
ActivityTypeField = choice_field(ActivityType, "ScrutinyActivityType")
ActivityStatusField = choice_field(ActivityStatus, "ScrutinyActivityStatus")
FindingKindField = choice_field(FindingKind, "ScrutinyFindingKind")


class ChallengeAddresseeSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    responded_by_name = serializers.CharField(source="responded_by.full_name", read_only=True,
                                              default=None, allow_null=True)

    class Meta:
        model = ChallengeAddressee
        fields = ["agency", "agency_name", "response", "responded_on", "responded_by_name",
                  "on_behalf"]
        read_only_fields = fields


class ChallengeSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    state = ChallengeStateField(read_only=True)
    judgement = JudgementField(read_only=True)
    overdue = serializers.SerializerMethodField()
    addressees = serializers.SerializerMethodField()
    raised_by_name = serializers.CharField(source="raised_by.full_name", read_only=True)
    indicator = serializers.CharField(
        read_only=True, help_text="The dashboard indicator it is about (its code), or blank.")

    class Meta:
        model = Challenge
        fields = ["id", "code", "partnership", "subject", "detail", "raised_by_name",
                  "raised_on", "due_on", "state", "overdue", "responded_on", "judgement",
                  "judgement_text", "judged_on", "closed_on", "indicator", "period_start",
                  "period_end", "addressees"]
        read_only_fields = fields

    def get_overdue(self, challenge) -> bool:
        return challenge.is_overdue(self.context["today"])

    @extend_schema_field(ChallengeAddresseeSerializer(many=True))
    def get_addressees(self, challenge):
        """Every partner's response for the partnership's readers; an agency lead's own."""
        readers, own = self.context["readers"], self.context["own_agencies"]
        rows = [a for a in challenge.addressees.all()
                if challenge.partnership_id in readers or a.agency_id in own]
        return ChallengeAddresseeSerializer(rows, many=True).data


class ChallengeRaiseSerializer(StrictFields, serializers.Serializer):
    partnership = serializers.IntegerField(min_value=1, error_messages={
        "required": "Choose one of your partnerships",
        "invalid": "Enter a whole number: the id of one of your partnerships"})
    subject = serializers.CharField(max_length=200)
    detail = serializers.CharField()
    agencies = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False,
        help_text="Ids of the statutory partners (agencies) it is addressed to.")
    due_on = serializers.DateField(required=False, allow_null=True,
                                   help_text="Default: 20 working days after today.")


class ChallengeRespondSerializer(StrictFields, serializers.Serializer):
    agency = serializers.IntegerField(min_value=1,
                                      help_text="The addressed partner you respond for.")
    response = serializers.CharField()


class ChallengeJudgeSerializer(StrictFields, serializers.Serializer):
    judgement = ChallengeVerdictField()
    text = serializers.CharField()


def _challenges(queryset):
    return queryset.select_related("raised_by").prefetch_related(Prefetch(
        "addressees", queryset=ChallengeAddressee.objects.select_related(
            "agency", "responded_by").order_by("agency__name"))).order_by("-raised_on", "-pk")


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class ChallengeViewSet(PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """The challenge log: raised to statutory partners, each responds, then a judgement
    (assured, partly assured, not assured) and closure. `overdue`: still awaiting responses
    after due_on (20 working days by default)."""

    serializer_class = ChallengeSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_serializer_class(self):
        return {"create": ChallengeRaiseSerializer, "respond": ChallengeRespondSerializer,
                "judge": ChallengeJudgeSerializer}.get(self.action, ChallengeSerializer)

    def get_serializer_context(self):
        user = self.request.user
        return {**super().get_serializer_context(), "today": today(),
                "readers": {p.pk for p in self.partnerships() if permissions.can_view(user, p)},
                "own_agencies": set(permissions.challenge_agencies(user)
                                    .values_list("pk", flat=True))}

    def get_queryset(self):
        user = self.request.user
        return _challenges(permissions.challenges_across(user, self.partnerships()))

    def _one(self, challenge):
        fresh = _challenges(Challenge.objects.filter(pk=challenge.pk)).get()
        return ChallengeSerializer(fresh, context=self.get_serializer_context()).data

    @extend_schema(request=ChallengeRaiseSerializer,
                   responses={201: ChallengeSerializer,
                              403: OpenApiResponse(description="You do not raise challenges "
                                                               "in that partnership.")})
    def create(self, request, *args, **kwargs):
        """Raise a challenge to one or more statutory partners of a partnership."""
        serializer = ChallengeRaiseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        partnership = core.partnerships_for(request.user).filter(
            pk=data.pop("partnership")).first()
        if partnership is None:
            raise exceptions.ValidationError({"partnership": ["Choose one of your "
                                                              "partnerships."]})
        permissions.require_raise(request.user, partnership)
        ids = data.pop("agencies")
        agencies = list(Agency.objects.filter(pk__in=ids))
        if len(agencies) != len(set(ids)):
            raise exceptions.ValidationError({"agencies": ["Choose agencies by their ids."]})
        challenge = services.challenge_raise(
            partnership=partnership, raised_by=request.user, agencies=agencies, **data)
        return Response(self._one(challenge), status=status.HTTP_201_CREATED)

    @extend_schema(request=ChallengeRespondSerializer,
                   responses={200: ChallengeSerializer,
                              400: OpenApiResponse(description="Not addressed to that partner, "
                                                               "already answered or closed."),
                              403: OpenApiResponse(description="You do not respond for that "
                                                               "partner.")})
    @route(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """Record the response of an addressed partner (by the business unit: on its
        behalf, marked as such)."""
        challenge = self.get_object()
        if not permissions.respond_agencies(request.user, challenge):
            raise exceptions.PermissionDenied("Only an addressed partner (or the business "
                                              "unit on its behalf) responds.")
        serializer = ChallengeRespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency_id = serializer.validated_data["agency"]
        addressee = next((a for a in challenge.addressees.all() if a.agency_id == agency_id),
                         None)
        context = self.get_serializer_context()
        if addressee is None or (challenge.partnership_id not in context["readers"]
                                 and agency_id not in context["own_agencies"]):
            raise exceptions.ValidationError(
                {"agency": ["The challenge is not addressed to that agency."]})
        on_behalf = permissions.require_respond(request.user, challenge, agency_id)
        services.response_record(
            challenge=challenge, agency=addressee.agency, user=request.user, on_behalf=on_behalf,
            response=serializer.validated_data["response"])
        return Response(self._one(challenge))

    @extend_schema(request=ChallengeJudgeSerializer,
                   responses={200: ChallengeSerializer,
                              400: OpenApiResponse(description="Not every partner has "
                                                               "responded, or already judged."),
                              403: OpenApiResponse(description="Only whoever raised it, the "
                                                               "scrutineer or the business unit.")})
    @route(detail=True, methods=["post"])
    def judge(self, request, pk=None):
        """Record the judgement on the partners' responses."""
        challenge = self.get_object()
        permissions.require_judge(request.user, challenge)
        serializer = ChallengeJudgeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.judgement_record(challenge=challenge, user=request.user,
                                  **serializer.validated_data)
        return Response(self._one(challenge))

    @extend_schema(request=None,
                   responses={200: ChallengeSerializer,
                              400: OpenApiResponse(description="No judgement yet, or closed."),
                              403: OpenApiResponse(description="Only whoever raised it, the "
                                                               "scrutineer or the business unit.")})
    @route(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close a judged challenge."""
        challenge = self.get_object()
        permissions.require_judge(request.user, challenge)
        services.challenge_close(challenge=challenge, user=request.user)
        return Response(self._one(challenge))


# --- Activities ------------------------------------------------------------------------

class ScrutinyFindingSerializer(serializers.ModelSerializer):
    kind = FindingKindField(read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "text", "kind", "recommendation", "action"]
        read_only_fields = fields


class ScrutinyActivitySerializer(serializers.ModelSerializer):
    activity_type = ActivityTypeField(read_only=True)
    status = ActivityStatusField(read_only=True)
    lead = serializers.CharField(source="lead_label", read_only=True)
    findings = ScrutinyFindingSerializer(many=True, read_only=True)

    class Meta:
        model = ScrutinyActivity
        fields = ["id", "partnership", "year", "activity_type", "title", "scope", "lead",
                  "quarter", "starts_on", "ends_on", "status", "cancelled_reason", "findings"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class ActivityViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """The scrutiny plan's activities with their findings (year: the financial year it
    starts in), for the partnership's scrutiny readers."""

    serializer_class = ScrutinyActivitySerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        return (permissions.activities_across(user, self.partnerships())
                .select_related("lead").prefetch_related(
                    Prefetch("findings", queryset=Finding.objects.order_by("pk")))
                .order_by("partnership_id", "-year", "quarter", "pk"))
