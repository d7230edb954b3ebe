"""A dossier's moves, declared once (common.workflows): registered → self-assessed →
submitted → under appraisal → recognised or not recognised, or returned for completion →
resubmitted. The services make them; the portal's buttons come from `moves_for`."""

import contextvars

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.workflows import Workflow, move
from learning_models.models import FileKind
from learning_models.permissions import EDIT_DOSSIERS, REVIEW
from learning_models.results import recompute
from learning_models.states import DossierState as S
from organizations import permissions
from organizations.models import Role

# The day a move is made on when it is not today (the demo's past years): the filing
# deadline is checked against it (services._make sets it).
acting_day = contextvars.ContextVar("learning_models_acting_day", default=None)


def may_edit(user, dossier) -> bool:
    """The unit's people (and those of the units above it), and the association's staff."""
    return permissions.can(user, EDIT_DOSSIERS, dossier.unit)


def may_appraise(user, dossier) -> bool:
    """The competent level: a reviewer of the association, or one named in a unit above
    the dossier's unit (never the unit's own reviewer)."""
    if not permissions.can(user, REVIEW, dossier.unit):
        return False
    if permissions.is_citywide(user):
        return True
    return not any(
        m.unit_id == dossier.unit_id and m.role == Role.REVIEWER
        for m in permissions.memberships(user)
    )


def _values(dossier):
    return dossier.values.select_related("indicator")


def _self_assessment_complete(dossier, by):
    missing = [v.indicator.code for v in _values(dossier) if v.value is None]
    if missing:
        raise ValidationError(
            _("Give a value for every indicator first; still empty: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )


def _ready_to_file(dossier, by):
    _self_assessment_complete(dossier, by)
    kinds = set(dossier.files.values_list("kind", flat=True))
    absent = [
        str(kind.label)
        for kind in (FileKind.SELF_REPORT, FileKind.COVER_LETTER)
        if kind not in kinds
    ]
    if absent:
        raise ValidationError(
            _("Attach the %(files)s before submitting the dossier.")
            % {"files": _(" and ").join(absent)}
        )
    deadline = dossier.filing_deadline
    today = acting_day.get() or timezone.localdate()
    if deadline and today > deadline and dossier.late_filing_allowed_by_id is None:
        raise ValidationError(
            _(
                "The deadline for filing was %(day)s. The association's staff can allow a late "
                "filing, with a reason."
            )
            % {"day": date_format(deadline, "SHORT_DATE_FORMAT")}
        )


def _appraisal_complete(dossier, by):
    missing = [v.indicator.code for v in _values(dossier) if v.appraised_value is None]
    if missing:
        raise ValidationError(
            _("The appraisal has no value yet for: %(codes)s.") % {"codes": ", ".join(missing)}
        )


def _may_be_recognised(dossier, by):
    _appraisal_complete(dossier, by)
    if dossier.appraised_result is not True:
        raise ValidationError(
            _("The appraisal does not meet the criteria set: the dossier cannot be recognised.")
        )


def _self_result(dossier, change):
    recompute(dossier)
    return ["self_result"]


def _stamp_submitted(dossier, change):
    dossier.submitted_at = change.at
    return ["submitted_at"]


def _resubmitted(dossier, change):
    """A resubmitted dossier is appraised afresh, from the unit's corrected values."""
    dossier.values.update(appraised_value=None, appraised_met=None)
    dossier.appraised_result = None
    recompute(dossier)
    return [*_stamp_submitted(dossier, change), "appraised_result", "self_result"]


def _start_appraisal(dossier, change):
    """The appraisal starts from the unit's own values: reviewers agree or correct each."""
    for row in dossier.values.filter(appraised_value__isnull=True):
        row.appraised_value, row.appraised_met = row.value, row.met
        row.save(update_fields=["appraised_value", "appraised_met"])
    recompute(dossier, appraisal=True)
    return ["appraised_result"]


def _reasons(dossier, change):
    dossier.decision_reason = change.reason
    return ["decision_reason"]


def _tell(dossier):
    """After the commit: mail the reviewers or the unit (learning_models.tasks)."""
    from learning_models.tasks import notify_dossier_state

    notify_dossier_state.enqueue(dossier_id=dossier.pk, state=dossier.state)


def _refused(dossier, to):
    return _("A dossier that is “%(state)s” cannot become “%(to)s”.") % {
        "state": dossier.get_state_display(),
        "to": S(to).label,
    }


DOSSIER = Workflow(
    S,
    [
        move(
            "self_assess",
            [S.REGISTERED],
            S.SELF_ASSESSED,
            action="self_assessed",
            who=may_edit,
            check=_self_assessment_complete,
            apply=_self_result,
            label=gettext_lazy("Complete the self-assessment"),
        ),
        move(
            "submit",
            [S.SELF_ASSESSED],
            S.SUBMITTED,
            action="submitted",
            after=_tell,
            who=may_edit,
            check=_ready_to_file,
            apply=_stamp_submitted,
            label=gettext_lazy("Submit for appraisal"),
        ),
        move(
            "resubmit",
            [S.RETURNED],
            S.RESUBMITTED,
            action="resubmitted",
            after=_tell,
            who=may_edit,
            check=_ready_to_file,
            apply=_resubmitted,
            label=gettext_lazy("Resubmit"),
        ),
        move(
            "start_appraisal",
            [S.SUBMITTED, S.RESUBMITTED],
            S.UNDER_APPRAISAL,
            action="appraisal_started",
            who=may_appraise,
            apply=_start_appraisal,
            label=gettext_lazy("Start the appraisal"),
        ),
        move(
            "return",
            [S.SUBMITTED, S.RESUBMITTED, S.UNDER_APPRAISAL],
            S.RETURNED,
            action="returned",
            after=_tell,
            who=may_appraise,
            reason_required=gettext_lazy("Say what the unit must complete."),
            label=gettext_lazy("Return for completion"),
        ),
        move(
            "recognise",
            [S.UNDER_APPRAISAL],
            S.RECOGNISED,
            action="recognised",
            after=_tell,
            who=may_appraise,
            check=_may_be_recognised,
            label=gettext_lazy("Recognise"),
        ),
        move(
            "refuse",
            [S.UNDER_APPRAISAL],
            S.NOT_RECOGNISED,
            action="not_recognised",
            after=_tell,
            who=may_appraise,
            check=_appraisal_complete,
            apply=_reasons,
            reason_required=gettext_lazy("Give the reasons for not recognising the dossier."),
            label=gettext_lazy("Do not recognise"),
        ),
    ],
    refused=_refused,
    lock_related=("unit", "criteria_set"),
)

# The moves the officers' page offers as buttons (recognising needs the decision's form).
BUTTONS = ("self_assess", "submit", "resubmit", "start_appraisal")
