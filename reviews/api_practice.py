"""/api/reviews/...: local child safeguarding practice reviews (with the dates the copies
must reach the Panel and Ofsted, and the lead partners' sign-offs), the Panel's national
reviews and the recommendations of rapid, practice and national reviews, for the
partnership's review readers.

Lists cover all the caller's partnerships, or the one named by `?partnership=ID` (400 when
not a whole number, 404 when not one of theirs). Who sees what comes only from
reviews/permissions.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from governance.models import Action
from partnership import dates
from partnership.api.common import (
    ID_PATTERN,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    choice_field,
)
from partnership.services.audit import access_event_record

from . import permissions
from .models import (
    NationalReview,
    PracticeReview,
    PracticeSignOff,
    PracticeStatus,
    Publication,
    Recommendation,
    RecommendationStatus,
    Stage,
)
from .services import practice as practice_services

PracticeStatusField = choice_field(PracticeStatus, "PracticeReviewStatus")
PublicationField = choice_field(Publication, "PracticeReviewPublication", blank=True)
RecommendationStatusField = choice_field(RecommendationStatus, "RecommendationStatus")
StageField = choice_field(Stage, "PracticeReviewStage")


class PracticeSignOffSerializer(serializers.ModelSerializer):
    stage = StageField(read_only=True)
    partner = serializers.CharField(source="partner.name", read_only=True)
    signed_by = serializers.CharField(source="signed_by.full_name", read_only=True)

    class Meta:
        model = PracticeSignOff
        fields = ["stage", "partner", "signed_by", "capacity", "signed_at"]
        read_only_fields = fields


class PracticeReviewSerializer(serializers.ModelSerializer):
    status = PracticeStatusField(read_only=True)
    publication = PublicationField(read_only=True)
    copy_due_by = serializers.DateField(
        source="copy_due", read_only=True, allow_null=True,
        help_text="The last day the copy may reach the Panel and the Secretary of State: 7 "
                  "working days before the planned publication. Ofsted's copy is due the "
                  "same day.")
    sign_offs = PracticeSignOffSerializer(many=True, read_only=True,
                                          help_text="The lead safeguarding partners' "
                                                    "sign-offs of each stage.")

    class Meta:
        model = PracticeReview
        fields = ["id", "partnership", "rapid_review", "title", "decided_on", "target_on",
                  "status", "publication", "planned_publication_on", "copy_due_by",
                  "copy_sent_on", "ofsted_copy_sent_on", "published_on", "published_url",
                  "sign_offs"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class PracticeReviewViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """Local child safeguarding practice reviews, for the partnership's review readers
    (agency staff: none)."""

    serializer_class = PracticeReviewSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        sign_offs = Prefetch("sign_offs", PracticeSignOff.objects.select_related(
            "partner", "signed_by").order_by("stage", "partner__name"))
        return permissions.practice_reviews_across(user, self.partnerships()).prefetch_related(
            sign_offs).order_by("partnership_id", "-decided_on", "-pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        for review in page:  # a statutory date: no partnership's closure days
            review.copy_due = review.copy_due_by(dates.STATUTORY)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        review = self.get_object()
        access_event_record(user=request.user, obj=review, partnership=review.partnership,
                            path=request.path)
        review.copy_due = practice_services.copy_due_by(review)
        return Response(self.get_serializer(review).data)


# --- Recommendations -------------------------------------------------------------------

class ReviewReferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("rapid_review", "Rapid review"),
                                            ("practice_review", "Practice review"),
                                            ("national_review", "National review")])
    id = serializers.IntegerField()


class RecommendationSerializer(serializers.ModelSerializer):
    review = serializers.SerializerMethodField()
    status = RecommendationStatusField(read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "partnership", "review", "number", "text", "status", "response",
                  "impact", "themes", "actions"]
        read_only_fields = fields

    @extend_schema_field(ReviewReferenceSerializer)
    def get_review(self, recommendation):
        if recommendation.practice_review_id:
            return {"kind": "practice_review", "id": recommendation.practice_review_id}
        if recommendation.national_review_id:
            return {"kind": "national_review", "id": recommendation.national_review_id}
        return {"kind": "rapid_review", "id": recommendation.rapid_review_id}


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class RecommendationViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """Recommendations of rapid, practice and national reviews, with the ids of their
    actions on the action register (/api/actions/), for the partnership's review readers."""

    serializer_class = RecommendationSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        actions = Prefetch("actions", queryset=Action.objects.only("pk").order_by("pk"))
        return (permissions.recommendations_across(user, self.partnerships())
                .prefetch_related("themes", actions).order_by("partnership_id", "pk"))


# --- National reviews ------------------------------------------------------------------

class NationalReviewSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    recommendations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = NationalReview
        fields = ["id", "partnership", "rapid_review", "title", "summary", "panel_decided_on",
                  "published_on", "published_url", "themes", "recommendations"]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class NationalReviewViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """The Panel's national reviews the partnership recorded, with the ids of their
    recommendations (/api/reviews/recommendations/), for the partnership's review readers."""

    serializer_class = NationalReviewSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        recommendations = Prefetch("recommendations", Recommendation.objects.only(
            "pk", "national_review_id").order_by("number"))
        return (permissions.national_reviews_across(user, self.partnerships())
                .prefetch_related("themes", recommendations)
                .order_by("partnership_id", "-published_on", "-pk"))
