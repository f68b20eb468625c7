"""/api/child-protection-teams/: the partnership's multi-agency child protection teams
(Children's Wellbeing and Schools Act 2026, s3), read only, with their current members and
the statutory core disciplines none of them covers. For the partnership's own roles; agency
staff see none (partnership/permissions.py)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from .. import permissions
from ..models import ChildProtectionTeam, ChildProtectionTeamMember, Discipline
from ..models.dated import today
from .common import PARTNERSHIP_PARAMETER, PartnershipScoped


class ChildProtectionMemberSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = ChildProtectionTeamMember
        fields = ["id", "agency", "agency_name", "discipline", "role", "start_date", "end_date"]
        read_only_fields = fields


class ChildProtectionTeamSerializer(serializers.ModelSerializer):
    local_authority_area = serializers.CharField(source="local_authority_area.name",
                                                 allow_null=True, default=None, read_only=True)
    members = ChildProtectionMemberSerializer(source="current_members", many=True,
                                              read_only=True)
    missing_core = serializers.SerializerMethodField()

    class Meta:
        model = ChildProtectionTeam
        fields = ["id", "partnership", "name", "area", "local_authority_area", "start_date",
                  "end_date", "members", "missing_core"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(
        child=serializers.ChoiceField(choices=Discipline.choices)))
    def get_missing_core(self, team):
        return [str(d) for d in team.missing_core(team.current_members)]


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class ChildProtectionTeamViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """The child protection teams of your partnerships (their business unit, partners,
    chair and scrutineer), each with its members today and the core disciplines missing."""

    serializer_class = ChildProtectionTeamSerializer
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        readable = [p.pk for p in self.partnerships()
                    if permissions.can_view_child_protection_teams(user, p)]
        members = ChildProtectionTeamMember.objects.active(today()).select_related("agency")
        return (ChildProtectionTeam.objects.filter(partnership_id__in=readable)
                .select_related("local_authority_area")
                .prefetch_related(Prefetch("members", queryset=members,
                                           to_attr="current_members"))
                .order_by("partnership_id", "name", "pk"))
