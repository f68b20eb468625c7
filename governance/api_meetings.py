"""/api/groups/, /api/meetings/ and /api/actions/: the partnership's groups, their meetings
(attendance, quorum, the agenda the caller may see, minutes) and the action register,
with writes to the register for those allowed.

Lists cover all the caller's partnerships, or the one named by `?partnership=ID`. What
anyone sees comes from governance/permissions.py; every write goes through a service."""


from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership import permissions as core
from partnership.api.common import (
    MAX_ID,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    choice_field,
    either,
)
from partnership.models import Agency, Designation, Partnership, User

from . import calendars, permissions, selectors
from .models import (
    Action,
    ActionSource,
    ActionStatus,
    ActionUpdate,
    Attendance,
    AttendanceStatus,
    Group,
    GroupMember,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Rag,
)
from .services import actions as action_services

MeetingStatusField = choice_field(MeetingStatus, "MeetingStatus")
ActionStatusField = choice_field(ActionStatus, "ActionStatus")


# --- Groups --------------------------------------------------------------------------

class GroupMemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    post = serializers.CharField(source="role_label", read_only=True)
    agency_name = serializers.CharField(source="agency.name", allow_null=True, default=None,
                                        read_only=True)

    class Meta:
        model = GroupMember
        fields = ["id", "name", "post", "agency", "agency_name", "member_type", "is_chair",
                  "start_date", "end_date"]
        read_only_fields = fields

    def get_name(self, member) -> str | None:
        return member.user.full_name if member.user_id else None


class GroupSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(source="chair_display", read_only=True)
    length = serializers.CharField(source="length_display", read_only=True)
    members = GroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = ["id", "partnership", "name", "short_name", "group_type", "purpose",
                  "frequency", "meeting_minutes", "length", "chair", "reports_to", "quorum",
                  "quorum_count", "start_date", "end_date", "members"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class GroupViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """The groups (executive, subgroups, panels, task-and-finish groups) you can see, with
    their members: all of a partnership's for its role holders, and the groups you sit on
    for agency staff."""

    serializer_class = GroupSerializer
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        groups = either(Group, [permissions.groups_for(user, p) for p in self.partnerships()])
        members = GroupMember.objects.select_related("user", "agency").order_by(
            "member_type", "-is_chair", "role_label", "pk")
        return (groups.select_related("chair")
                .prefetch_related(Prefetch("members", queryset=members))
                .order_by("partnership_id", "name", "pk"))


# --- Meetings ------------------------------------------------------------------------

class MeetingQuery(serializers.Serializer):
    group = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                     help_text="Only this group's meetings (its id).")
    status = MeetingStatusField(required=False)
    starts_after = serializers.DateField(required=False,
                                         help_text="Only meetings on or after this day.")
    starts_before = serializers.DateField(required=False,
                                          help_text="Only meetings before this day.")


class MeetingSerializer(serializers.ModelSerializer):
    group_name = serializers.CharField(source="group.name", read_only=True)
    partnership = serializers.IntegerField(source="group.partnership_id", read_only=True)
    status = MeetingStatusField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    quorate = serializers.BooleanField(allow_null=True, read_only=True,
                                       help_text="Null while attendance is not recorded or "
                                                 "when the group has no quorum rule.")

    class Meta:
        model = Meeting
        fields = ["id", "group", "group_name", "partnership", "starts_at", "ends_at",
                  "duration_minutes", "location", "online_link", "status", "minutes_status",
                  "uid", "sequence", "quorate"]
        read_only_fields = fields


class AttendanceSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text="The seat (group member) id.")
    name = serializers.CharField(allow_null=True)
    post = serializers.CharField()
    member_type = serializers.CharField()
    agency = serializers.IntegerField(allow_null=True, help_text="The agency represented.")
    agency_name = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=AttendanceStatus.choices, allow_null=True,
                                     help_text="Null while not recorded.")
    deputy_name = serializers.CharField()


class PaperSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    owner = serializers.CharField(source="owner_display")
    notes = serializers.CharField()
    confidential = serializers.BooleanField()
    papers = PaperSerializer(many=True)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id", allow_null=True)
    text = serializers.CharField()


class DeclarationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id", allow_null=True)
    person = serializers.CharField()
    interest = serializers.CharField()


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with what the caller may see of it; the view sets the `visible_*`
    attributes from governance/permissions.py."""

    quorum_note = serializers.CharField(read_only=True)
    attendance = AttendanceSerializer(source="attendance_list", many=True, read_only=True)
    agenda = AgendaItemSerializer(source="visible_items", many=True, read_only=True)
    minutes = serializers.CharField(source="visible_minutes", allow_null=True, read_only=True,
                                    help_text="Approved minutes; draft minutes only for the "
                                              "group's members and the business unit.")
    decisions = DecisionSerializer(source="visible_decisions", many=True, read_only=True)
    declarations = DeclarationSerializer(source="visible_declarations", many=True,
                                         read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "quorum_note", "attendance", "agenda",
                  "minutes", "minutes_approved_at", "decisions", "declarations"]
        read_only_fields = fields


class CalendarRenderer(renderers.BaseRenderer):
    """Lets clients ask for `Accept: text/calendar`; the view writes the file itself."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


