"""How the history of campaigns and activities reads (common.history.display): field
labels, coded values, money and counts, and the details the public change log may name."""

from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityResult,
    ActivityState,
    Campaign,
    CampaignState,
)
from campaigns.services import ACTIVITY_FIELDS
from common.history.display import HistoryDisplay, register_display

# The details of a published activity whose changes the public page lists.
PUBLIC_CHANGE_FIELDS = (*(f for f in ACTIVITY_FIELDS if f != "is_public"), "co_organizers")

ACTIVITY_DISPLAY = HistoryDisplay(
    field_models=(Activity, ActivityResult),
    labels={"evidence": _("evidence file")},
    choices={"state": ActivityState.choices, "kind": ActivityKind.choices},
    money=frozenset({"money_raised"}),
    counts=frozenset({"expected_participants", "participants", "people_supported", "awards_given"}),
    public_fields=PUBLIC_CHANGE_FIELDS,
)
CAMPAIGN_DISPLAY = HistoryDisplay(
    field_models=(Campaign,), choices={"state": CampaignState.choices}
)


def register():
    register_display("campaigns.activity", ACTIVITY_DISPLAY)
    register_display("campaigns.campaign", CAMPAIGN_DISPLAY)
