"""Demo data for the Study Promotion Fund (`manage.py load_demo`, after the organizations and
campaigns demos): the city association's fund and three district funds with their bank
accounts, a district treasurer, and the 2024 Month of Study Promotion's gifts — businesses,
unions, schools, people who gave their name and people who asked to stay anonymous, gifts
in kind, money given for a named purpose, gifts raised at the 2024 fundraising activities —
with pledges (paid in parts, paid in full, overdue, cancelled, one not yet due), one
reversal and a few gifts of 2025.

What it writes is in data/fund-2024.toml. Everything goes through the services a treasurer
uses (the receipt numbers, the history and the rules are the real ones), told the day each
thing happened (`occurred_on`, `at=`); no mail is sent (no reminder is asked for). Every part
is matched on its natural key (a fund by unit and name, a donor by name, a pledge by fund,
donor, amount and day, a gift by fund, donor, day and amount), so a second run adds nothing.
"""

import datetime
import tomllib
from collections import Counter
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from campaigns import selectors as campaign_selectors
from common.money import format_vnd
from organizations.demo import DEMO_PASSWORD, ROLE_START, DemoAccount
from organizations.demo import _account as demo_account
from organizations.models import Membership, Role, Unit, User
from organizations.services import grant_role
from scholarships import selectors, services
from scholarships.demo.crowd import crowd_gifts
from scholarships.models import Donation, Donor, Fund, LedgerEntry, Pledge, PledgeState

DATA = Path(__file__).resolve().parent / "data" / "fund-2024.toml"
# Units are looked up as they stood during the 2024 month.
LOOKUP_DAY = datetime.date(2024, 9, 15)


def read_data(path=DATA):
    with path.open("rb") as file:
        data = tomllib.load(file)
    donors = {donor["key"] for donor in data["donors"]}
    funds = {fund["key"] for fund in data["funds"]}
    pledges = {pledge["key"] for pledge in data["pledges"]}
    for what, items in (("pledge", data["pledges"]), ("gift", data["gifts"])):
        for number, item in enumerate(items, start=1):
            if item["donor"] not in donors or item["fund"] not in funds:
                raise ImproperlyConfigured(
                    f"{path.name}: {what} {number} names no known donor/fund"
                )
            if "pledge" in item and item["pledge"] not in pledges:
                raise ImproperlyConfigured(f"{path.name}: {what} {number} names no known pledge")
    return data


def load(stdout):
    data = read_data()
    treasurers = _treasurers(data)
    funds, opened = _funds(data["funds"], treasurers)
    campaign = campaign_selectors.current_campaign(LOOKUP_DAY)
    if campaign is not None and campaign.year != LOOKUP_DAY.year:
        campaign = None
    activities = _activities(data, campaign)
    world = _World(data, funds, treasurers, campaign, activities)
    written = world.write(_events(data))
    stdout.write(
        f"Fund: {opened} funds opened, {len(funds) - opened} already there; "
        f"{written['donor']} donors, {written['pledge']} pledges, {written['gift']} gifts, "
        f"{written['reversal']} reversals and {written['cancel']} cancellations added.\n"
    )
    for fund in funds.values():
        stdout.write(
            f"  {fund.name} ({fund.reference_prefix}): {format_vnd(selectors.balance(fund))}\n"
        )
    stdout.write(
        f"District treasurer: {data['district_treasurer']['username']} (password "
        f"{DEMO_PASSWORD}) records the gifts of Quận Lê Chân in the portal.\n"
    )


# --- people and funds ---------------------------------------------------------------------


def _unit(code):
    unit = Unit.objects.valid_on(LOOKUP_DAY).filter(code=code).first()
    if unit is None:
        raise ImproperlyConfigured(
            f"The fund's demo needs unit {code} of 2024: run manage.py load_demo, which loads "
            "the official unit tree first."
        )
    return unit


def _treasurers(data):
    """{user name: user}: the city's demo treasurer (the organizations demo's) and the
    district treasurer this demo adds."""
    spec = data["district_treasurer"]
    unit = _unit(spec["unit"])
    account = DemoAccount(
        spec["username"], Role.TREASURER, spec["unit"], spec["full_name"], spec["position"]
    )
    district = demo_account(account)
    if not Membership.objects.active().filter(user=district, unit=unit, role=Role.TREASURER):
        grant_role(
            user=district, unit=unit, role=Role.TREASURER, starts_on=ROLE_START, note="Demo account"
        )
    names = {fund["treasurer"] for fund in data["funds"]}
    found = {user.username: user for user in User.objects.filter(username__in=names)}
    missing = names - set(found)
    if missing:
        raise ImproperlyConfigured(
            f"The fund's demo needs the treasurer accounts {', '.join(sorted(missing))}: "
            "run manage.py load_demo, which makes them first."
        )
    return found


def _funds(specs, treasurers):
    funds, opened = {}, 0
    city_treasurer = treasurers[specs[0]["treasurer"]]
    for spec in specs:
        unit = _unit(spec["unit"])
        fund = Fund.objects.filter(unit=unit, name=spec["name"]).first()
        if fund is None:
            bank = {name: spec[name] for name in services.FUND_FIELDS if name != "name"}
            fund = services.create_fund(
                unit=unit,
                name=spec["name"],
                by=city_treasurer,
                at=_at(datetime.date(2024, 8, 26), 9, 0),
                **bank,
            )
            opened += 1
        funds[spec["key"]] = fund
    return funds, opened


