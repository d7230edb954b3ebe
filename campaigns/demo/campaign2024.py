"""The 2024 Month of Study Promotion as the city planned it (Kế hoạch 204/KH-UBND).

Read from campaigns/demo/data/campaign-2024.toml: the plan's number, dates, issuer and the
order of its focus areas are facts (../shared/DOMAIN.md §1); the purpose and the
descriptions are written in the portal's own words. Used by the demo data and by the
benchmark's data generator.
"""

from campaigns.demo import files
from campaigns.models import Campaign, FocusArea, KeyDate
from organizations.models import Unit, UnitKind, UnitLevel

_PLAN = files.campaign()

YEAR = _PLAN["year"]
CAMPAIGN = _PLAN["campaign"]
# (title, short title, description), in the plan's order.
FOCUS_AREAS = tuple(
    (area["title"], area["short_title"], area["description"]) for area in _PLAN["focus_areas"]
)
# (title, first day, last day or None, description)
KEY_DATES = tuple(
    (date["title"], date["starts_on"], date.get("ends_on"), date["description"])
    for date in _PLAN["key_dates"]
)


def ensure_campaign() -> tuple[Campaign, bool]:
    """The 2024 campaign with its focus areas, key dates and participants.

    Created as a draft when missing (whoever calls decides how it opens); each part is
    matched on its natural key, so a second call adds nothing.
    """
    campaign, created = Campaign.objects.get_or_create(year=YEAR, defaults=CAMPAIGN)
    for position, (title, short_title, description) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            campaign=campaign,
            position=position,
            defaults={"title": title, "short_title": short_title, "description": description},
        )
    for title, starts_on, ends_on, description in KEY_DATES:
        KeyDate.objects.get_or_create(
            campaign=campaign,
            title=title,
            defaults={"starts_on": starts_on, "ends_on": ends_on, "description": description},
        )
    campaign.participants.add(*participating_units(campaign.starts_on))
    return campaign, created


def participating_units(day):
    """The districts valid on `day` and the city's bodies (departments, unions, armed
    forces, the economic zone authority and the association)."""
    kinds = [*UnitKind.of_level(UnitLevel.DISTRICT), *UnitKind.of_level(UnitLevel.BODY)]
    return list(Unit.objects.valid_on(day).filter(kind__in=kinds))
