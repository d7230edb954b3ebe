"""The demo's small gifts of many people (data/fund-2024.toml, [crowd]): names, addresses,
amounts and days drawn from the lists there with a fixed seed, so that every load writes
the same gifts and a second load finds them all."""

import datetime
import random

SEED = 20240905
# Mobile prefixes in use (Viettel, VinaPhone, MobiFone): numbers checked like any typed one.
MOBILE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "035"]


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _name(rng, crowd, taken):
    while True:
        woman = rng.random() < 0.5
        middles = crowd["middles_women" if woman else "middles_men"]
        givens = crowd["givens_women" if woman else "givens_men"]
        name = f"{rng.choice(crowd['families'])} {rng.choice(middles)} {rng.choice(givens)}"
        if name not in taken:
            taken.add(name)
            return name


def crowd_gifts(crowd) -> list[dict]:
    """The crowd's gifts, each a gift of the data file with its donor's record beside it
    (`donor_spec`)."""
    rng = random.Random(SEED)
    days = (crowd["last_day"] - crowd["first_day"]).days
    funds = [key for key, count in crowd["funds"].items() for _ in range(count)]
    rng.shuffle(funds)
    taken, gifts = set(), []
    for number in range(crowd["count"]):
        fund = funds[number % len(funds)]
        name = _name(rng, crowd, taken)
        with_contact = rng.random() < 0.6
        prefix = rng.choice(MOBILE_PREFIXES)
        phone = f"{prefix}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        gifts.append(
            {
                "fund": fund,
                "donor": f"crowd-{number}",
                "donor_spec": {
                    "kind": "individual",
                    "name": name,
                    "display": _weighted(rng, crowd["displays"]),
                    "address": f"Số {rng.randint(1, 240)} {rng.choice(crowd['streets'][fund])}",
                    "phone": phone if with_contact else "",
                    "email": "",
                },
                "amount": rng.choice(crowd["amounts"]),
                "method": rng.choice(crowd["methods"]),
                "on": crowd["first_day"] + datetime.timedelta(days=rng.randint(0, days)),
            }
        )
    return gifts
