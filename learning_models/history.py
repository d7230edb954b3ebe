"""How the history of dossiers and criteria sets reads (common.history.display)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.history.display import HistoryDisplay, register_display
from learning_models.models import CriteriaSet, Dossier, Recognition
from learning_models.states import DossierState, Level, SetState, Title

DOSSIER_DISPLAY = HistoryDisplay(
    field_models=(Dossier,),
    labels={
        "file": _("file"),
        "criteria_set": _("criteria set"),
        "title": pgettext_lazy("learning model", "title"),
        "level": pgettext_lazy("learning model", "level"),
    },
    choices={"state": DossierState.choices, "title": Title.choices, "level": Level.choices},
)
SET_DISPLAY = HistoryDisplay(field_models=(CriteriaSet,), choices={"state": SetState.choices})
RECOGNITION_DISPLAY = HistoryDisplay(field_models=(Recognition,))


def register():
    register_display("learning_models.dossier", DOSSIER_DISPLAY)
    register_display("learning_models.criteriaset", SET_DISPLAY)
    register_display("learning_models.recognition", RECOGNITION_DISPLAY)
