from rest_framework import serializers

from .. import periods
from ..models import Agency, Designation, Partnership, Sector
from ..models.dated import today
from .common import StrictFields


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    label = serializers.CharField(source="get_role_display")
    partnership = NamedSerializer(allow_null=True)
    agency = NamedSerializer(allow_null=True)
    title = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    job_title = serializers.CharField()
    agencies = NamedSerializer(many=True)
    roles = RoleSerializer(many=True)


class PartnershipSerializer(serializers.ModelSerializer):
    """`yearly_report_last_published_on`: when its last yearly report was published (null
    before any); `yearly_report_overdue`: none was published in the 12 months ending today
    (the partners must publish one at least once in every 12-month period). The view
    annotates the date (PartnershipViewSet.get_queryset)."""

    local_authority_areas = serializers.SlugRelatedField(many=True, read_only=True,
                                                         slug_field="name")
    yearly_report_last_published_on = serializers.DateField(read_only=True, allow_null=True)
    yearly_report_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = ["id", "name", "short_name", "slug", "local_authority_areas", "website",
                  "yearly_report_last_published_on", "yearly_report_overdue"]
        read_only_fields = fields

    def get_yearly_report_overdue(self, partnership) -> bool:
        return not periods.within_twelve_months(partnership.yearly_report_last_published_on,
                                                today())


class DesignationSerializer(serializers.ModelSerializer):
    """`kind` "education" is a designated childcare or education agency (Children's
    Wellbeing and Schools Act 2026, s2); `reason` says why the partners chose the agency."""

    statutory = serializers.BooleanField(source="is_statutory", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Designation
        fields = ["partnership", "kind", "kind_label", "statutory", "local_category", "reason",
                  "start_date", "end_date"]
        read_only_fields = fields


class FormerNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    until = serializers.DateField(help_text="The last day the agency had this name.")


class AgencySerializer(StrictFields, serializers.ModelSerializer):
    """An agency, with its designations in the partnerships the caller belongs to.
    `designation` is the one in the partnership named by `?partnership=`, if any.
    `former_names` are the names it had before (oldest first); `merged_into` is the id of
    the agency it became part of, or null."""

    sector = serializers.ChoiceField(choices=Sector.choices)
    sector_label = serializers.CharField(source="get_sector_display", read_only=True)
    designations = DesignationSerializer(source="visible_designations", many=True,
                                         read_only=True)
    designation = serializers.SerializerMethodField()
    former_names = FormerNameSerializer(many=True, read_only=True)
    merged_into = serializers.IntegerField(source="merged_into_id", read_only=True,
                                           allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "sector", "sector_label", "description", "website",
                  "designation", "designations", "former_names", "merged_into"]
        read_only_fields = ["id", "sector_label", "designation", "designations",
                            "former_names", "merged_into"]

    def get_designation(self, agency) -> DesignationSerializer(allow_null=True):
        partnership = self.context.get("partnership")
        if partnership is None:
            return None
        here = [d for d in agency.visible_designations if d.partnership_id == partnership.pk]
        return DesignationSerializer(here[0]).data if here else None
