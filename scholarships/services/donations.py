"""A donation: the donor's gift recorded in the ledger with its receipt, linked to the
pledge, campaign and fundraising activity it came from."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from common.text import trimmed
from scholarships.models import (
    Donation,
    Method,
    Pledge,
    PledgeState,
)
from scholarships.services.ledger import record_donation


def _links(fund, donor, purpose, pledge, campaign, activity):
    """The pledge, campaign and activity a gift names, checked: a pledge of the same fund
    and donor, still open, gives its purpose, campaign and activity; an activity gives its
    campaign, and must be a fundraising activity."""
    if pledge is not None:
        # Only the pledge's row is locked: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer joins to its campaign and activity.
        pledge = (
            Pledge.objects.select_for_update(of=("self",))
            .select_related("campaign", "activity")
            .get(pk=pledge.pk)
        )
        if pledge.fund_id != fund.pk or pledge.donor_id != donor.pk:
            raise ValidationError({"pledge": _("That pledge is another donor's or fund's.")})
        if pledge.state != PledgeState.OPEN:
            raise ValidationError({"pledge": _("That pledge was cancelled.")})
        purpose = purpose or pledge.purpose
        if purpose != pledge.purpose:
            raise ValidationError(
                {"purpose": _("A pledge's payment goes to the pledge's purpose.")}
            )
        campaign = campaign or pledge.campaign
        activity = activity or pledge.activity
    if activity is not None:
        if not campaign_selectors.is_fundraising(activity):
            raise ValidationError({"activity": _("That activity is not a fundraising one.")})
        if campaign is not None and activity.campaign_id != campaign.pk:
            raise ValidationError({"activity": _("That activity belongs to another campaign.")})
        campaign = activity.campaign
    return pledge, purpose, campaign, activity


@transaction.atomic
def donate(
    fund,
    *,
    donor,
    amount,
    method,
    by,
    purpose="",
    in_kind="",
    occurred_on=None,
    pledge=None,
    campaign=None,
    activity=None,
    at=None,
) -> Donation:
    """A donor's gift: its money in the ledger with the next receipt number, and the
    donation that says who gave it and how. A gift in kind says what it is; its value in
    đồng is the amount. A gift may pay a pledge (wholly or in part), and name the campaign
    and the fundraising activity it was raised at."""
    method = Method(method)
    in_kind = trimmed(in_kind)
    pledge, purpose, campaign, activity = _links(
        fund, donor, trimmed(purpose), pledge, campaign, activity
    )
    if method == Method.IN_KIND and not in_kind:
        raise ValidationError({"in_kind": _("Say what was given in kind.")})
    if method != Method.IN_KIND and in_kind:
        raise ValidationError({"in_kind": _("Only a gift in kind says what was given.")})
    label = in_kind or method.label
    entry = record_donation(
        fund,
        amount=amount,
        description=_("%(donor)s: %(what)s") % {"donor": donor.name, "what": label},
        by=by,
        purpose=purpose,
        occurred_on=occurred_on,
        at=at,
    )
    donation = Donation(
        fund=entry.fund,
        donor=donor,
        entry=entry,
        method=method,
        in_kind=in_kind,
        pledge=pledge,
        campaign=campaign,
        activity=activity,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )
    donation.full_clean(
        exclude=["fund", "donor", "entry", "recorded_by", "pledge", "campaign", "activity"]
    )
    donation.save()
    return donation
