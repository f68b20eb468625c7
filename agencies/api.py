"""/api/section11/...: assessment cycles (with their completion counts) and returns (with
their answers, evidence and action plan), with writes for answering, submitting, signing
off, sending back (the chief officer or the business unit) and recalling (the lead).

Lists cover all the caller's partnerships, or the one named by `?partnership=ID` (400 when
not a whole number, 404 when not one of theirs). Who sees what comes only from
agencies/permissions.py, exactly as on the HTML pages: the business unit sees every return
its partnership asked for, drafts included; partners, the chair and the scrutineer see the
submitted and signed-off ones, never drafts; agency staff see their own agency's returns
only (any other answers 404). Every write goes through agencies/services.
"""


from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership.api.common import (
    ID_PATTERN,
    MAX_ID,
    PARTNERSHIP_PARAMETER,
    PartnershipScoped,
    StrictFields,
    choice_field,
)

from . import permissions
from .api_questions import (
    QuestionRoutes,
    RatingWriteSerializer,
    S11QuestionAnswerSerializer,
    with_questions,
)
from .models import (
    EDITABLE,
    Answer,
    Cycle,
    Evidence,
    Kind,
    PlanItem,
    Request,
    Return,
    Scale,
    Standard,
    Status,
)
from .services import returns as return_services

ReturnStatusField = choice_field(Status, "S11ReturnStatus")
KindField = choice_field(Kind, "S11TemplateKind")
ScaleField = choice_field(Scale, "S11RatingScale")


# --- Cycles ----------------------------------------------------------------------------

class S11TemplateSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    kind = KindField()
    scale = ScaleField()


class S11CountsSerializer(serializers.Serializer):
    asked = serializers.IntegerField(help_text="Agencies asked for a return.")
    started = serializers.IntegerField(help_text="Returns saved at least once.")
    submitted = serializers.IntegerField(help_text="Returns submitted (signed off or not).")
    signed_off = serializers.IntegerField(help_text="Returns signed off by the agency's "
                                                    "chief officer.")
    overdue = serializers.IntegerField(help_text="Returns not submitted by their deadline "
                                                 "(after any extension).")


class S11CycleSerializer(serializers.ModelSerializer):
    template = S11TemplateSummarySerializer(read_only=True)
    closes_on = serializers.DateField(read_only=True, help_text="The deadline.")
    counts = S11CountsSerializer(
        read_only=True, help_text="For the partnership's roles, every agency asked; for "
                                  "agency staff, their own agency's return only.")

    class Meta:
        model = Cycle
        fields = ["id", "partnership", "name", "template", "opens_on", "closes_on", "counts"]
        read_only_fields = fields


EMPTY_COUNTS = {"asked": 0, "started": 0, "submitted": 0, "signed_off": 0, "overdue": 0}


