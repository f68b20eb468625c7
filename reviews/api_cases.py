"""/api/reviews/...: serious incident notifications (with notify_by) and rapid reviews
(with due_on, sign-offs and the agency summaries' deadlines), each scoped to what the
caller may see, with writes for those allowed. Practice reviews and recommendations are in
reviews/api_practice.py.

Lists cover all the caller's partnerships, or the one named by `?partnership=ID` (400 when
not a whole number, 404 when not one of theirs). Who sees what comes only from
reviews/permissions.py; every write goes through reviews/services. Nothing here ever
reads or returns the child's identifying details (ChildRecord): cases appear by pseudonym
and age band only. A notification is recorded with its `children` (1 to 4, the DfE's
characteristics) and `summary`: both are written here and never returned (special category
data, seen on the case's logged pages only). Agency leads see the cases their agency was
asked to contribute to, only their own agency's summary, and never the facts or the
decision's reasons.
"""


from django.db.models import F, Prefetch
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
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
    body_partnership,
    choice_field,
)
from partnership.models import Partnership
from partnership.services.audit import access_event_record

from . import permissions
from .models import (
    MAX_CHILDREN,
    AbuseOrNeglect,
    AgeBand,
    AgencySummary,
    Decision,
    Ethnicity,
    IncidentType,
    LearningTheme,
    LegalStatus,
    Notification,
    NotifiedChild,
    Placement,
    RapidReview,
    ReviewSignOff,
    Sex,
    SummaryStatus,
    YesNoUnknown,
)
from .services import notifications as notification_services
from .services import rapid as rapid_services

RESTRICTED = ("facts", "immediate_actions", "learning", "decision_reasons", "panel_response")

AgeBandField = choice_field(AgeBand, "ReviewAgeBand")
IncidentTypeField = choice_field(IncidentType, "ReviewIncidentType")
DecisionField = choice_field(Decision, "ReviewDecision", blank=True)
SummaryStatusField = choice_field(SummaryStatus, "ReviewSummaryStatus")
SexField = choice_field(Sex, "ReviewChildSex")
EthnicityField = choice_field(Ethnicity, "ReviewChildEthnicity")
YesNoUnknownField = choice_field(YesNoUnknown, "ReviewYesNoUnknown")
LegalStatusField = choice_field(LegalStatus, "ReviewChildLegalStatus")
PlacementField = choice_field(Placement, "ReviewChildPlacement")
AbuseOrNeglectField = choice_field(AbuseOrNeglect, "ReviewAbuseOrNeglect")


# --- Notifications ---------------------------------------------------------------------

