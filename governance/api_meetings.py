"""/api/meetings/: the meetings of the groups the caller can see (attendance, quorum, the
agenda the caller may see, minutes), and each as a calendar file.

Lists cover all the caller's partnerships, or the one named by `?partnership=ID`. What
anyone sees comes from governance/permissions.py."""

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import renderers, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership.api.common import (
    MAX_ID,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    choice_field,
)
from partnership.files import file_response

from . import calendars, permissions, selectors
from .models import Attendance, AttendanceStatus, Meeting, MeetingStatus, MinutesStatus
from .models.meetings import Correction
from .selectors.agenda import current_papers

MeetingStatusField = choice_field(MeetingStatus, "MeetingStatus")


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
                  "duration_minutes", "location", "online_link", "status", "status_reason",
                  "minutes_status", "uid", "sequence", "quorate"]
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


class CorrectionSerializer(serializers.Serializer):
    previous_text = serializers.CharField(help_text="What the record said before.")
    reason = serializers.CharField()
    made_at = serializers.DateTimeField()
    made_by = serializers.CharField(source="made_by.full_name", allow_null=True, default=None)


class _RecordSerializer(serializers.Serializer):
    """A decision or a declaration the caller may see, with its corrections (oldest first)
    and, once withdrawn, when and why (a withdrawn record is not current)."""

    id = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id", allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawn_reason = serializers.CharField()
    corrections = CorrectionSerializer(many=True, source="corrections.all")


class DecisionSerializer(_RecordSerializer):
    text = serializers.CharField()


class DeclarationSerializer(_RecordSerializer):
    person = serializers.CharField()
    interest = serializers.CharField()


class ConfidentialMinuteSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id", help_text="The confidential agenda item.")
    title = serializers.CharField(source="item.title")
    text = serializers.CharField()


class MinutesSerializer(serializers.Serializer):
    """The minutes as the caller may read them: `public` (Part A) once approved, or a draft
    for the group's members and the business unit (null otherwise); `confidential` (Part B,
    per confidential item) only for them (an empty list for anyone else)."""

    status = serializers.ChoiceField(choices=MinutesStatus.choices, source="meeting.minutes_status")
    public = serializers.CharField(allow_null=True)
    confidential = ConfidentialMinuteSerializer(many=True)
    approved_at_meeting = serializers.IntegerField(
        source="meeting.minutes_approved_at_id", allow_null=True,
        help_text="The later meeting that approved the minutes.")
    corrections = serializers.CharField(
        allow_null=True, help_text="Corrections agreed at approval (null until approved).")


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with what the caller may see of it; the view sets the `visible_*`
    attributes from governance/permissions.py."""

    quorum_note = serializers.CharField(read_only=True)
    attendance = AttendanceSerializer(source="attendance_list", many=True, read_only=True)
    agenda = AgendaItemSerializer(source="visible_items", many=True, read_only=True)
    minutes = MinutesSerializer(source="visible_minutes", read_only=True)
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
        # Anything else is an error ({"detail": ...}): JSON, and labelled so.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data)


class PdfRenderer(CalendarRenderer):
    """Lets clients ask for `Accept: application/pdf`; the view sends the file itself."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None


def minutes_visible(user, meeting):
    """The minutes' parts the user may read (governance/permissions.py)."""
    reads = permissions.reads_minutes(user, meeting)
    approved = meeting.minutes_status == MinutesStatus.APPROVED
    return {"meeting": meeting, "public": meeting.minutes if reads else None,
            "confidential": list(permissions.confidential_minutes_for(user, meeting)),
            "corrections": meeting.minutes_corrections if approved else None}


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
        meetings = permissions.meetings_across(user, self.partnerships())
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
        statutory = selectors.statutory_partners_of({m.group.partnership_id for m in page})
        for meeting in page:
            state = selectors.quorum(meeting, meeting.attendance_rows,
                                     statutory[meeting.group.partnership_id])
            meeting.quorate = state.quorate
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        user, group = request.user, meeting.group
        seats, rows = selectors.meeting_attendance(meeting)
        state = selectors.quorum(meeting, rows, selectors.statutory_partners(
            group.partnership, on=meeting.starts_at))
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
                     .prefetch_related(Prefetch("papers", queryset=current_papers())))
        visible = Q(item__isnull=True) | Q(item_id__in=[item.pk for item in items])
        meeting.visible_items = items
        meeting.visible_minutes = minutes_visible(user, meeting)
        corrections = Prefetch("corrections", queryset=Correction.objects.select_related("made_by"))
        meeting.visible_decisions = list(meeting.decisions.filter(visible)
                                         .prefetch_related(corrections))
        meeting.visible_declarations = list(meeting.declarations.filter(visible)
                                            .prefetch_related(corrections))
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

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
                   summary="The meeting's published agenda pack, as PDF")
    @route(detail=True, methods=["get"], url_path="pack", renderer_classes=[
        renderers.JSONRenderer, PdfRenderer])
    def pack(self, request, pk=None):
        """The latest ready agenda pack: the members' pack (with confidential items) for the
        group's members and the business unit, the pack without them for anyone else who may
        see the meeting. 404 before the agenda is published, or while no pack is ready."""
        meeting = self.get_object()
        pack = permissions.pack_for(request.user, meeting)
        return file_response(pack.file, filename=f"agenda-pack-{meeting.starts_at:%Y-%m-%d}-"
                                                 f"{pack.number}.pdf", content_type="application/pdf")