def cycle_counts(user, cycles):
    """{cycle id: counts} in one query: every request of the cycle for those who read the
    partnership's cycles, and their own agency's for agency staff."""
    cycles = list(cycles)
    if not cycles:
        return {}
    readable = {c.partnership_id for c in cycles if permissions.can_read(user, c.partnership)}
    today = timezone.localdate()
    rows = (Request.objects.filter(cycle__in=[c.pk for c in cycles])
            .filter(Q(cycle__partnership_id__in=readable)
                    | Q(agency__in=permissions.own_agencies(user)))
            .values("cycle_id")
            .annotate(asked=Count("pk"),
                      started=Count("pk", filter=Q(assessment__started_at__isnull=False)
                                    | ~Q(assessment__status=Status.DRAFT)),
                      submitted=Count("pk", filter=Q(assessment__status__in=permissions.READABLE)),
                      signed_off=Count("pk", filter=Q(assessment__status=Status.SIGNED_OFF)),
                      overdue=Count("pk", filter=Q(assessment__status__in=EDITABLE,
                                                   due_on__lt=today)))
            .order_by())
    found = {row.pop("cycle_id"): row for row in rows}
    return {c.pk: found.get(c.pk, dict(EMPTY_COUNTS)) for c in cycles}


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER]))
class CycleViewSet(PartnershipScoped, viewsets.ReadOnlyModelViewSet):
    """Section 11 and Section 175/157 cycles: the template they use, their dates and how
    many of the agencies asked have started, submitted and had their return signed off.
    All of a partnership's cycles for its roles; the cycles that asked their agency for
    agency staff."""

    serializer_class = S11CycleSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        user = self.request.user
        return (permissions.cycles_across(user, self.partnerships())
                .select_related("template", "partnership")
                .order_by("partnership_id", "-opens_on", "pk"))

    def _with_counts(self, cycles):
        counts = cycle_counts(self.request.user, cycles)
        for cycle in cycles:
            cycle.counts = counts[cycle.pk]
        return cycles

    def list(self, request, *args, **kwargs):
        page = self._with_counts(list(self.paginate_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        cycle = self._with_counts([self.get_object()])[0]
        return Response(self.get_serializer(cycle).data)


# --- Returns ---------------------------------------------------------------------------

class S11EvidenceSerializer(serializers.ModelSerializer):
    question_id = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text="The question it is for, in a standard answered question by question.")

    class Meta:
        model = Evidence
        fields = ["id", "title", "link", "filename", "question_id"]
        read_only_fields = fields


class S11AnswerSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.number", read_only=True,
                                     help_text="The standard's number in the template.")
    standard_id = serializers.IntegerField(read_only=True)
    rating_label = serializers.CharField(read_only=True, help_text="The rating in words.")
    evidence = S11EvidenceSerializer(many=True, read_only=True)
    by_question = serializers.BooleanField(
        read_only=True, help_text="The standard's questions are each rated and answered "
                                  "(POST .../questions/); its rating is then the lowest of "
                                  "theirs, null until every question is rated.")
    questions = S11QuestionAnswerSerializer(
        many=True, read_only=True, help_text="Every question of a standard answered question "
                                             "by question, with its answer; empty otherwise.")

    class Meta:
        model = Answer
        fields = ["standard", "standard_id", "rating", "rating_label", "narrative", "evidence",
                  "by_question", "questions"]
        read_only_fields = fields


class S11PlanItemSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.number", read_only=True, allow_null=True,
                                     default=None, help_text="The standard's number, if any.")

    class Meta:
        model = PlanItem
        fields = ["standard", "action", "owner", "due_on"]
        read_only_fields = fields


class S11RequestSerializer(serializers.ModelSerializer):
    partnership = serializers.IntegerField(source="cycle.partnership_id", read_only=True)
    due_on = serializers.DateField(read_only=True, help_text="The deadline after any extension.")

    class Meta:
        model = Request
        fields = ["cycle", "partnership", "due_on"]
        read_only_fields = fields


class S11ReturnSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    template = S11TemplateSummarySerializer(read_only=True)
    status = ReturnStatusField(read_only=True)
    version = serializers.IntegerField(read_only=True,
                                       help_text="Send it back with every write: a write "
                                                 "from an older version answers 409.")
    requests = S11RequestSerializer(
        source="visible_requests", many=True, read_only=True,
        help_text="The cycles of your partnerships that asked for this return (an agency "
                  "serving several partnerships answers one return for all of them).")
    answers = S11AnswerSerializer(many=True, read_only=True)
    plan = S11PlanItemSerializer(source="plan_items", many=True, read_only=True)
    signed_off_by_name = serializers.CharField(source="signed_off_by.full_name", read_only=True,
                                               allow_null=True, default=None)

    class Meta:
        model = Return
        fields = ["id", "agency", "agency_name", "template", "status", "version", "requests",
                  "answers", "plan", "returned_comment", "submitted_at", "signed_off_by",
                  "signed_off_by_name", "signed_off_at"]
        read_only_fields = fields


class ReturnQuery(serializers.Serializer):
    cycle = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                     help_text="Only the returns this cycle asked for (its id).")
    status = ReturnStatusField(required=False)


class S11AnswerWriteSerializer(RatingWriteSerializer):
    standard_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The standard answered (its id).",
        error_messages={"required": "Choose the standard you are answering",
                        "invalid": "Enter a whole number: the id of one of the return's "
                                   "standards"})


class S11VersionSerializer(StrictFields, serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text="The return's version you started from.",
        error_messages={"required": "Send the version of the return you started from",
                        "invalid": "Enter a whole number: the return's version"})


