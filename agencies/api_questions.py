"""/api/section11/returns/...: the questions of the standards answered question by question
(`Standard.rate_questions`), each with its answer, in a return's `answers`; and
`POST /api/section11/returns/{id}/questions/` to rate and answer one question as a draft,
with the version of the return the writer started from (409 with the current version when
someone saved since). The standard's rating is then derived again: the lowest of its
questions' ratings, once every question is rated (null until then)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action as route
from rest_framework.response import Response

from partnership.api.common import MAX_ID, StrictFields

from . import permissions
from .models import Answer, Question, QuestionAnswer
from .selectors_questions import question_rows
from .services.by_question import by_question
from .services.questions import question_answer_save


class S11QuestionAnswerSerializer(serializers.Serializer):
    question_id = serializers.IntegerField(source="question.pk", help_text="The question's id.")
    number = serializers.CharField(source="question.number")
    text = serializers.CharField(source="question.text")
    evidence_required = serializers.BooleanField(source="question.evidence_required")
    rating = serializers.IntegerField(allow_null=True, help_text="Null until rated.")
    rating_label = serializers.CharField(help_text="The rating in words (empty until rated).")
    narrative = serializers.CharField(allow_blank=True)
    evidence = serializers.ListField(
        child=serializers.IntegerField(), source="evidence_ids",
        help_text="The ids of the answer's evidence tied to this question.")


def with_questions(answer, template):
    """Set `answer.questions` (rows for S11QuestionAnswerSerializer): every question of a
    standard answered question by question, none otherwise. Uses what was prefetched:
    the standard's questions, the answer's question answers and evidence."""
    answer.by_question = by_question(answer.standard)
    answer.questions = (question_rows(template, answer.standard.questions.all(), answer)
                        if answer.by_question else [])
    return answer


class RatingWriteSerializer(StrictFields, serializers.Serializer):
    """What an answer to a standard and an answer to a question both send."""

    rating = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=100,
        help_text="One of the template scale's values (left as it is when omitted; null "
                  "clears it).",
        error_messages={"invalid": "Choose one of the ratings"})
    narrative = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False,
        help_text="The agency's answer (left as it is when omitted).")
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text="The return's version you started from.",
        error_messages={"required": "Send the version of the return you started from",
                        "invalid": "Enter a whole number: the return's version"})


class S11QuestionAnswerWriteSerializer(RatingWriteSerializer):
    question_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The question answered (its id).",
        error_messages={"required": "Choose the question you are answering",
                        "invalid": "Enter a whole number: the id of one of the return's "
                                   "questions"})


class S11QuestionSavedSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The return's new version.")
    standard_rating = serializers.IntegerField(
        allow_null=True, help_text="The standard's rating: the lowest of its questions' "
                                   "ratings, null until every question is rated.")
    question = S11QuestionAnswerSerializer()


class QuestionRoutes:
    """Mixed into the returns' viewset (agencies/api.py)."""

    @extend_schema(request=S11QuestionAnswerWriteSerializer,
                   responses={201: S11QuestionSavedSerializer,
                              400: OpenApiResponse(description="Field errors (also: the "
                                                               "question is not answered on "
                                                               "its own)."),
                              403: OpenApiResponse(description="You may see the return but "
                                                               "not change it (or it is no "
                                                               "longer a draft)."),
                              409: OpenApiResponse(description="Someone saved the return "
                                                               "since your version: nothing "
                                                               "was saved; `version` is the "
                                                               "current one.")})
    @route(detail=True, methods=["post"], url_path="questions")
    def questions(self, request, pk=None):
        """Save the answer to one question (rating and narrative) as a draft, in a standard
        answered question by question. Send the version you started from: if someone saved
        the return since, nothing is saved and the answer is 409 with the current version."""
        assessment = self.get_object()
        permissions.require_edit(request.user, assessment)
        serializer = S11QuestionAnswerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        question = (Question.objects.select_related("standard")
                    .prefetch_related("standard__questions")
                    .filter(standard__template_id=assessment.template_id,
                            pk=data["question_id"]).first())
        if question is None or not by_question(question.standard):
            raise exceptions.ValidationError({"question_id": [
                "Choose a question of this return that is answered on its own"]})
        current = QuestionAnswer.objects.filter(answer__assessment=assessment,
                                                question=question).first()
        saved = question_answer_save(
            assessment=assessment, question=question, user=request.user,
            version=data["version"],
            rating=data.get("rating", current.rating if current else None),
            narrative=data.get("narrative", current.narrative if current else ""))
        answer = (Answer.objects.select_related("assessment__template")
                  .prefetch_related("question_answers", "evidence").get(pk=saved.answer_id))
        template = answer.assessment.template
        row = question_rows(template, [question], answer)[0]
        return Response({"version": answer.assessment.version, "standard_rating": answer.rating,
                         "question": S11QuestionAnswerSerializer(row).data},
                        status=status.HTTP_201_CREATED)
