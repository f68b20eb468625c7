"""GET /api/arrangements/: the partnership's published arrangements and threshold document
versions, with who signed each off (partner, signer, capacity, when) and when it was
published. Readers of the partnership (role holders) see drafts too; anyone else who sees
the partnership sees the published versions; `?partnership=ID` narrows the list to one of the
caller's partnerships (400 when not a whole number, 404 when not theirs)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from partnership.api.common import (
    ID_PATTERN,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    choice_field,
)
from partnership.permissions import statutory_partners_of

from . import permissions, selectors
from .models import DocumentVersion, Kind

STATUS = (selectors.DRAFT, selectors.SIGNED_OFF, selectors.PUBLISHED)


class DocumentSignOffSerializer(serializers.Serializer):
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField(source="partner.name")
    signer = serializers.CharField(source="signed_by.full_name")
    capacity = serializers.CharField()
    education = serializers.BooleanField(
        help_text="The education partner's signature, given beside the three statutory ones.")
    signed_at = serializers.DateTimeField()


class DocumentVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.IntegerField(source="partnership_id")
    kind = choice_field(Kind, "DocumentKind")()
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[(s, selectors.STATUS_LABELS[s]) for s in STATUS])
    built_on = serializers.DateField()
    signed_off_by = DocumentSignOffSerializer(source="sign_offs.all", many=True)
    published_on = serializers.DateField(allow_null=True)
    public_url = serializers.CharField(allow_null=True)


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class VersionViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """Versions of the partnership's published arrangements and threshold document."""

    serializer_class = DocumentVersionSerializer
    lookup_value_regex = ID_PATTERN
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        return permissions.versions_across(user, self.partnerships()).order_by(
            "partnership_id", "kind", "-number")

    def _statutory(self):
        return statutory_partners_of(self.partnerships())

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(selectors.with_status(self.get_queryset(),
                                                            self._statutory()))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        version = self.get_object()
        [version] = selectors.with_status(DocumentVersion.objects.filter(pk=version.pk),
                                          self._statutory())
        return Response(self.get_serializer(version).data)
