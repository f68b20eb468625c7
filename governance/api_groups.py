"""/api/groups/: the partnership's groups (executive, subgroups, panels, task-and-finish
groups) with their members.

Lists cover all the caller's partnerships, or the one named by `?partnership=ID`. What
anyone sees comes from governance/permissions.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from partnership.api.common import PARTNERSHIP_PARAMETER, PartnershipScoped

from . import permissions
from .models import Group, GroupMember


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
        groups = permissions.groups_across(user, self.partnerships())
        members = GroupMember.objects.select_related("user", "agency").order_by(
            "member_type", "-is_chair", "role_label", "pk")
        return (groups.select_related("chair")
                .prefetch_related(Prefetch("members", queryset=members))
                .order_by("partnership_id", "name", "pk"))
