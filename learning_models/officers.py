"""What the learning models bring to the officers' area (common.officers): the menu's
"Learning-model dossiers", and what is due — dossiers the unit's people have still to
complete and submit, dossiers waiting for a reviewer's appraisal, recognitions that expire
in the next six months."""

from django.contrib.auth import get_user_model
from django.db.models import F, Func, IntegerField, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy, pgettext_lazy

from common import officers
from learning_models import selectors
from learning_models.permissions import EDIT_DOSSIERS, REVIEW
from organizations import permissions


def works_on_dossiers(user) -> bool:
    return permissions.can(user, EDIT_DOSSIERS) or permissions.can(user, REVIEW)


def completes_units_dossiers(user) -> bool:
    """The unit's people (the association's work on dossiers is the appraisal)."""
    return permissions.can(user, EDIT_DOSSIERS) and not permissions.is_citywide(user)


def appraises(user) -> bool:
    return permissions.can(user, REVIEW)


def follows_recognitions(user) -> bool:
    return permissions.can(user, EDIT_DOSSIERS)


def _counted(rows):
    """COUNT(*) of `rows` as a scalar subquery."""
    counted = rows.order_by().annotate(counted=Func(F("pk"), function="COUNT"))
    return Subquery(counted.values("counted")[:1], output_field=IntegerField())


@officers.per_request
def due_counts(request) -> dict:
    """Every count of the page's due items that concern the person, in one query."""
    user = request.user
    today = timezone.localdate()
    _since, until = selectors.expiring_window(today)
    counts = {}
    if completes_units_dossiers(user):
        counts["to_submit"] = _counted(selectors.awaiting_submission(user))
    if appraises(user):
        counts["to_appraise"] = _counted(selectors.awaiting_appraisal(user))
    if follows_recognitions(user):
        counts["expiring"] = _counted(
            selectors.expiring_recognitions(user, today).filter(
                valid_until__gte=today, valid_until__lte=until
            )
        )
    if not counts:
        return {}
    found = get_user_model().objects.filter(pk=user.pk).values(**counts).first()
    return found or {}


def _count(kind):
    return lambda request: due_counts(request).get(kind) or 0


def area() -> officers.OfficersArea:
    return officers.OfficersArea(
        nav=(
            officers.NavEntry(
                key="learning_models.dossiers",
                label=pgettext_lazy("menu", "Learning-model dossiers"),
                url_name="learning_models_portal:dossiers",
                order=30,
                icon="award",
                visible=works_on_dossiers,
            ),
        ),
        due=(
            officers.DueItem(
                key="learning_models.to_submit",
                label=ngettext_lazy(
                    "learning-model dossier waiting to be submitted",
                    "learning-model dossiers waiting to be submitted",
                    "count",
                ),
                count=_count("to_submit"),
                url=lambda request: reverse("learning_models_portal:dossiers"),
                order=50,
                visible=completes_units_dossiers,
            ),
            officers.DueItem(
                key="learning_models.to_appraise",
                label=ngettext_lazy(
                    "learning-model dossier waiting for your appraisal",
                    "learning-model dossiers waiting for your appraisal",
                    "count",
                ),
                count=_count("to_appraise"),
                url=lambda request: reverse("learning_models_portal:appraisal"),
                order=50,
                visible=appraises,
            ),
            officers.DueItem(
                key="learning_models.expiring",
                label=ngettext_lazy(
                    "learning-model recognition expiring in the next six months",
                    "learning-model recognitions expiring in the next six months",
                    "count",
                ),
                count=_count("expiring"),
                url=lambda request: reverse("learning_models_portal:expiring"),
                order=60,
                tone="attention",
                visible=follows_recognitions,
            ),
        ),
    )
