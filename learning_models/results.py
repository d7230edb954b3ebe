"""The overall result of a self-assessment or an appraisal, computed from the indicators'
values and the rule of the criteria set the dossier was assessed against. Never typed in."""

from dataclasses import dataclass, field
from decimal import Decimal

from learning_models.states import IndicatorKind, ResultRule


@dataclass
class CriterionResult:
    criterion: object
    met: bool | None
    points: Decimal = Decimal(0)
    indicators: list = field(default_factory=list)  # [(indicator, value, met)]


@dataclass
class Result:
    passed: bool | None  # None while an indicator has no value
    points: Decimal
    criteria: list
    missing: list  # the indicators still without a value

    @property
    def complete(self) -> bool:
        return not self.missing


def evaluate(criteria, values: dict) -> Result:
    """`criteria`: the set's criteria with their indicators (prefetched); `values`:
    {indicator id: a Decimal or None}."""
    results, missing, total = [], [], Decimal(0)
    rule = None
    for criterion in criteria:
        rule = rule or criterion.criteria_set.rule
        rows, points, all_met = [], Decimal(0), True
        for indicator in criterion.indicators.all():
            value = values.get(indicator.pk)
            met = indicator.judge(value)
            if value is None:
                missing.append(indicator)
                all_met = None if all_met is not False else False
            elif not met:
                all_met = False
            if value is not None and indicator.kind == IndicatorKind.POINTS:
                points += min(Decimal(value), indicator.max_points)
            rows.append((indicator, value, met))
        total += points
        results.append(CriterionResult(criterion, all_met, points, rows))
    if missing:
        passed = None
    elif rule == ResultRule.POINTS:
        criteria_set = results[0].criterion.criteria_set if results else None
        passed = criteria_set is not None and total >= criteria_set.pass_points
    else:
        passed = all(r.met for r in results)
    return Result(passed, total, results, missing)


def recompute(dossier, *, appraisal=False) -> Result:
    from learning_models.models import Criterion

    """Compute (and store) the self-assessment's or the appraisal's result from the values."""
    rows = {v.indicator_id: v for v in dossier.values.all()}
    field = "appraised_value" if appraisal else "value"
    values = {pk: getattr(row, field) for pk, row in rows.items()}
    criteria = (
        Criterion.objects.filter(criteria_set=dossier.criteria_set_id)
        .select_related("criteria_set")
        .prefetch_related("indicators")
    )
    outcome = evaluate(criteria, values)
    if appraisal:
        dossier.appraised_result = outcome.passed
    else:
        dossier.self_result = outcome.passed
    return outcome
