from .incidents import AgeBand, CaseGrant, ChildRecord, IncidentType, Notification
from .practice import LearningBriefing, Milestone, PracticeReview, PracticeStatus, Publication
from .rapid import AgencySummary, Decision, RapidReview, ReviewSignOff, SummaryStatus
from .recommendations import Recommendation, RecommendationStatus
from .themes import LearningTheme

__all__ = [
    "AgeBand", "AgencySummary", "CaseGrant", "ChildRecord", "Decision", "IncidentType",
    "LearningBriefing", "LearningTheme", "Milestone", "Notification", "PracticeReview",
    "PracticeStatus", "Publication", "RapidReview", "Recommendation", "RecommendationStatus",
    "ReviewSignOff", "SummaryStatus",
]