def _statutory(partnership_ids):
    """{partnership id: its statutory partner designations}, in one query."""
    found = {pk: [] for pk in partnership_ids}
    for designation in (Designation.objects.active()
                        .filter(partnership_id__in=found, kind__in=Designation.STATUTORY_KINDS)
                        .select_related("agency")):
        found[designation.partnership_id].append(designation)
    return found


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER, MeetingQuery]))
class MeetingViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """Meetings of the groups you can see. A meeting shows its attendance and whether it
    was quorate; its agenda holds the items you may see (confidential items only for the
    group's members and the business unit), and its minutes once approved (draft minutes
    for members and the business unit)."""

    filter_backends = []

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self):
        user = self.request.user
        meetings = either(Meeting, [permissions.meetings_for(user, p)
                                     for p in self.partnerships()])
        meetings = meetings.select_related("group__partnership")
        if self.action == "list":
            query = MeetingQuery(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            wanted = query.validated_data
            if "group" in wanted:
                meetings = meetings.filter(group_id=wanted["group"])
            if "status" in wanted:
                meetings = meetings.filter(status=wanted["status"])
            if "starts_after" in wanted:
                meetings = meetings.filter(starts_at__date__gte=wanted["starts_after"])
            if "starts_before" in wanted:
                meetings = meetings.filter(starts_at__date__lt=wanted["starts_before"])
            meetings = meetings.prefetch_related(Prefetch(
                "attendance", to_attr="attendance_rows",
                queryset=Attendance.objects.select_related("member")))
        return meetings.order_by("starts_at", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        statutory = _statutory({m.group.partnership_id for m in page})
        for meeting in page:
            state = selectors.quorum(meeting, meeting.attendance_rows,
                                     statutory[meeting.group.partnership_id])
            meeting.quorate = state.quorate
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        user, group = request.user, meeting.group
        seats, rows = selectors.meeting_attendance(meeting)
        state = selectors.quorum(meeting, rows, selectors.statutory_partners(group.partnership))
        meeting.quorate, meeting.quorum_note = state.quorate, state.explanation
        meeting.attendance_list = [{
            "member": seat.pk,
            "name": seat.user.full_name if seat.user_id else None,
            "post": seat.role_label,
            "member_type": seat.member_type,
            "agency": row.agency_id if row else seat.agency_id,
            "agency_name": ((row.agency.name if row.agency_id else None) if row
                            else (seat.agency.name if seat.agency_id else None)),
            "status": row.status if row else None,
            "deputy_name": row.deputy_name if row else "",
        } for seat, row in seats]
        items = list(permissions.items_for(user, meeting).select_related("owner")
                     .prefetch_related("papers"))
        visible = Q(item__isnull=True) | Q(item_id__in=[item.pk for item in items])
        draft_too = permissions.sees_confidential(user, group)
        meeting.visible_items = items
        meeting.visible_minutes = (
            meeting.minutes if meeting.minutes_status == MinutesStatus.APPROVED
            or (draft_too and meeting.minutes_status == MinutesStatus.DRAFT) else None)
        meeting.visible_decisions = list(meeting.decisions.filter(visible))
        meeting.visible_declarations = list(meeting.declarations.filter(visible))
        data = self.get_serializer(meeting).data
        return Response(data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    @route(detail=True, methods=["get"], url_path="ics", renderer_classes=[
        renderers.JSONRenderer, CalendarRenderer])
    def ics(self, request, pk=None):
        """The meeting as a calendar file (RFC 5545), without confidential items."""
        meeting = self.get_object()
        slug = calendars.slug_for(meeting.group, self.partnerships())
        return calendars.ics_response(calendars.meeting_ics(meeting, slug),
                                      calendars.meeting_filename(meeting))


# --- The action register -------------------------------------------------------------

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


class ActionCreateSerializer(serializers.Serializer):
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


class ProgressSerializer(serializers.Serializer):
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
        actions = either(Action, [permissions.actions_for(user, p)
                                   for p in self.partnerships()])
        if self.action != "list":
            return actions.select_related("owner_agency", "owner", "partnership")
        query = ActionQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        return selectors.action_register(
            actions, status=wanted.get("status", ""), agency=wanted.get("owner_agency"),
            source=wanted.get("source", ""), overdue=wanted["overdue"])

    def _with_rag(self, actions):
        by_partnership = {}
        for action in actions:
            by_partnership.setdefault(action.partnership_id, []).append(action)
        for pk, rows in by_partnership.items():
            selectors.with_rag(rows, self.partnership_by_id(pk))
        return actions

    def list(self, request, *args, **kwargs):
        page = self._with_rag(list(self.paginate_queryset(self.get_queryset())))
        return self.get_paginated_response(ActionSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        action = selectors.action_detail(self.get_object())
        self._with_rag([action])
        return Response(ActionDetailSerializer(action).data)

    @extend_schema(request=ActionCreateSerializer,
                   responses={201: ActionSerializer})
    def create(self, request, *args, **kwargs):
        raw = request.data.get("partnership") if hasattr(request.data, "get") else None
        partnership = None
        if (isinstance(raw, int) and not isinstance(raw, bool)) or (
                isinstance(raw, str) and raw.isascii() and raw.isdigit()):
            partnership = core.partnerships_for(request.user).filter(pk=int(raw)).first()
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

