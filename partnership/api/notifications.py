"""/api/notifications/: the signed-in person's own notifications, newest first
(`?unread=true` for the unread only), and POST /api/notifications/{id}/read/ to mark one
read. Another person's notification answers 404, as a missing one."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from .. import permissions
from ..models import Delivery, Notification, NotificationKind
from ..selectors.notifications import notification_list
from ..services import notifications as services
from .common import ID_PATTERN, choice_field


class InboxNotificationSerializer(serializers.ModelSerializer):
    kind = choice_field(NotificationKind, "NotificationKind")(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    delivery = choice_field(Delivery, "NotificationDelivery")(read_only=True)
    partnership = serializers.IntegerField(source="partnership_id", allow_null=True,
                                           read_only=True)
    partnership_name = serializers.CharField(source="partnership.name", allow_null=True,
                                             default=None, read_only=True)
    message = serializers.CharField(read_only=True)
    link = serializers.CharField(read_only=True, help_text="The path of the page it is about.")
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(allow_null=True, read_only=True)
    read = serializers.BooleanField(read_only=True, help_text="Whether it has been read.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "partnership", "partnership_name", "message",
                  "link", "created_at", "read", "read_at", "delivery"]
        read_only_fields = fields


class UnreadQuery(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False)


UNREAD = OpenApiParameter("unread", bool, description="Only the unread ones (true).")


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your notifications, newest first."""

    serializer_class = InboxNotificationSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        unread = False
        if self.action == "list":
            query = UnreadQuery(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            unread = query.validated_data["unread"]
        return notification_list(self.request.user, unread=unread)

    @extend_schema(parameters=[UNREAD])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={
        200: InboxNotificationSerializer,
        404: OpenApiResponse(description="No notification of yours with that id.")})
    @route(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one of your notifications read (reading it again changes nothing)."""
        notification = services.notification_read(
            notification=permissions.notification_for(request.user, pk))
        return Response(self.get_serializer(notification).data)
