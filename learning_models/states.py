"""The learning models' vocabularies: titles, levels, how an indicator is judged, a
dossier's states, and the history types the services write."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A title here is an honour (danh hiệu), a level its degree (mức độ): not the heading and
# the tier of the unit tree the same words name elsewhere.
TITLE_LABEL = pgettext_lazy("learning model", "title")
LEVEL_LABEL = pgettext_lazy("learning model", "level")


class Title(models.TextChoices):
    """The titles a body, household or person can be recognised for (DOMAIN.md §3)."""

    LEARNING_UNIT = "learning_unit", _("learning unit")
    COMMUNITY_COMMUNE = "community_commune", _("learning community, commune level")
    COMMUNITY_DISTRICT = "community_district", _("learning community, district level")
    COMMUNITY_PROVINCE = "community_province", _("learning community, province level")
    FAMILY = "family", _("learning family")
    CLAN = "clan", _("learning clan")
    VILLAGE = "village", _("learning village or residential group")
    CITIZEN = "citizen", _("learning citizen")


# The titles a unit of the tree files a dossier for; the others are households, clans,
# villages and people, registered under their commune and reported in bulk.
BODY_TITLES = (
    Title.LEARNING_UNIT,
    Title.COMMUNITY_COMMUNE,
    Title.COMMUNITY_DISTRICT,
    Title.COMMUNITY_PROVINCE,
)
HOUSEHOLD_TITLES = (Title.FAMILY, Title.CLAN, Title.VILLAGE, Title.CITIZEN)


class Level(models.IntegerChoices):
    ONE = 1, _("level 1")
    TWO = 2, _("level 2")


class SetState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("criteria set", "draft")
    PUBLISHED = "published", pgettext_lazy("criteria set", "published")


class ResultRule(models.TextChoices):
    """How a set's overall result follows from its indicators."""

    EVERY_CRITERION = "every_criterion", _("every criterion met (each with all its indicators)")
    POINTS = "points", _("total points at least the pass mark")


class IndicatorKind(models.TextChoices):
    MET = "met", _("met or not met")
    THRESHOLD = "threshold", _("a number against a threshold")
    POINTS = "points", _("points")


class DossierState(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("learning dossier", "registered")
    SELF_ASSESSED = "self_assessed", pgettext_lazy("learning dossier", "self-assessed")
    SUBMITTED = "submitted", pgettext_lazy("learning dossier", "submitted")
    UNDER_APPRAISAL = "under_appraisal", pgettext_lazy("learning dossier", "under appraisal")
    RETURNED = "returned", pgettext_lazy("learning dossier", "returned for completion")
    RESUBMITTED = "resubmitted", pgettext_lazy("learning dossier", "resubmitted")
    RECOGNISED = "recognised", pgettext_lazy("learning dossier", "recognised")
    NOT_RECOGNISED = "not_recognised", pgettext_lazy("learning dossier", "not recognised")


# The states in which the unit still edits its self-assessment and files.
EDITABLE = (DossierState.REGISTERED, DossierState.SELF_ASSESSED, DossierState.RETURNED)
# The states in which the dossier waits for, or is in, appraisal.
WITH_REVIEWERS = (
    DossierState.SUBMITTED,
    DossierState.RESUBMITTED,
    DossierState.UNDER_APPRAISAL,
)
CLOSED = (DossierState.RECOGNISED, DossierState.NOT_RECOGNISED)


DOSSIER_HISTORY = {
    "registered": _("registered for a learning-model title"),
    "team_changed": _("assessment team changed"),
    "self_assessment_saved": _("self-assessment saved"),
    "file_attached": _("file attached to the dossier"),
    "self_assessed": _("self-assessment completed"),
    "submitted": _("dossier submitted for appraisal"),
    "late_filing_allowed": _("filing after the deadline allowed"),
    "appraisal_started": _("appraisal started"),
    "appraisal_saved": _("appraisal saved"),
    "returned": _("dossier returned for completion"),
    "resubmitted": _("dossier resubmitted"),
    "recognised": _("dossier recognised"),
    "not_recognised": _("dossier not recognised"),
}
DOSSIER_HISTORY_PUBLIC = {"recognised"}

SET_HISTORY = {
    "loaded": _("criteria set loaded from the catalogue file"),
    "drafted": _("new draft version of a criteria set"),
    "published": _("criteria set published"),
}

RECOGNITION_HISTORY = {
    "revoked": _("recognition revoked"),
}
