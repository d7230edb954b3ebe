from campaigns.states import ActivityState, CampaignState

from .activities import Activity, ActivityKind, ActivityResult, Evidence
from .campaigns import Campaign, FocusArea, KeyDate

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityResult",
    "ActivityState",
    "Campaign",
    "CampaignState",
    "Evidence",
    "FocusArea",
    "KeyDate",
]
