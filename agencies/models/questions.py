"""Answers to the questions of a standard whose questions are answered one by one
(`Standard.rate_questions`): each question has its own rating and narrative (and its own
evidence, `Evidence.question`). The standard's Answer keeps the standard's rating, derived
from its questions' (the lowest, once every question is rated), so the analysis, the
moderation and the action plan rule read one rating per standard as before."""

from django.db import models

from .returns import Answer
from .templates import Question


def derived_rating(ratings):
    """The standard's rating from its questions' ratings: the lowest (a standard is only as
    well met as its least met question), or None while any question is unrated."""
    ratings = list(ratings)
    if not ratings or any(rating is None for rating in ratings):
        return None
    return min(ratings)


class QuestionAnswer(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="question_answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["answer", "question__position", "question__pk"]
        constraints = [models.UniqueConstraint(fields=["answer", "question"],
                                               name="question_answer_once")]

    def __str__(self):
        return f"{self.answer} – question {self.question.number}"
