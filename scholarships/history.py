"""How the history of the fund's records reads (common.history.display): field labels and
coded values of funds, donors and pledges."""

from common.history.display import HistoryDisplay, register_display
from scholarships.models import Donor, DonorKind, Fund, Pledge, PledgeState, PublicDisplay

FUND_DISPLAY = HistoryDisplay(field_models=(Fund,))
DONOR_DISPLAY = HistoryDisplay(
    field_models=(Donor,),
    choices={"kind": DonorKind.choices, "public_display": PublicDisplay.choices},
)
PLEDGE_DISPLAY = HistoryDisplay(
    field_models=(Pledge,), choices={"state": PledgeState.choices}, money=frozenset({"amount"})
)


def register():
    register_display("scholarships.fund", FUND_DISPLAY)
    register_display("scholarships.donor", DONOR_DISPLAY)
    register_display("scholarships.pledge", PLEDGE_DISPLAY)
