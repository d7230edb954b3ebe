"""Every write to the learning models: registering a unit, its self-assessment and files,
the moves of its dossier (through the workflow's funnel), the appraisal, the decision, late
filing, and the catalogue's versions. Each checks who acts, keeps the rules of DOMAIN.md §3
and writes the history."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common import attachments, public_cache
from common.history import audit
from common.text import trimmed
from learning_models import catalogue, results
from learning_models.models import (
    CriteriaSet,
    Dossier,
    DossierFile,
    FileKind,
    Indicator,
    IndicatorValue,
    Recognition,
)
from learning_models.permissions import EDIT_DOSSIERS, MANAGE_CATALOGUE
from learning_models.results import recompute
from learning_models.rules import (
    TITLE_UNITS,
    criteria_set_for,
    first_day_for_level_two,
    parse_value,
    recognition_valid_until,
)
from learning_models.states import (
    BODY_TITLES,
    EDITABLE,
    DossierState,
    Level,
    SetState,
    Title,
)
from learning_models.workflows import DOSSIER, acting_day, may_appraise, may_edit
from organizations import permissions


@transaction.atomic
def register(*, unit, title, level, year, by, on: datetime.date | None = None, at=None) -> Dossier:
    """A unit registers for `title` at `level` for the assessment `year` (raises
    ValidationError with the rule broken, PermissionDenied if `by` may not)."""
    on = on or timezone.localdate()
    if not permissions.can(by, EDIT_DOSSIERS, unit, on=on):
        raise PermissionDenied
    title, level = Title(title), Level(int(level))
    if title not in BODY_TITLES:
        raise ValidationError(
            _("Families, clans, villages and citizens are reported by their commune in bulk.")
        )
    if unit.kind not in TITLE_UNITS[title]:
        raise ValidationError(
            _("“%(unit)s” cannot be recognised as “%(title)s”.")
            % {"unit": unit, "title": title.label}
        )
    if not unit.is_valid_on(on):
        raise ValidationError(
            _("“%(unit)s” does not exist on %(day)s.")
            % {"unit": unit, "day": date_format(on, "SHORT_DATE_FORMAT")}
        )
    if Dossier.objects.filter(unit=unit, title=title, year=year).exists():
        raise ValidationError(_("This unit already has a dossier for this title and year."))
    if level == Level.TWO:
        level_one, first_day = first_day_for_level_two(unit, title, on)
        if level_one is None:
            raise ValidationError(
                _("Level 2 needs a level-1 recognition for “%(title)s” first.")
                % {"title": title.label}
            )
        if on < first_day:
            raise ValidationError(
                _(
                    "Level 2 can be asked for no sooner than 12 months after the level-1 "
                    "decision %(number)s of %(decided)s: from %(day)s."
                )
                % {
                    "number": level_one.decision_number,
                    "decided": date_format(level_one.decision_date, "SHORT_DATE_FORMAT"),
                    "day": date_format(first_day, "SHORT_DATE_FORMAT"),
                }
            )
    criteria_set = criteria_set_for(title, level, on)
    if criteria_set is None:
        raise ValidationError(
            _("No published criteria set for “%(title)s”, %(level)s is in force on %(day)s.")
            % {
                "title": title.label,
                "level": level.label,
                "day": date_format(on, "SHORT_DATE_FORMAT"),
            }
        )
    dossier = Dossier(
        unit=unit,
        title=title,
        level=level,
        year=year,
        criteria_set=criteria_set,
        registered_on=on,
        registered_by=by if by.is_authenticated else None,
    )
    dossier.full_clean()
    try:
        with transaction.atomic():
            dossier.save()
    except IntegrityError as error:  # two registrations at the same moment
        raise ValidationError(
            _("This unit already has a dossier for this title and year.")
        ) from error
    indicators = Indicator.objects.filter(criterion__criteria_set=criteria_set)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(dossier=dossier, indicator=i) for i in indicators
    )
    audit.record(
        dossier,
        action="registered",
        by=by,
        changes={
            "unit": [None, str(unit)],
            "title": [None, title.value],
            "level": [None, int(level)],
            "year": [None, year],
            "criteria_set": [None, str(criteria_set)],
        },
        at=at,
    )
    return dossier


def _editable(dossier, by):
    if not may_edit(by, dossier):
        raise PermissionDenied
    if dossier.state not in EDITABLE:
        raise ValidationError(
            _("A dossier that is “%(state)s” is no longer edited by its unit.")
            % {"state": dossier.get_state_display()}
        )


@transaction.atomic
def set_team(dossier, *, team, by, at=None) -> Dossier:
    dossier = DOSSIER.lock(dossier)
    _editable(dossier, by)
    team = trimmed(team)
    if team != dossier.team:
        old, dossier.team = dossier.team, team
        dossier.full_clean(exclude=["unit", "criteria_set", "registered_by"])
        dossier.save(update_fields=["team", "changed_at"])
        audit.record(dossier, action="team_changed", by=by, changes={"team": [old, team]}, at=at)
    return dossier


def _save_values(dossier, entries, *, by, at, appraisal):
    """`entries`: {indicator id: (raw value, note)}. All or nothing."""
    rows = {v.indicator_id: v for v in dossier.values.select_related("indicator__criterion")}
    value_field, met_field, note_field = (
        ("appraised_value", "appraised_met", "appraisal_note")
        if appraisal
        else ("value", "met", "note")
    )
    errors, changes, changed = [], {}, []
    for indicator_id, (raw, note) in entries.items():
        row = rows.get(indicator_id)
        if row is None:
            errors.append(_("An indicator of another criteria set was sent."))
            continue
        try:
            value = parse_value(row.indicator, raw)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        note = trimmed(note or "")
        old_value, old_note = getattr(row, value_field), getattr(row, note_field)
        if value != old_value or note != old_note:
            setattr(row, value_field, value)
            setattr(row, met_field, row.indicator.judge(value))
            setattr(row, note_field, note)
            changed.append(row)
            if value != old_value:
                changes[row.indicator.code] = [
                    None if old_value is None else str(old_value),
                    None if value is None else str(value),
                ]
    if errors:
        raise ValidationError(errors)
    for row in changed:
        row.full_clean(exclude=["dossier", "indicator"])
    IndicatorValue.objects.bulk_update(changed, [value_field, met_field, note_field])
    outcome = recompute(dossier, appraisal=appraisal)
    dossier.save(update_fields=["appraised_result" if appraisal else "self_result", "changed_at"])
    if changed:
        audit.record(
            dossier,
            action="appraisal_saved" if appraisal else "self_assessment_saved",
            by=by,
            changes=changes,
            at=at,
        )
    return outcome


@transaction.atomic
def save_self_assessment(dossier, *, entries, by, at=None) -> results.Result:
    dossier = DOSSIER.lock(dossier)
    _editable(dossier, by)
    return _save_values(dossier, entries, by=by, at=at, appraisal=False)


@transaction.atomic
def save_appraisal(dossier, *, entries, by, at=None) -> results.Result:
    """A reviewer's findings per indicator: agreeing with (the same value) or correcting the
    self-assessment, with a note."""
    dossier = DOSSIER.lock(dossier)
    if not may_appraise(by, dossier):
        raise PermissionDenied
    if dossier.state != DossierState.UNDER_APPRAISAL:
        raise ValidationError(_("Start the appraisal first."))
    return _save_values(dossier, entries, by=by, at=at, appraisal=True)


@transaction.atomic
def attach_file(dossier, *, kind, upload, by, indicator=None, at=None) -> DossierFile:
    """Attach evidence (of one indicator, or of the whole dossier), the self-assessment
    report or the cover letter: a photo or a PDF, its type read from its content."""
    dossier = DOSSIER.lock(dossier)
    _editable(dossier, by)
    kind = FileKind(kind)
    if indicator is not None and indicator.criterion.criteria_set_id != dossier.criteria_set_id:
        raise ValidationError(_("The indicator is not one of this dossier's."))
    content_type = attachments.check(upload)
    item = DossierFile(
        dossier=dossier,
        kind=kind,
        indicator=indicator,
        original_name=attachments.clean_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
        **({"uploaded_at": at} if at else {}),
    )
    item.file.save(f"{kind.value}.{attachments.extension(content_type)}", upload, save=False)
    item.save()
    audit.record(
        dossier,
        action="file_attached",
        by=by,
        changes={"file": [None, f"{kind.label}: {item.original_name}"]},
        at=at,
    )
    return item


def _make(dossier, name, *, by, reason="", at=None, notify=True):
    token = acting_day.set(timezone.localtime(at).date() if at else None)
    try:
        return DOSSIER.make(
            dossier, to=DOSSIER.get(name).target, by=by, reason=reason, at=at, notify=notify
        )
    finally:
        acting_day.reset(token)


def make_move(dossier, *, name, by, reason="", at=None, notify=True) -> Dossier:
    """The move `name` (a button of the officers' page), made by the funnel. Recognising
    is `recognise`, which records the decision too."""
    if name not in {m.name for m in DOSSIER.moves} or name == "recognise":
        raise ValidationError(_("There is no such step."))
    return _make(dossier, name, by=by, reason=reason, at=at, notify=notify)


@transaction.atomic
def recognise(
    dossier,
    *,
    by,
    decision_number,
    decision_date,
    signed_by,
    authority="",
    valid_until=None,
    at=None,
    notify=True,
) -> Recognition:
    """Record the recognition decision of an appraised dossier whose appraisal meets the
    set: the dossier becomes recognised and its recognition is public."""
    decision_number, signed_by = trimmed(decision_number), trimmed(signed_by)
    errors = {}
    if not decision_number:
        errors["decision_number"] = _("Give the decision's number.")
    if not signed_by:
        errors["signed_by"] = _("Say who signed the decision.")
    if decision_date is None:
        errors["decision_date"] = _("Give the decision's date.")
    if errors:
        raise ValidationError(errors)
    if decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("The decision's date cannot be in the future.")})
    dossier = _make(dossier, "recognise", by=by, at=at, notify=notify)
    criteria_set = dossier.criteria_set
    recognition = Recognition(
        dossier=dossier,
        unit=dossier.unit,
        title=dossier.title,
        level=dossier.level,
        year=dossier.year,
        decision_number=decision_number,
        decision_date=decision_date,
        signed_by=signed_by,
        authority=trimmed(authority) or criteria_set.authority,
        valid_until=valid_until or recognition_valid_until(criteria_set, dossier.year),
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )
    if recognition.valid_until <= decision_date:
        raise ValidationError({"valid_until": _("A recognition must be valid after its decision.")})
    recognition.full_clean(exclude=["dossier", "unit", "recorded_by"])
    recognition.save()
    # The register, the unit's page and the certificate show it from now on.
    public_cache.bump()
    return recognition


@transaction.atomic
def revoke(recognition, *, by, reason, at=None) -> Recognition:
    """Staff revoke a recognition, saying why: it stays on record, no longer in force, and
    the public register says so at once."""
    if not permissions.can(by, MANAGE_CATALOGUE):
        raise PermissionDenied
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if recognition.revoked_at is not None:
        raise ValidationError(_("This recognition is already revoked."))
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the recognition is revoked.")})
    recognition.revoked_at = at or timezone.now()
    recognition.revoked_reason = reason
    recognition.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(
        recognition,
        action="revoked",
        by=by,
        reason=reason,
        changes={"revoked_reason": [None, reason]},
        at=recognition.revoked_at,
    )
    public_cache.bump()
    return recognition


@transaction.atomic
def allow_late_filing(dossier, *, by, reason, at=None) -> Dossier:
    """Staff let a dossier be filed after its set's deadline, saying why."""
    dossier = DOSSIER.lock(dossier)
    if not permissions.can(by, MANAGE_CATALOGUE, dossier.unit):
        raise PermissionDenied
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the dossier may be filed late.")})
    dossier.late_filing_allowed_by = by
    dossier.late_filing_reason = reason
    dossier.save(update_fields=["late_filing_allowed_by", "late_filing_reason", "changed_at"])
    audit.record(dossier, action="late_filing_allowed", by=by, reason=reason, at=at)
    return dossier


# --- the catalogue ---------------------------------------------------------------------


@transaction.atomic
def new_draft(criteria_set, *, by) -> CriteriaSet:
    """A new draft version of a set, a copy of `criteria_set` with its criteria and
    indicators, for staff to edit and publish."""
    if not permissions.can(by, MANAGE_CATALOGUE):
        raise PermissionDenied
    if CriteriaSet.objects.filter(code=criteria_set.code, state=SetState.DRAFT).exists():
        raise ValidationError(_("This set already has a draft version: edit that one."))
    latest = CriteriaSet.objects.filter(code=criteria_set.code).order_by("-version").first()
    source = CriteriaSet.objects.get(pk=criteria_set.pk)
    criteria = list(source.criteria.prefetch_related("indicators"))
    draft = source
    draft.pk = None
    draft.version = latest.version + 1
    draft.state = SetState.DRAFT
    draft.published_at = draft.published_by = None
    draft._state.adding = True
    draft.save()
    for criterion in criteria:
        indicators = list(criterion.indicators.all())
        criterion.pk, criterion.criteria_set = None, draft
        criterion._state.adding = True
        criterion.save()
        for indicator in indicators:
            indicator.pk, indicator.criterion = None, criterion
            indicator._state.adding = True
            indicator.save()
    audit.record(
        draft, action="drafted", by=by, changes={"version": [criteria_set.version, draft.version]}
    )
    return draft


@transaction.atomic
def publish(criteria_set, *, by, at=None) -> CriteriaSet:
    """Publish a draft: from now on it never changes; registrations from its first day in
    force use it."""
    if not permissions.can(by, MANAGE_CATALOGUE):
        raise PermissionDenied
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.is_published:
        raise ValidationError(_("This version is already published."))
    indicators = Indicator.objects.filter(criterion__criteria_set=criteria_set)
    if not indicators.exists():
        raise ValidationError(_("A set without indicators cannot be published."))
    for indicator in indicators:
        indicator.full_clean()
    criteria_set.full_clean()
    CriteriaSet.objects.filter(pk=criteria_set.pk).update(
        state=SetState.PUBLISHED, published_at=at or timezone.now(), published_by=by
    )
    criteria_set.refresh_from_db()
    audit.record(
        criteria_set, action="published", by=by, changes={"state": ["draft", "published"]}, at=at
    )
    return criteria_set


@dataclass
class CatalogueReport:
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)


@transaction.atomic
def load_catalogue(path=catalogue.DEFAULT_FILE, *, by=None) -> CatalogueReport:
    """Load the catalogue file (the command `load_criteria`, the demo): each set whose code
    and version are new is saved and published; those already there are kept as they are.
    All or nothing: raises catalogue.CatalogueError."""
    report = CatalogueReport()
    for label, criteria_set, criteria in catalogue.read(path):
        if CriteriaSet.objects.filter(
            code=criteria_set.code, version=criteria_set.version
        ).exists():
            report.kept.append(label)
            continue
        criteria_set.save()
        for criterion, indicators in criteria:
            criterion.criteria_set = criteria_set
            criterion.save()
            for indicator in indicators:
                indicator.criterion = criterion
                indicator.save()
        CriteriaSet.objects.filter(pk=criteria_set.pk).update(
            state=SetState.PUBLISHED, published_at=timezone.now(), published_by=by
        )
        audit.record(
            criteria_set, action="loaded", by=by, changes={"version": [None, criteria_set.version]}
        )
        report.created.append(label)
    return report
