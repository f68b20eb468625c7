from .incidents import (
    MAX_CHILDREN,
    AbuseOrNeglect,
    AgeBand,
    CaseGrant,
    ChildRecord,
    Ethnicity,
    IncidentType,
    LegalStatus,
    Notification,
    NotifiedChild,
    Placement,
    Sex,
    YesNoUnknown,
)
from .practice import (
    LearningBriefing,
    Milestone,
    NationalReview,
    PracticeReview,
    PracticeSignOff,
    PracticeStatus,
    Publication,
    Stage,
)
from .rapid import (
    AgencySummary,
    Criterion,
    CriterionAssessment,
    Decision,
    Finding,
    ParallelProcess,
    ProcessKind,
    RapidReview,
    ReviewSignOff,
    SummaryAttachment,
    SummaryStatus,
)
from .recommendations import Recommendation, RecommendationStatus
from .themes import LearningTheme

__all__ = [
    "MAX_CHILDREN", "AbuseOrNeglect", "AgeBand", "AgencySummary", "CaseGrant", "ChildRecord",
    "Criterion", "CriterionAssessment", "Decision", "Ethnicity", "Finding", "IncidentType",
    "LearningBriefing", "LearningTheme", "LegalStatus", "Milestone", "NationalReview",
    "NotifiedChild", "Notification", "ParallelProcess", "Placement", "PracticeReview",
    "PracticeSignOff", "PracticeStatus", "ProcessKind", "Publication", "RapidReview",
    "Recommendation", "RecommendationStatus", "ReviewSignOff", "Sex", "Stage",
    "SummaryAttachment", "SummaryStatus", "YesNoUnknown",
]
