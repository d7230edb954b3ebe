"""The demo's data files (campaigns/demo/data/), read into the values the demo code uses.

The texts stay in the files exactly as written there, Vietnamese diacritics included:
- campaign-2024.toml: the 2024 campaign, its focus areas (in the plan's order) and key dates;
- activity-templates.csv: the kinds of activity a district or its communes organise;
- body-activities.csv: what each of the city's bodies does in the month, one row each.
A bad file stops the demo with the file, line and column named (the test suite loads them).
"""

import datetime
import tomllib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from common.spreadsheets.reading import read_table

DATA_DIR = Path(__file__).resolve().parent / "data"


def campaign(name="campaign-2024.toml"):
    with (DATA_DIR / name).open("rb") as file:
        return tomllib.load(file)


def rows(name):
    """The rows of a CSV file as dicts, with their line numbers, read as every shipped or
    uploaded table is (common/spreadsheets/reading.py)."""
    dataset = read_table(DATA_DIR / name)
    yield from enumerate(dataset.dict, start=2)


def read(name, parse):
    """Every row of `name` through `parse(row)`; a value it cannot read names its place."""
    result = []
    for line, row in rows(name):
        try:
            result.append(parse(row))
        except (KeyError, ValueError) as error:
            raise ImproperlyConfigured(f"{name}, line {line}: {error!r}") from error
    return result


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def time(text):
    return datetime.time.fromisoformat(text) if text else None


def number(text):
    return int(text) if text else None


def pair(text, separator="-"):
    """'150-400' -> (150, 400)."""
    low, high = text.split(separator)
    return int(low), int(high)