class ThemesField(serializers.SlugRelatedField):
    """Learning themes by name (those of the record's partnership)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="name", queryset=LearningTheme.objects.none(), **kwargs)


class NotifiedChildSerializer(StrictFields, serializers.ModelSerializer):
    """One child of the notification, as the DfE asks about each (write only)."""

    age_band = AgeBandField(help_text="18_24 only for the death of a care leaver.")
    sex = SexField()
    ethnicity = EthnicityField()
    disability = YesNoUnknownField()
    legal_status = LegalStatusField(help_text="care_leaver for the death of a care leaver.")
    placement = PlacementField()
    known_to_agencies = YesNoUnknownField()
    abuse_or_neglect = AbuseOrNeglectField()

    class Meta:
        model = NotifiedChild
        fields = list(notification_services.CHARACTERISTICS)


class NotificationSerializer(StrictFields, serializers.ModelSerializer):
    partnership = serializers.PrimaryKeyRelatedField(
        queryset=Partnership.objects.none(),
        error_messages={"does_not_exist": "Choose one of your partnerships.",
                        "incorrect_type": "Enter a whole number: the id of one of your "
                                          "partnerships."})
    age_band = AgeBandField(read_only=True, help_text="The age band of the first child.")
    incident_type = IncidentTypeField()
    children = NotifiedChildSerializer(
        many=True, write_only=True, error_messages={
            "required": notification_services.TOO_FEW,
            "not_a_list": "Send the children as a list of objects, 1 to 4."},
        help_text=f"The children of the incident, 1 to {MAX_CHILDREN}: required when "
                  "recording a notification; on a change, the whole new list. Never returned.")
    summary = serializers.CharField(
        write_only=True, required=False, allow_blank=True,
        help_text="What happened, as sent to the Panel: no names. Never returned.")
    notified_in_time = serializers.BooleanField(
        read_only=True, allow_null=True,
        help_text="Whether the Panel was notified by notify_by (null until it is).")
    partners_informed_in_time = serializers.BooleanField(read_only=True, allow_null=True)
    themes = ThemesField(many=True, required=False,
                         help_text="Learning theme names of the partnership.")
    rapid_review = serializers.IntegerField(source="review_id", read_only=True,
                                            allow_null=True, default=None,
                                            help_text="The case's rapid review, once started.")

    class Meta:
        model = Notification
        fields = ["id", "reference", "partnership", "pseudonym", "age_band", "incident_type",
                  "looked_after", "incident_on", "la_aware_on", "notify_by", "notified_on",
                  "notified_in_time", "panel_reference", "partners_informed_on",
                  "partners_informed_in_time", "closed_on", "themes", "rapid_review",
                  "children", "summary"]
        read_only_fields = ["id", "reference", "notify_by", "looked_after"]
        extra_kwargs = {"notify_by": {"help_text": "5 working days after la_aware_on."},
                        "looked_after": {"help_text": "Whether any child is looked after."}}

    def get_fields(self):
        fields = super().get_fields()
        request, partnership = self.context["request"], self.context.get("partnership")
        fields["partnership"].queryset = core.partnerships_for(request.user)
        if partnership is not None:
            fields["themes"].child_relation.queryset = permissions.themes_for(
                request.user, partnership).filter(active=True)
        if self.instance is not None:
            fields["partnership"].read_only = True
            fields["children"].required = False
        return fields

    def validate_children(self, children):
        if not children:
            raise serializers.ValidationError(notification_services.TOO_FEW)
        if len(children) > MAX_CHILDREN:
            raise serializers.ValidationError(
                f"{notification_services.TOO_MANY}: send at most {MAX_CHILDREN}.")
        return children

    def validate(self, attrs):
        """Each child's answers fit the type of incident (a care leaver's death: a care
        leaver aged 18 to 24), with errors by child and field under `children`."""
        incident_type = attrs.get("incident_type", getattr(self.instance, "incident_type", None))
        errors = {str(index): {name: [message] for name, message in problems.items()}
                  for index, child in enumerate(attrs.get("children", []))
                  if (problems := notification_services.child_errors(incident_type, child))}
        if errors:  # keyed by the child's index, as DRF keys its own errors on a list
            raise serializers.ValidationError({"children": errors})
        return attrs


def _notifications(queryset):
    return (queryset.prefetch_related("themes")
            .annotate(review_id=F("rapid_review__id")).order_by("-la_aware_on", "-pk"))


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class NotificationViewSet(PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.GenericViewSet):
    """Serious incident notifications, by pseudonym: notify_by is 5 working days after the
    local authority became aware. All of a partnership's for its review readers; those their
    agency was asked to contribute to for agency leads. The business unit records them."""

    serializer_class = NotificationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        return _notifications(permissions.notifications_across(user, self.partnerships()))

    @extend_schema(responses={201: NotificationSerializer,
                              403: OpenApiResponse(description="Only the business unit "
                                                               "records notifications.")})
    def create(self, request, *args, **kwargs):
        partnership = body_partnership(request)
        if partnership is not None:
            permissions.require_manage(request.user, partnership)
        serializer = self.get_serializer(data=request.data, context={
            **self.get_serializer_context(), "partnership": partnership})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("partnership")
        notification = notification_services.notification_create(
            partnership=partnership, created_by=request.user,
            themes=data.pop("themes", []), children=data.pop("children"), **data)
        return Response(self._one(notification), status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: NotificationSerializer,
                              403: OpenApiResponse(description="Only the business unit "
                                                               "changes notifications.")})
    def partial_update(self, request, *args, **kwargs):
        notification = self.get_object()
        permissions.require_manage(request.user, notification.partnership)
        serializer = self.get_serializer(notification, data=request.data, partial=True, context={
            **self.get_serializer_context(), "partnership": notification.partnership})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        children = data.pop("children", None)
        notification_services.notification_update(
            notification=notification, themes=data.pop("themes", None), children=children,
            **data)
        return Response(self._one(notification))

    def _one(self, notification):
        fresh = _notifications(Notification.objects.filter(pk=notification.pk)).get()
        return self.get_serializer(fresh).data


# --- Rapid reviews ---------------------------------------------------------------------

class ReviewSignOffSerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    signed_by_name = serializers.CharField(source="signed_by.full_name", read_only=True)
    decision = DecisionField(read_only=True)

    class Meta:
        model = ReviewSignOff
        fields = ["id", "partner", "partner_name", "signed_by", "signed_by_name", "signed_at",
                  "decision"]
        read_only_fields = fields


class AgencySummaryRowSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    status = SummaryStatusField(read_only=True)

    class Meta:
        model = AgencySummary
        fields = ["id", "agency", "agency_name", "requested_on", "due_on", "status",
                  "submitted_at"]
        read_only_fields = fields


class RapidReviewSerializer(serializers.ModelSerializer):
    partnership = serializers.IntegerField(source="notification.partnership_id", read_only=True)
    reference = serializers.CharField(source="notification.reference", read_only=True)
    pseudonym = serializers.CharField(source="notification.pseudonym", read_only=True)
    decision = DecisionField(read_only=True)
    sign_offs = ReviewSignOffSerializer(many=True, read_only=True)
    summaries = AgencySummaryRowSerializer(source="visible_summaries", many=True, read_only=True,
                                     help_text="Agency leads: their own agency's only.")

    class Meta:
        model = RapidReview
        fields = ["id", "notification", "partnership", "reference", "pseudonym", "due_on",
                  "panel_meeting_on", "decision", "decided_on", "sign_offs",
                  "sent_to_panel_on", "panel_response_on", "summaries"]
        read_only_fields = fields
        extra_kwargs = {"due_on": {"help_text": "15 working days after the Panel was notified."}}


class RapidReviewDetailSerializer(RapidReviewSerializer):
    """With the facts, the decision's reasons and the Panel's response: null for agency
    leads, who never see them."""

    facts = serializers.CharField(source="visible.facts", read_only=True, allow_null=True)
    immediate_actions = serializers.CharField(source="visible.immediate_actions",
                                              read_only=True, allow_null=True)
    learning = serializers.CharField(source="visible.learning", read_only=True, allow_null=True)
    decision_reasons = serializers.CharField(source="visible.decision_reasons", read_only=True,
                                             allow_null=True)
    panel_response = serializers.CharField(source="visible.panel_response", read_only=True,
                                           allow_null=True)

    class Meta(RapidReviewSerializer.Meta):
        fields = [*RapidReviewSerializer.Meta.fields, *RESTRICTED]
        read_only_fields = fields


class SignOffSerializer(StrictFields, serializers.Serializer):
    partner = serializers.IntegerField(
        min_value=1, help_text="The statutory partner (agency id) you sign off for.",
        error_messages={"required": "Choose the partner you sign off for",
                        "invalid": "Enter a whole number: the id of the partner you act for"})


class _Restricted:
    """What a reader sees of a rapid review's restricted text; None for everyone else."""

    def __init__(self, review, reader):
        for name in RESTRICTED:
            setattr(self, name, getattr(review, name) if reader else None)


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class RapidReviewViewSet(PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    """Rapid reviews: due_on is 15 working days after the Panel was notified. Lists leave
    out the facts and the decision's reasons; a review's page has them for its readers.
    Agency leads see the reviews their agency contributes to and only their own summary.
    Each lead or delegated safeguarding partner signs the decision off for the partner they
    act for."""

    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_serializer_class(self):
        if self.action == "sign_off":
            return SignOffSerializer
        return RapidReviewDetailSerializer if self.action == "retrieve" else RapidReviewSerializer

    def get_queryset(self):
        user = self.request.user
        reviews = permissions.rapid_reviews_across(user, self.partnerships())
        reviews = reviews.select_related("notification__partnership").prefetch_related(
            Prefetch("sign_offs", queryset=ReviewSignOff.objects.select_related(
                "partner", "signed_by").order_by("signed_at", "pk")))
        if self.action == "list":
            visible = permissions.summaries_across(user, self.partnerships())
            reviews = reviews.defer(*RESTRICTED).prefetch_related(Prefetch(
                "summaries", to_attr="visible_summaries",
                queryset=visible.select_related("agency").order_by("agency__name", "pk")))
        return reviews.order_by("-due_on", "-pk")

    def retrieve(self, request, *args, **kwargs):
        review = self.get_object()
        partnership = review.notification.partnership
        access_event_record(user=request.user, obj=review, partnership=partnership,
                            path=request.path)
        review.visible_summaries = list(permissions.summaries_for(request.user, review)
                                        .select_related("agency").order_by("agency__name", "pk"))
        review.visible = _Restricted(review, permissions.can_view(request.user, partnership))
        return Response(RapidReviewDetailSerializer(review).data)

    @extend_schema(request=SignOffSerializer,
                   responses={201: ReviewSignOffSerializer,
                              400: OpenApiResponse(description="No decision yet, or that "
                                                               "partner has already signed."),
                              403: OpenApiResponse(description="You do not sign off for that "
                                                               "partner.")})
    @route(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        """Sign the rapid review's decision off for the statutory partner you act for."""
        review = self.get_object()
        partners = permissions.sign_off_partners(request.user, review)
        if not partners:
            raise exceptions.PermissionDenied(
                "Only a lead or delegated safeguarding partner signs off a rapid review "
                "decision, for the statutory partner they act for.")
        serializer = SignOffSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        partner = next((a for a in partners if a.pk == serializer.validated_data["partner"]),
                       None)
        if partner is None:
            raise exceptions.PermissionDenied(
                "You sign off only for " + ", ".join(a.name for a in partners) + ".")
        sign_off = rapid_services.sign_off(review=review, partner=partner, user=request.user)
        sign_off = ReviewSignOff.objects.select_related("partner", "signed_by").get(pk=sign_off.pk)
        return Response(ReviewSignOffSerializer(sign_off).data, status=status.HTTP_201_CREATED)