def _activities(data, campaign):
    """{organiser's code: activity}: the 2024 fundraising activities the gifts name."""
    if campaign is None:
        return {}
    codes = {
        item["activity"] for item in [*data["gifts"], *data["pledges"]] if item.get("activity")
    }
    units = Unit.objects.filter(code__in=codes)
    found = {}
    for activity in campaign_selectors.fundraising_activities(units, campaign):
        found.setdefault(activity.organizer.code, activity)
    return found


# --- what happened, in order ----------------------------------------------------------------


def _at(day, hour, minute):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _events(data):
    """(moment, kind, item) of every pledge, gift, reversal and cancellation, in the order
    they happened: receipts are numbered in the order of their days."""
    events = []
    for pledge in data["pledges"]:
        events.append((_at(pledge["made"], 8, 30), "pledge", pledge))
        if "cancel" in pledge:
            events.append((_at(pledge["cancel"]["on"], 10, 0), "cancel", pledge))
    gifts = [*data["gifts"], *crowd_gifts(data["crowd"])]
    per_day = Counter()
    for gift in sorted(gifts, key=lambda gift: gift["on"]):
        minutes = 9 * 60 + 7 * per_day[gift["on"]]
        per_day[gift["on"]] += 1
        events.append((_at(gift["on"], minutes // 60 % 24, minutes % 60), "gift", gift))
        if "reverse" in gift:
            events.append((_at(gift["reverse"]["on"], 8, 15), "reversal", gift))
    return sorted(events, key=lambda event: event[0])


class _World:
    """Writes the events through the services, skipping what an earlier run wrote."""

    def __init__(self, data, funds, treasurers, campaign, activities):
        self.funds, self.campaign, self.activities = funds, campaign, activities
        self.by_fund = {spec["key"]: treasurers[spec["treasurer"]] for spec in data["funds"]}
        self.donor_specs = {donor["key"]: donor for donor in data["donors"]}
        self.donors, self.pledges, self.gifts = {}, {}, {}
        self.seen = Counter()
        self.written = Counter()

    def write(self, events):
        for moment, kind, item in events:
            getattr(self, f"_{kind}")(moment, item)
        return self.written

    def _donor(self, item, moment):
        key = item["donor"]
        if key not in self.donors:
            spec = item.get("donor_spec") or self.donor_specs[key]
            donor = Donor.objects.filter(name=spec["name"]).order_by("pk").first()
            if donor is None:
                donor = services.create_donor(
                    kind=spec["kind"],
                    name=spec["name"],
                    public_display=spec["display"],
                    address=spec.get("address", ""),
                    phone=spec.get("phone", ""),
                    email=spec.get("email", ""),
                    by=self.by_fund[item["fund"]],
                    at=moment - datetime.timedelta(minutes=2),
                )
                self.written["donor"] += 1
            self.donors[key] = donor
        return self.donors[key]

    def _in_campaign(self, day):
        campaign = self.campaign
        return campaign if campaign is not None and campaign.contains(day) else None

    def _pledge(self, moment, item):
        fund, donor = self.funds[item["fund"]], self._donor(item, moment)
        found = Pledge.objects.filter(
            fund=fund, donor=donor, amount=item["amount"], due_on=item["due"]
        ).first()
        if found is None:
            found = services.pledge(
                fund,
                donor=donor,
                amount=item["amount"],
                due_on=item["due"],
                by=self.by_fund[item["fund"]],
                purpose=item.get("purpose", ""),
                campaign=self._in_campaign(item["made"]),
                activity=self.activities.get(item.get("activity")),
                note=item.get("note", ""),
                at=moment,
            )
            self.written["pledge"] += 1
        self.pledges[item["key"]] = found

    def _cancel(self, moment, item):
        pledge = self.pledges[item["key"]]
        if pledge.state == PledgeState.OPEN:
            services.cancel_pledge(
                pledge, by=self.by_fund[item["fund"]], reason=item["cancel"]["reason"], at=moment
            )
            self.written["cancel"] += 1

    def _gift(self, moment, item):
        fund, donor = self.funds[item["fund"]], self._donor(item, moment)
        key = (fund.pk, donor.pk, item["on"], item["amount"])
        self.seen[key] += 1
        same = Donation.objects.filter(
            fund=fund, donor=donor, entry__occurred_on=item["on"], entry__amount=item["amount"]
        ).order_by("pk")
        existing = list(same[: self.seen[key]])
        if len(existing) >= self.seen[key]:
            self.gifts[id(item)] = existing[-1]
            return
        pledge = self.pledges.get(item.get("pledge"))
        activity = self.activities.get(item.get("activity"))
        self.gifts[id(item)] = services.donate(
            fund,
            donor=donor,
            amount=item["amount"],
            method=item["method"],
            by=self.by_fund[item["fund"]],
            purpose="" if pledge else item.get("purpose", ""),
            in_kind=item.get("in_kind", ""),
            occurred_on=item["on"],
            pledge=pledge,
            campaign=None if activity or pledge else self._in_campaign(item["on"]),
            activity=activity,
            at=moment,
        )
        self.written["gift"] += 1

    def _reversal(self, moment, item):
        donation = self.gifts[id(item)]
        if not LedgerEntry.objects.filter(reverses=donation.entry_id).exists():
            services.reverse(
                donation.entry,
                by=self.by_fund[item["fund"]],
                reason=item["reverse"]["reason"],
                at=moment,
            )
            self.written["reversal"] += 1