class S11AnswerSavedSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The return's new version.")
    answer = S11AnswerSerializer()


class S11SendBackSerializer(StrictFields, serializers.Serializer):
    reason = serializers.CharField(
        max_length=10000,
        help_text="The reasons for sending the return back: what the agency needs to change. "
                  "Its lead sees them on the return.",
        error_messages={"required": "Enter the reasons for sending the return back",
                        "blank": "Enter the reasons for sending the return back"})


class S11ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(help_text="The return's current version.")


class S11MissingSerializer(serializers.Serializer):
    detail = serializers.CharField()
    missing = serializers.ListField(child=serializers.CharField(),
                                    help_text="Everything that stops the return being "
                                              "submitted, in template order.")


def _label_answers(assessment):
    for answer in assessment.answers.all():
        answer.rating_label = (assessment.template.label_of(answer.rating)
                               if answer.rating is not None else "")
        with_questions(answer, assessment.template)
    return assessment


@extend_schema_view(list=extend_schema(parameters=[PARTNERSHIP_PARAMETER, ReturnQuery]))
class ReturnViewSet(QuestionRoutes, PartnershipScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    viewsets.GenericViewSet):
    """Returns: one agency's answers to a cycle's template, shared by every partnership
    that asked the agency in overlapping cycles. The business unit sees all its
    partnership's, drafts included; partners and the scrutineer the submitted and
    signed-off ones; agency staff only their own agency's. The agency's lead and
    contributors answer, the lead submits, the chief officer signs off."""

    serializer_class = S11ReturnSerializer
    filter_backends = []
    lookup_value_regex = ID_PATTERN

    def get_serializer_class(self):
        return {"answers": S11AnswerWriteSerializer, "submit": S11VersionSerializer,
                "sign_off": serializers.Serializer, "send_back": S11SendBackSerializer,
                "recall": serializers.Serializer}.get(self.action, S11ReturnSerializer)

    def _visible_requests(self):
        user = self.request.user
        return (permissions.requests_across(user, self.partnerships())
                .select_related("cycle").order_by("cycle__opens_on", "cycle_id"))

    def get_queryset(self):
        user = self.request.user
        found = permissions.returns_across(user, self.partnerships())
        if self.action == "list":
            query = ReturnQuery(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            wanted = query.validated_data
            if "cycle" in wanted:
                found = found.filter(pk__in=Request.objects.filter(
                    cycle_id=wanted["cycle"]).values("assessment_id"))
            if "status" in wanted:
                found = found.filter(status=wanted["status"])
        return found.select_related("agency", "template", "signed_off_by").order_by(
            "agency__name", "pk")

    def _detailed(self, queryset):
        answers = Answer.objects.select_related("standard").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk")),
            "standard__questions", "question_answers")
        return queryset.prefetch_related(
            Prefetch("requests", to_attr="visible_requests", queryset=self._visible_requests()),
            Prefetch("answers", queryset=answers),
            Prefetch("plan_items", queryset=PlanItem.objects.select_related("standard")))

    def _data(self, assessment):
        fresh = self._detailed(Return.objects.filter(pk=assessment.pk).select_related(
            "agency", "template", "signed_off_by")).get()
        return S11ReturnSerializer(_label_answers(fresh)).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self._detailed(self.get_queryset()))
        page = [_label_answers(assessment) for assessment in page]
        return self.get_paginated_response(S11ReturnSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data(self.get_object()))

    @extend_schema(request=S11AnswerWriteSerializer,
                   responses={201: S11AnswerSavedSerializer,
                              400: OpenApiResponse(description="Field errors."),
                              403: OpenApiResponse(description="You may see the return but "
                                                               "not change it (or it is no "
                                                               "longer a draft)."),
                              409: S11ConflictSerializer})
    @route(detail=True, methods=["post"], url_path="answers")
    def answers(self, request, pk=None):
        """Save the answer to one standard (rating and narrative) as a draft. Send the
        version you started from: if someone saved the return since, nothing is saved and
        the answer is 409 with the current version."""
        assessment = self.get_object()
        permissions.require_edit(request.user, assessment)
        serializer = S11AnswerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        standard = Standard.objects.filter(template_id=assessment.template_id,
                                           pk=data["standard_id"]).first()
        if standard is None:
            raise exceptions.ValidationError(
                {"standard_id": ["Choose one of the standards of this return's template"]})
        current = Answer.objects.filter(assessment=assessment, standard=standard).first()
        rating = data.get("rating", current.rating if current else None)
        narrative = data.get("narrative", current.narrative if current else "")
        answer = return_services.answer_save(
            assessment=assessment, standard=standard, user=request.user,
            version=data["version"], rating=rating, narrative=narrative)
        answer = (Answer.objects.select_related("assessment__template", "standard")
                  .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")),
                                    "standard__questions", "question_answers")
                  .get(pk=answer.pk))
        answer.rating_label = (answer.assessment.template.label_of(answer.rating)
                               if answer.rating is not None else "")
        with_questions(answer, answer.assessment.template)
        return Response({"version": answer.assessment.version,
                         "answer": S11AnswerSerializer(answer).data},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=S11VersionSerializer,
                   responses={200: S11ReturnSerializer,
                              400: S11MissingSerializer,
                              403: OpenApiResponse(description="Only the agency's lead "
                                                               "submits, while the return is "
                                                               "a draft or returned."),
                              409: S11ConflictSerializer})
    @route(detail=True, methods=["post"], url_path="submit")
    def submit(self, request, pk=None):
        """Submit the return for the chief officer's sign-off. An incomplete return is not
        submitted: the answer is 400 with `missing`, everything still to do."""
        assessment = self.get_object()
        if not permissions.can_submit(request.user, assessment):
            raise exceptions.PermissionDenied(
                "Only the agency's lead can submit its return, and only while it is a draft "
                "or returned for amendment.")
        serializer = S11VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return_services.submit(assessment=assessment, user=request.user,
                               version=serializer.validated_data["version"])
        return Response(self._data(assessment))

    @extend_schema(request=None,
                   responses={200: S11ReturnSerializer,
                              400: OpenApiResponse(description="The return is not submitted "
                                                               "(or already signed off)."),
                              403: OpenApiResponse(description="Only the agency's chief "
                                                               "officer signs off.")})
    @route(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        """Sign the submitted return off as the agency's chief officer: it is then locked,
        and its action plan joins the action register of every partnership that asked."""
        assessment = self.get_object()
        if not permissions.is_signatory(request.user, assessment):
            raise exceptions.PermissionDenied("Only the agency's chief officer can sign off "
                                              "its return.")
        return_services.sign_off(assessment=assessment, user=request.user)
        return Response(self._data(assessment))

    @extend_schema(request=S11SendBackSerializer,
                   responses={200: S11ReturnSerializer,
                              400: OpenApiResponse(description="No reasons (`reason`), or the "
                                                               "return is not submitted (or "
                                                               "already signed off)."),
                              403: OpenApiResponse(description="Only the agency's chief "
                                                               "officer or the partnership's "
                                                               "business unit sends it back.")})
    @route(detail=True, methods=["post"], url_path="return", url_name="send-back")
    def send_back(self, request, pk=None):
        """Send the submitted return back to the agency's lead, with the reasons, before it
        is signed off (the agency's chief officer, or the business unit of a partnership
        that asked for it). Its status becomes `returned`; the lead is notified."""
        assessment = self.get_object()
        permissions.require_sends_back(request.user, assessment)
        serializer = S11SendBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return_services.send_back(assessment=assessment, user=request.user,
                                  reason=serializer.validated_data["reason"])
        return Response(self._data(assessment))

    @extend_schema(request=None,
                   responses={200: S11ReturnSerializer,
                              400: OpenApiResponse(description="The return is not submitted "
                                                               "(or already signed off)."),
                              403: OpenApiResponse(description="Only the agency's lead "
                                                               "recalls its return.")})
    @route(detail=True, methods=["post"], url_path="recall")
    def recall(self, request, pk=None):
        """Recall the submitted return before it is signed off, as the agency's lead: it is a
        draft again, and the agency's chief officers are notified."""
        assessment = self.get_object()
        permissions.require_recalls(request.user, assessment)
        return_services.recall(assessment=assessment, user=request.user)
        return Response(self._data(assessment))
