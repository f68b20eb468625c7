"""/api/actions/: the action register, with writes for those allowed (the business unit
adds actions; owners, their agency's lead and the business unit record progress).

Lists cover all the caller's partnerships, or the one named by `?partnership=ID`. What
anyone sees comes from governance/permissions.py; every write goes through
governance/services/actions.py."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership import permissions as core
from partnership.api.common import (
    MAX_ID,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    StrictFields,
    body_partnership,
    choice_field,
)
from partnership.models import Agency, Partnership, User

from . import permissions, selectors
from .models import Action, ActionSource, ActionStatus, ActionUpdate, Meeting, Rag
from .services import actions as action_services

ActionStatusField = choice_field(ActionStatus, "ActionStatus")


class ActionQuery(serializers.Serializer):
    status = ActionStatusField(required=False)
    owner_agency = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                            help_text="Only this agency's actions (its id).")
    source = serializers.ChoiceField(choices=ActionSource.choices, required=False)
    overdue = serializers.BooleanField(required=False, default=False,
                                       help_text="Only open actions past their due date.")


class ActionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    status = ActionStatusField(read_only=True)
    owner_agency_name = serializers.CharField(source="owner_agency.name", read_only=True)
    owner_name = serializers.CharField(source="owner.full_name", allow_null=True, default=None,
                                       read_only=True)
    rag = serializers.ChoiceField(choices=Rag.choices, read_only=True,
                                  help_text="Red: overdue; amber: due within 10 working days; "
                                            "green: on track; blue: complete.")

    class Meta:
        model = Action
        fields = ["id", "reference", "code", "partnership", "source", "source_label", "meeting",
                  "description", "owner_agency", "owner_agency_name", "owner", "owner_name",
                  "due_on", "status", "rag", "completed_on", "created_at", "updated_at"]
        read_only_fields = fields


class ActionUpdateSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", allow_null=True, default=None,
                                        read_only=True)
    evidence_filename = serializers.CharField(read_only=True)
    status = ActionStatusField(read_only=True)

    class Meta:
        model = ActionUpdate
        fields = ["id", "action", "at", "author", "author_name", "status", "note", "evidence",
                  "evidence_link", "evidence_filename"]
        read_only_fields = fields


class ActionDetailSerializer(ActionSerializer):
    updates = ActionUpdateSerializer(many=True, read_only=True)

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "updates"]
        read_only_fields = fields


class ActionCreateSerializer(StrictFields, serializers.Serializer):
    partnership = serializers.PrimaryKeyRelatedField(
        queryset=Partnership.objects.none(),
        error_messages={"does_not_exist": "Choose one of your partnerships.",
                        "incorrect_type": "Enter a whole number: the id of one of your "
                                          "partnerships."})
    source = serializers.ChoiceField(choices=ActionSource.choices, required=False,
                                     help_text="Where the action comes from (default: meeting "
                                               "when a meeting is given, else other).")
    source_label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.none(), required=False, allow_null=True,
        error_messages={"does_not_exist": "Choose one of the partnership's meetings."})
    description = serializers.CharField(error_messages={
        "required": "Describe the action", "blank": "Describe the action"})
    owner_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(),
        error_messages={"required": "Choose the agency that owns the action",
                        "does_not_exist": "Choose one of the partnership's agencies"})
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True,
        error_messages={"does_not_exist": "Choose someone with a role in the partnership "
                                          "or one of its agencies"})
    due_on = serializers.DateField(error_messages={
        "required": "Enter the due date",
        "invalid": "Enter the due date as a date, like 2026-03-31"})

    def get_fields(self):
        fields = super().get_fields()
        user, partnership = self.context["request"].user, self.context.get("partnership")
        fields["partnership"].queryset = core.partnerships_for(user)
        if partnership is not None:
            fields["owner_agency"].queryset = core.agencies_for(user, partnership)
            fields["owner"].queryset = selectors.people_in(partnership)
            fields["meeting"].queryset = permissions.meetings_for(user, partnership)
        return fields


class ProgressSerializer(StrictFields, serializers.Serializer):
    status = ActionStatusField(error_messages={
        "required": "Choose the action's status",
        "invalid_choice": "Choose one of the statuses: open, in_progress, completed or closed"})
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="Needed to complete or close the action: what was done and how you know.")
    evidence_link = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=200,
        error_messages={"invalid": "Enter a full web address, starting https://"})


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER, ActionQuery]))
class ActionViewSet(PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The action register: all of a partnership's actions for its role holders, and
    their own agency's (or those they own by name) for agency staff. The business unit
    adds actions; owners, their agency's lead and the business unit record progress;
    only the business unit closes an action."""

    http_method_names = ["get", "post", "head", "options"]
    filter_backends = []

    def get_serializer_class(self):
        if self.action == "create":
            return ActionCreateSerializer
        if self.action == "progress":
            return ProgressSerializer
        if self.action == "retrieve":
            return ActionDetailSerializer
        return ActionSerializer

    def get_queryset(self):
        user = self.request.user
        actions = permissions.actions_across(user, self.partnerships())
        if self.action != "list":
            return actions.select_related("owner_agency", "owner", "partnership")
        query = ActionQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        return selectors.action_register(
            actions, status=wanted.get("status", ""), agency=wanted.get("owner_agency"),
            source=wanted.get("source", ""), overdue=wanted["overdue"])

    def list(self, request, *args, **kwargs):
        page = selectors.with_rag_across(list(self.paginate_queryset(self.get_queryset())))
        return self.get_paginated_response(ActionSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        action = selectors.action_detail(self.get_object())
        selectors.with_rag_across([action])
        return Response(ActionDetailSerializer(action).data)

    @extend_schema(request=ActionCreateSerializer,
                   responses={201: ActionSerializer})
    def create(self, request, *args, **kwargs):
        partnership = body_partnership(request)
        if partnership is not None:
            permissions.require_manage_governance(request.user, partnership)
        serializer = ActionCreateSerializer(
            data=request.data, context={**self.get_serializer_context(),
                                        "partnership": partnership})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = data.get("meeting")
        action = action_services.action_create(
            partnership=partnership, created_by=request.user, meeting=meeting,
            source=data.get("source") or (ActionSource.MEETING if meeting else ActionSource.OTHER),
            source_label=data.get("source_label", ""), description=data["description"],
            owner_agency=data["owner_agency"], owner=data.get("owner"), due_on=data["due_on"])
        selectors.with_rag([action], partnership)
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProgressSerializer,
                   responses={201: ActionUpdateSerializer,
                              403: OpenApiResponse(description="You may see the action but "
                                                               "not record progress on it.")})
    @route(detail=True, methods=["post"], url_path="progress")
    def progress(self, request, pk=None):
        """Record progress on an action: a note, a new status and evidence. Completing or
        closing needs evidence of completion; only the business unit closes."""
        action = self.get_object()
        permissions.require_update_action(request.user, action)
        serializer = ProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["status"] == ActionStatus.CLOSED and not permissions.can_close_action(
                request.user, action):
            raise exceptions.PermissionDenied("Only the partnership's business unit can close "
                                              "an action. Mark it completed instead.")
        update = action_services.progress_record(
            action=action, author=request.user, status=data["status"], note=data["note"],
            evidence=data["evidence"], evidence_link=data["evidence_link"])
        return Response(ActionUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
