from .challenge import ChallengeEvent
from .cycles import Cycle, Extension, ExtensionStatus, Request
from .questions import QuestionAnswer, derived_rating
from .returns import (
    EDITABLE,
    Answer,
    Evidence,
    Moderation,
    PlanItem,
    Return,
    ReturnVersion,
    Status,
)
from .templates import SCALE_OPTIONS, AssessmentTemplate, Kind, Question, Scale, Standard

__all__ = [
    "EDITABLE", "SCALE_OPTIONS", "Answer", "AssessmentTemplate", "ChallengeEvent", "Cycle",
    "Evidence", "Extension", "ExtensionStatus", "Kind", "Moderation", "PlanItem", "Question",
    "QuestionAnswer", "Request", "Return", "ReturnVersion", "Scale", "Standard", "Status",
    "derived_rating",
]
