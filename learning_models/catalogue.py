"""The criteria catalogue file (data/criteria.toml), read into criteria sets
(services.load_catalogue saves and publishes them).

Loading is all or nothing and never changes a version already in the database: a set
whose code and version exist is left as it is (a correction is a new version). Errors
name the set and the field."""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError

from learning_models.models import CriteriaSet, Criterion, Indicator
from learning_models.states import IndicatorKind

DEFAULT_FILE = Path(__file__).parent / "data" / "criteria.toml"
_SET_FIELDS = (
    "title",
    "level",
    "name",
    "legal_text",
    "legal_text_name",
    "legal_date",
    "in_force_from",
    "in_force_until",
    "rule",
    "pass_points",
    "authority",
    "to_check",
    "valid_months",
    "months_before_next_level",
)


class CatalogueError(ValueError):
    pass


def _day_month(text, where):
    try:
        day, month = (int(part) for part in str(text).split("/"))
        datetime.date(2024, month, day)
    except ValueError as error:
        raise CatalogueError(f"{where}: write a day as dd/mm, not {text!r}.") from error
    return day, month


def _resolve(entries):
    """Each entry with what it copies filled in, in the file's order."""
    done = {}
    for index, entry in enumerate(entries, start=1):
        where = f"set {index} ({entry.get('code', '?')} v{entry.get('version', '?')})"
        if "code" not in entry or "version" not in entry:
            raise CatalogueError(f"{where}: every set needs a code and a version.")
        spec = {}
        if "copy" in entry:
            source = done.get(entry["copy"])
            if source is None:
                raise CatalogueError(
                    f"{where}: copies {entry['copy']!r}, which comes nowhere before it."
                )
            spec = {k: v for k, v in source.items() if k not in ("thresholds", "copy")}
            spec["criterion"] = [
                {**c, "indicators": [dict(i) for i in c["indicators"]]} for c in source["criterion"]
            ]
        spec.update({k: v for k, v in entry.items() if k != "criterion"})
        if "criterion" in entry:
            spec["criterion"] = entry["criterion"]
        for code, value in entry.get("thresholds", {}).items():
            try:
                c_number, i_number = (int(p) for p in code.split("."))
                indicator = spec["criterion"][c_number - 1]["indicators"][i_number - 1]
            except (ValueError, IndexError, KeyError) as error:
                raise CatalogueError(
                    f"{where}: no indicator {code} to set a threshold on."
                ) from error
            indicator["threshold"] = value
        spec["where"] = where
        key = f"{entry['code']}/{entry['version']}"
        if key in done:
            raise CatalogueError(f"{where}: this code and version come twice.")
        done[key] = spec
    return list(done.values())


def _build(spec):
    where = spec["where"]
    values = {}
    for name in _SET_FIELDS:
        value = spec.get(name)
        if value == "":
            value = None
        if value is not None:
            values[name] = value
    if "pass_points" in values:
        values["pass_points"] = Decimal(str(values["pass_points"]))
    for key, prefix in (("file_by", "file_by"), ("decide_by", "decide_by")):
        if spec.get(key):
            values[f"{prefix}_day"], values[f"{prefix}_month"] = _day_month(spec[key], where)
    criteria_set = CriteriaSet(code=spec["code"], version=spec["version"], **values)
    try:
        # A version already in the database is kept by load_catalogue, not refused here.
        criteria_set.full_clean(validate_constraints=False)
        criteria_set.validate_constraints(exclude={"code", "version"})
    except ValidationError as error:
        raise CatalogueError(f"{where}: {error.message_dict}") from error
    if not spec.get("criterion"):
        raise CatalogueError(f"{where}: a set needs at least one criterion.")
    return criteria_set


def read(path=DEFAULT_FILE) -> list:
    """The file's sets, each as (label, code, version, criteria set, [(criterion,
    [indicator, …]), …]), built and checked but not saved. Raises CatalogueError."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    built = []
    for spec in _resolve(data.get("set", [])):
        criteria_set = _build(spec)
        criteria = []
        for c_number, criterion_spec in enumerate(spec["criterion"], start=1):
            criterion = Criterion(
                number=criterion_spec.get("number", c_number), name=criterion_spec["name"]
            )
            indicators = []
            for i_number, item in enumerate(criterion_spec["indicators"], start=1):
                indicator = Indicator(
                    number=i_number,
                    text=item["text"],
                    kind=item.get("kind", IndicatorKind.MET),
                    threshold=_decimal(item.get("threshold")),
                    unit_of_value=item.get("unit", ""),
                    max_points=_decimal(item.get("max_points")),
                    to_check=item.get("to_check", ""),
                )
                try:
                    indicator.full_clean(exclude=["criterion"])
                except ValidationError as error:
                    raise CatalogueError(
                        f"{spec['where']}, indicator {c_number}.{i_number}: {error.message_dict}"
                    ) from error
                indicators.append(indicator)
            criteria.append((criterion, indicators))
        built.append((f"{spec['code']} v{spec['version']}", criteria_set, criteria))
    return built


def _decimal(value):
    return None if value is None else Decimal(str(value))
