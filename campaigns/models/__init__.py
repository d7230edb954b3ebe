from campaigns.states import ActivityState, CampaignState

from .activities import Activity, ActivityKind, ActivityResult, Evidence
from .campaigns import Campaign, FocusArea, KeyDate
from .review import ActivityToReview
from .uploads import ActivityUpload

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityResult",
    "ActivityState",
    "ActivityToReview",
    "ActivityUpload",
    "Campaign",
    "CampaignState",
    "Evidence",
    "FocusArea",
    "KeyDate",
]
